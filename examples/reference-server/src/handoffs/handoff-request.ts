/**
 * The body of `POST /api/handoffs`, checked field by field: every bad input gets an error naming its
 * field and what is wrong.
 */
import { isRecord } from '@clavard/protocol/internal';
import { HANDOFF_CHANNELS, type HandoffChannel, type HandoffDetail } from '../db/handoff-store.js';

/**
 * What is wrong with a request: `invalid-body` (not a JSON object), `missing-field`, `invalid-field`,
 * `unknown-field`, `unknown-topic` (not one of the organisation's), `unknown-advisor` (no such agent
 * login), `landing-not-allowed` (not a page of the organisation's site).
 *
 * @example
 * ```ts
 * const code: HandoffErrorCode = 'missing-field';
 * ```
 */
export type HandoffErrorCode =
  | 'invalid-body'
  | 'missing-field'
  | 'invalid-field'
  | 'unknown-field'
  | 'unknown-topic'
  | 'unknown-advisor'
  | 'landing-not-allowed';

/**
 * An error of the API, as its 400 body says it: `{ error: { code, field, message } }`.
 *
 * @example
 * ```ts
 * const error: HandoffFieldError = { code: 'invalid-field', field: 'postUrl', message: 'postUrl must be an https URL' };
 * ```
 */
export interface HandoffFieldError {
  code: HandoffErrorCode;
  /** The field concerned; null for the body as a whole. */
  field: string | null;
  message: string;
}

/**
 * A request that passed the checks of {@link parseHandoffRequest}; the topic and advisor are still to be
 * matched with the organisation's, and the landing page with its site.
 *
 * @example
 * ```ts
 * const request: HandoffRequest = { channel: 'x', handle: '@ana', postUrl: 'https://x.com/ana/status/1', summary: 'a double charge', details: [] };
 * ```
 */
export interface HandoffRequest {
  channel: HandoffChannel;
  handle: string;
  postUrl: string;
  summary: string;
  details: HandoffDetail[];
  topic?: string;
  /** An agent's login. */
  advisor?: string;
  /** In ms. */
  postedAt?: number;
  landingUrl?: URL;
}

/**
 * The most characters of each text, and the most details.
 *
 * @example
 * ```ts
 * summary.length <= HANDOFF_LIMITS.summary; // 200
 * ```
 */
export const HANDOFF_LIMITS = {
  handle: 100,
  url: 2048,
  summary: 200,
  detailLabel: 60,
  detailValue: 500,
  details: 20,
  topic: 100,
  advisor: 100,
} as const;

const FIELDS = new Set([
  'channel',
  'handle',
  'postUrl',
  'summary',
  'details',
  'topic',
  'advisor',
  'postedAt',
  'landingUrl',
]);
// Control characters and line separators have no place in what the customer or an agent reads.
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

class Refused extends Error {
  constructor(readonly refusal: HandoffFieldError) {
    super(refusal.message);
  }
}

const refuse = (code: HandoffErrorCode, field: string | null, message: string): never => {
  throw new Refused({ code, field, message });
};

const text = (value: unknown, field: string, max: number, required: boolean): string | undefined => {
  if (value === undefined || value === null) {
    return required ? refuse('missing-field', field, `${field} is required`) : undefined;
  }
  if (typeof value !== 'string') return refuse('invalid-field', field, `${field} must be a string`);
  const trimmed = value.trim();
  if (trimmed === '') return refuse('invalid-field', field, `${field} must not be empty`);
  if ([...trimmed].length > max)
    return refuse('invalid-field', field, `${field} must be at most ${max} characters`);
  if (CONTROL.test(trimmed))
    return refuse('invalid-field', field, `${field} must not hold control characters`);
  return trimmed;
};

const url = (
  value: unknown,
  field: string,
  required: boolean,
  schemes: readonly string[],
): URL | undefined => {
  const given = text(value, field, HANDOFF_LIMITS.url, required);
  if (given === undefined) return undefined;
  const parsed = URL.canParse(given) ? new URL(given) : undefined;
  if (!parsed || !schemes.includes(parsed.protocol) || parsed.username !== '' || parsed.password !== '') {
    return refuse(
      'invalid-field',
      field,
      `${field} must be an ${schemes.map((s) => s.slice(0, -1)).join(' or ')} URL`,
    );
  }
  return parsed;
};

const details = (value: unknown): HandoffDetail[] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    return refuse('invalid-field', 'details', 'details must be an array of { label, value }');
  if (value.length > HANDOFF_LIMITS.details) {
    return refuse('invalid-field', 'details', `details must hold at most ${HANDOFF_LIMITS.details} entries`);
  }
  return value.map((entry, index) => {
    const field = `details[${index}]`;
    if (!isRecord(entry)) return refuse('invalid-field', field, `${field} must be { label, value }`);
    const extra = Object.keys(entry).find((key) => key !== 'label' && key !== 'value');
    if (extra !== undefined)
      return refuse('unknown-field', `${field}.${extra}`, `${field} has no field ${extra}`);
    return {
      label: text(entry.label, `${field}.label`, HANDOFF_LIMITS.detailLabel, true) as string,
      value: text(entry.value, `${field}.value`, HANDOFF_LIMITS.detailValue, true) as string,
    };
  });
};

const postedAt = (value: unknown): number | undefined => {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'string' && ISO_DATE.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    return refuse('invalid-field', 'postedAt', 'postedAt must be an ISO 8601 date and time');
  return ms;
};

/**
 * Checks a parsed JSON body: the required fields (`channel`, `handle`, `postUrl` an https URL,
 * `summary` of 200 characters at most), the optional ones (`details`, `topic`, `advisor`, `postedAt`,
 * `landingUrl`), and no other.
 *
 * @example
 * ```ts
 * const checked = parseHandoffRequest(JSON.parse(body));
 * if (!checked.ok) return answer(400, { error: checked.error });
 * ```
 */
export function parseHandoffRequest(
  body: unknown,
): { ok: true; value: HandoffRequest } | { ok: false; error: HandoffFieldError } {
  try {
    if (!isRecord(body)) return refuse('invalid-body', null, 'the body must be a JSON object');
    const extra = Object.keys(body).find((key) => !FIELDS.has(key));
    if (extra !== undefined) refuse('unknown-field', extra, `there is no field ${extra}`);
    const channel = text(body.channel, 'channel', 20, true) as string;
    if (!(HANDOFF_CHANNELS as readonly string[]).includes(channel)) {
      refuse('invalid-field', 'channel', `channel must be one of ${HANDOFF_CHANNELS.join(', ')}`);
    }
    const topic = text(body.topic, 'topic', HANDOFF_LIMITS.topic, false);
    const advisor = text(body.advisor, 'advisor', HANDOFF_LIMITS.advisor, false);
    const posted = postedAt(body.postedAt);
    const landingUrl = url(body.landingUrl, 'landingUrl', false, ['https:', 'http:']);
    return {
      ok: true,
      value: {
        channel: channel as HandoffChannel,
        handle: text(body.handle, 'handle', HANDOFF_LIMITS.handle, true) as string,
        postUrl: (url(body.postUrl, 'postUrl', true, ['https:']) as URL).href,
        summary: text(body.summary, 'summary', HANDOFF_LIMITS.summary, true) as string,
        details: details(body.details),
        ...(topic === undefined ? {} : { topic }),
        ...(advisor === undefined ? {} : { advisor }),
        ...(posted === undefined ? {} : { postedAt: posted }),
        ...(landingUrl === undefined ? {} : { landingUrl }),
      },
    };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.refusal };
    throw error;
  }
}
