/**
 * Making a handoff link, the same way whoever asks: a tool through `POST /api/handoffs`, or a community
 * manager in the console (`agent.handoffs`). The request is checked, matched with the organisation's
 * topics, agents and site, rate-limited per caller, and stored with only its token's hash.
 */
import { createThrottle } from '../accounts/throttle.js';
import type { Store } from '../db/store.js';
import { type HandoffFieldError, type HandoffRequest, parseHandoffRequest } from './handoff-request.js';
import { DEFAULT_HANDOFF_EXPIRY_MS } from './handoff-settings.js';
import { createHandoffToken } from './handoff-token.js';

/**
 * Handoffs one caller (an API key, an account) may make in a minute.
 *
 * @example
 * ```ts
 * createThrottle({ max: HANDOFFS_PER_MINUTE, windowMs: 60_000 });
 * ```
 */
export const HANDOFFS_PER_MINUTE = 30;

/**
 * What the maker needs: the store, the signing secret, the expiry, the pages links may land on, the
 * organisation's topics, and the clock.
 *
 * @example
 * ```ts
 * const maker = createHandoffMaker({ store, secret, siteUrl: () => 'https://shop.example/', landingOrigins: () => ['https://shop.example'], topics: [], now: Date.now });
 * ```
 */
export interface HandoffMakerOptions {
  store: Store;
  secret: string;
  expiryMs?: number;
  /** The page links open when the request names none (known once the server listens). */
  siteUrl: () => string;
  /** The origins a `landingUrl` may have: the site's, the server's own, the widget's allowed origins. */
  landingOrigins: () => readonly string[];
  topics: readonly string[];
  now: () => number;
}

/**
 * A link just made: the handoff's id, the link to give the customer, and when it stops working (ms).
 *
 * @example
 * ```ts
 * const made: MadeHandoff = { id: 'h_1', url: 'https://shop.example/?clavard=h_…', expiresAt: 1_765_000_000_000 };
 * ```
 */
export interface MadeHandoff {
  id: string;
  url: string;
  expiresAt: number;
}

/**
 * Why no link was made: a field the request got wrong, or `rate-limited` with the wait in ms.
 *
 * @example
 * ```ts
 * if (!made.ok && made.error.code === 'rate-limited') retryIn(made.retryAfterMs);
 * ```
 */
export type HandoffRefusal =
  | { ok: false; error: HandoffFieldError }
  | { ok: false; error: { code: 'rate-limited'; field: null; message: string }; retryAfterMs: number };

const tooMany = (retryAfterMs: number): HandoffRefusal => ({
  ok: false,
  error: { code: 'rate-limited', field: null, message: `at most ${HANDOFFS_PER_MINUTE} handoffs a minute` },
  retryAfterMs,
});

/** The landing page with `?clavard=<token>`, its other parameters kept. */
const linkTo = (landing: URL, token: string): string => {
  const url = new URL(landing.href);
  url.searchParams.set('clavard', token);
  return url.href;
};

/**
 * The maker: `make(body, createdBy)` checks a request body and stores its handoff, `createdBy` being an
 * agent account's id or `api:<key name>` (also the rate limit's key).
 *
 * @example
 * ```ts
 * const made = await maker.make(JSON.parse(body), 'api:crm');
 * if (made.ok) answer(201, made.value);
 * ```
 */
export function createHandoffMaker(options: HandoffMakerOptions) {
  const { store } = options;
  const creations = createThrottle({ max: HANDOFFS_PER_MINUTE, windowMs: 60_000, now: options.now });

  /** Topic, advisor and landing page matched with the organisation's; an error otherwise. */
  const resolve = async (
    request: HandoffRequest,
  ): Promise<HandoffFieldError | { advisorId: string | null; landing: URL }> => {
    if (request.topic !== undefined && !options.topics.includes(request.topic)) {
      return {
        code: 'unknown-topic',
        field: 'topic',
        message: `the organisation has no topic ${request.topic}`,
      } as const;
    }
    const advisor = request.advisor === undefined ? undefined : await store.accountByLogin(request.advisor);
    // A community manager takes no chat: the greeting must not promise they will continue.
    if (request.advisor !== undefined && (!advisor || advisor.role === 'community')) {
      return {
        code: 'unknown-advisor',
        field: 'advisor',
        message: `no agent has the login ${request.advisor}`,
      } as const;
    }
    const landing = request.landingUrl ?? new URL(options.siteUrl());
    if (request.landingUrl && !options.landingOrigins().includes(landing.origin)) {
      return {
        code: 'landing-not-allowed',
        field: 'landingUrl',
        message: `${landing.origin} is not a site of the organisation`,
      } as const;
    }
    return { advisorId: advisor?.id ?? null, landing };
  };

  return {
    /** How long `createdBy` must wait before making another (0: it may now). */
    retryAfterMs: (createdBy: string) => creations.retryAfterMs(createdBy),

    async make(body: unknown, createdBy: string): Promise<{ ok: true; value: MadeHandoff } | HandoffRefusal> {
      const wait = creations.retryAfterMs(createdBy);
      if (wait > 0) return tooMany(wait);
      const checked = parseHandoffRequest(body);
      if (!checked.ok) return checked;
      const resolved = await resolve(checked.value);
      if (!('landing' in resolved)) return { ok: false, error: resolved };
      // Checked again: another request of the same caller may have made one while this one looked up.
      const late = creations.retryAfterMs(createdBy);
      if (late > 0) return tooMany(late);
      creations.fail(createdBy);
      const request = checked.value;
      const minted = createHandoffToken(
        options.secret,
        options.now() + (options.expiryMs ?? DEFAULT_HANDOFF_EXPIRY_MS),
      );
      await store.createHandoff({
        id: minted.id,
        token_hash: minted.tokenHash,
        channel: request.channel,
        handle: request.handle,
        post_url: request.postUrl,
        posted_at: request.postedAt ?? null,
        summary: request.summary,
        details: request.details,
        topic: request.topic ?? null,
        advisor_id: resolved.advisorId,
        created_by: createdBy,
        expires_at: minted.expiresAt,
      });
      return {
        ok: true,
        value: { id: minted.id, url: linkTo(resolved.landing, minted.token), expiresAt: minted.expiresAt },
      };
    },
  };
}

/**
 * A handoff maker (see {@link createHandoffMaker}).
 *
 * @example
 * ```ts
 * const maker: HandoffMaker = createHandoffMaker(options);
 * ```
 */
export type HandoffMaker = ReturnType<typeof createHandoffMaker>;
