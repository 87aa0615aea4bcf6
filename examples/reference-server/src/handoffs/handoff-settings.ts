/**
 * The handoffs' settings (a public post's case carried to a private chat) and the server API's keys,
 * as options and from the environment.
 */
import type { PublicReplies } from '../chat/handoff-reply.js';

/** A day, in ms. */
const DAY_MS = 86_400_000;

/**
 * How handoff links are made and opened.
 *
 * @example
 * ```ts
 * const settings: HandoffSettings = { secret: process.env.CLAVARD_HANDOFF_SECRET, expiryMs: 3 * 86_400_000 };
 * ```
 */
export interface HandoffSettings {
  /**
   * Signs the links (HMAC-SHA256), at least 32 characters; the server refuses to start with a shorter
   * one. From `CLAVARD_HANDOFF_SECRET`. @default made once and kept in the database
   */
  secret?: string;
  /** How long a link can be opened, in ms. From `CLAVARD_HANDOFF_EXPIRY_DAYS`. @default 7 days */
  expiryMs?: number;
  /**
   * A handoff's conversation goes ahead of the ordinary queue. From `CLAVARD_HANDOFF_PRIORITY=0` (off).
   * @default true
   */
  priority?: boolean;
  /**
   * How long a conversation whose link named an advisor is held for them, from the link's opening, in
   * ms; past that it goes by topic (an advisor busy elsewhere does not keep the customer waiting).
   * @default 3 minutes
   */
  advisorHoldMs?: number;
  /**
   * The page of the organisation's site links open, when the request names none (`landingUrl`). From
   * `CLAVARD_HANDOFF_SITE_URL`. @default the server's own `/`
   */
  siteUrl?: string;
  /**
   * The organisation's reviewed public reply, per language, given once a handoff's conversation ended
   * (`publicReply` of `GET /api/handoffs/:id`, and beside the conversation in the console). From
   * `CLAVARD_HANDOFF_REPLY` and `CLAVARD_HANDOFF_REPLY_FR`. @default "We sorted this out with you in
   * private. Thank you for your patience!", and its French
   */
  publicReply?: PublicReplies;
}

/**
 * The default expiry of a handoff link: 7 days, in ms.
 *
 * @example
 * ```ts
 * const expiresAt = now + (settings.expiryMs ?? DEFAULT_HANDOFF_EXPIRY_MS);
 * ```
 */
export const DEFAULT_HANDOFF_EXPIRY_MS = 7 * DAY_MS;

/**
 * The API keys of `CLAVARD_API_KEYS` (`name:key,name2:key2`). Throws on an entry without a name or a key,
 * or a name given twice.
 *
 * @example
 * ```ts
 * parseApiKeys('crm:k3y-of-the-crm'); // { crm: 'k3y-of-the-crm' }
 * ```
 */
export function parseApiKeys(text: string): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const entry of text.split(',').map((item) => item.trim())) {
    if (entry === '') continue;
    const colon = entry.indexOf(':');
    const name = entry.slice(0, colon).trim();
    const key = entry.slice(colon + 1).trim();
    if (colon <= 0 || key === '' || !/^[\w.-]+$/.test(name)) {
      throw new Error(
        'CLAVARD_API_KEYS must be name:key pairs separated by commas (names of letters, digits, . _ -)',
      );
    }
    if (Object.hasOwn(keys, name)) throw new Error(`CLAVARD_API_KEYS names "${name}" twice`);
    keys[name] = key;
  }
  return keys;
}

/**
 * The handoff settings and API keys from environment variables: `CLAVARD_HANDOFF_SECRET`,
 * `CLAVARD_HANDOFF_EXPIRY_DAYS` (a whole number above 0), `CLAVARD_HANDOFF_PRIORITY` (`0`: no priority),
 * `CLAVARD_HANDOFF_SITE_URL`, `CLAVARD_API_KEYS`. Throws on a malformed value.
 *
 * @example
 * ```ts
 * const { handoffs, apiKeys } = readHandoffConfig(process.env);
 * ```
 */
export function readHandoffConfig(env: Readonly<Record<string, string | undefined>>): {
  handoffs: HandoffSettings;
  apiKeys?: Record<string, string>;
} {
  const handoffs: HandoffSettings = {};
  if (env.CLAVARD_HANDOFF_SECRET) handoffs.secret = env.CLAVARD_HANDOFF_SECRET;
  if (env.CLAVARD_HANDOFF_EXPIRY_DAYS) {
    const days = Number(env.CLAVARD_HANDOFF_EXPIRY_DAYS);
    if (!Number.isInteger(days) || days <= 0) {
      throw new Error(
        `CLAVARD_HANDOFF_EXPIRY_DAYS must be a whole number of days above 0, not ${env.CLAVARD_HANDOFF_EXPIRY_DAYS}`,
      );
    }
    handoffs.expiryMs = days * DAY_MS;
  }
  if (env.CLAVARD_HANDOFF_PRIORITY === '0') handoffs.priority = false;
  if (env.CLAVARD_HANDOFF_SITE_URL) handoffs.siteUrl = env.CLAVARD_HANDOFF_SITE_URL;
  const reply = {
    ...(env.CLAVARD_HANDOFF_REPLY ? { en: env.CLAVARD_HANDOFF_REPLY } : {}),
    ...(env.CLAVARD_HANDOFF_REPLY_FR ? { fr: env.CLAVARD_HANDOFF_REPLY_FR } : {}),
  };
  if (Object.keys(reply).length > 0) handoffs.publicReply = reply;
  return {
    handoffs,
    ...(env.CLAVARD_API_KEYS ? { apiKeys: parseApiKeys(env.CLAVARD_API_KEYS) } : {}),
  };
}
