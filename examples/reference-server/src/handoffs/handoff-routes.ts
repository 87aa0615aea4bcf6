/**
 * The server API's handoff routes, server to server (no origin check: a key instead):
 * `POST /api/handoffs` makes a handoff link, `GET /api/handoffs/:id` says what became of it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createThrottle } from '../accounts/throttle.js';
import { type PublicReplies, publicReply } from '../chat/handoff-reply.js';
import type { HandoffRow } from '../db/handoff-store.js';
import type { Store } from '../db/store.js';
import { readBody } from '../net/read-body.js';
import { type HandoffFieldError, type HandoffRequest, parseHandoffRequest } from './handoff-request.js';
import { DEFAULT_HANDOFF_EXPIRY_MS } from './handoff-settings.js';
import { createHandoffToken } from './handoff-token.js';

/**
 * The largest body `POST /api/handoffs` reads: 32 KiB (413 beyond).
 *
 * @example
 * ```ts
 * await readBody(req, MAX_HANDOFF_BODY_BYTES);
 * ```
 */
export const MAX_HANDOFF_BODY_BYTES = 32 * 1024;
/**
 * Handoffs one key may make in a minute (429 beyond).
 *
 * @example
 * ```ts
 * createThrottle({ max: HANDOFFS_PER_MINUTE, windowMs: 60_000 });
 * ```
 */
export const HANDOFFS_PER_MINUTE = 30;

/**
 * What the routes need: the store, the keys, the signing secret, the expiry, the pages links may land
 * on, and the clock.
 *
 * @example
 * ```ts
 * const api = createHandoffRoutes({ store, apiKeys: { crm: key }, secret, expiryMs: 7 * 86_400_000, siteUrl: () => 'https://shop.example/', landingOrigins: ['https://shop.example'], topics: [], now: Date.now });
 * ```
 */
export interface HandoffRoutesOptions {
  store: Store;
  apiKeys: Readonly<Record<string, string>>;
  secret: string;
  expiryMs?: number;
  /** The page links open when the request names none (known once the server listens). */
  siteUrl: () => string;
  /** The origins a `landingUrl` may have: the site's, the server's own, the widget's allowed origins. */
  landingOrigins: () => readonly string[];
  topics: readonly string[];
  /** The organisation's public replies (see `HandoffSettings.publicReply`). */
  publicReply?: PublicReplies;
  now: () => number;
}

const JSON_TYPE = { 'content-type': 'application/json', 'cache-control': 'no-store' };

const answer = (res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}) =>
  void res.writeHead(status, { ...JSON_TYPE, ...headers }).end(JSON.stringify(body));

const failed = (
  res: ServerResponse,
  status: number,
  error: HandoffFieldError | { code: string; message: string },
  headers = {},
) => answer(res, status, { error: { field: null, ...error } }, headers);

const digest = (text: string) => createHash('sha256').update(text).digest();

/** The name of the key the request carries, comparing with every key in constant time. */
const keyName = (req: IncomingMessage, keys: Readonly<Record<string, string>>): string | undefined => {
  const given = /^Bearer ([\x21-\x7e]+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (given === undefined) return undefined;
  const mine = digest(given);
  let found: string | undefined;
  for (const [name, key] of Object.entries(keys)) {
    if (timingSafeEqual(mine, digest(key)) && found === undefined) found = name;
  }
  return found;
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The landing page with `?clavard=<token>`, its other parameters kept. */
const linkTo = (landing: URL, token: string): string => {
  const url = new URL(landing.href);
  url.searchParams.set('clavard', token);
  return url.href;
};

/**
 * The routes under `/api`: `route` answers and returns true for every path there (404 for an unknown
 * one), false elsewhere.
 *
 * @example
 * ```ts
 * if (await api.route(req, res, path)) return;
 * ```
 */
export function createHandoffRoutes(options: HandoffRoutesOptions) {
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
    if (request.advisor !== undefined && !advisor) {
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

  const create = async (req: IncomingMessage, res: ServerResponse, name: string) => {
    const wait = creations.retryAfterMs(name);
    if (wait > 0) {
      return failed(
        res,
        429,
        { code: 'rate-limited', message: `at most ${HANDOFFS_PER_MINUTE} handoffs a minute per key` },
        {
          'retry-after': String(Math.ceil(wait / 1000)),
        },
      );
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return failed(res, 415, { code: 'unsupported-media-type', message: 'send application/json' });
    }
    const body = await readBody(req, MAX_HANDOFF_BODY_BYTES);
    if (body === undefined) {
      return failed(res, 413, {
        code: 'too-large',
        message: `the body must be at most ${MAX_HANDOFF_BODY_BYTES} bytes`,
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return failed(res, 400, { code: 'invalid-body', field: null, message: 'the body is not valid JSON' });
    }
    const checked = parseHandoffRequest(parsed);
    if (!checked.ok) return failed(res, 400, checked.error);
    const resolved = await resolve(checked.value);
    if (!('landing' in resolved)) return failed(res, 400, resolved);
    creations.fail(name);
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
      created_by: `api:${name}`,
      expires_at: minted.expiresAt,
    });
    answer(res, 201, {
      id: minted.id,
      url: linkTo(resolved.landing, minted.token),
      expiresAt: iso(minted.expiresAt),
    });
  };

  const show = async (res: ServerResponse, name: string, id: string) => {
    const handoff: HandoffRow | undefined = await store.handoff(id);
    // Another key's handoff is not this caller's to follow: the same answer as none.
    if (!handoff || handoff.created_by !== `api:${name}`) {
      return failed(res, 404, { code: 'not-found', message: `no handoff ${id}` });
    }
    const takenBy = handoff.taken_by === null ? undefined : await store.agent(handoff.taken_by);
    const visitor = handoff.visitor_id === null ? undefined : await store.visitor(handoff.visitor_id);
    answer(res, 200, {
      id: handoff.id,
      channel: handoff.channel,
      createdAt: iso(handoff.created_at),
      expiresAt: iso(handoff.expires_at),
      openedAt: iso(handoff.opened_at),
      takenAt: iso(handoff.taken_at),
      takenBy: takenBy?.first_name ?? null,
      resolvedAt: iso(handoff.resolved_at),
      // Once resolved: the reviewed reply to post where the customer wrote, in their language.
      publicReply:
        handoff.resolved_at === null ? null : publicReply(visitor?.locale ?? null, options.publicReply),
    });
  };

  return {
    async route(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
      if (path !== '/api' && !path.startsWith('/api/')) return false;
      if (Object.keys(options.apiKeys).length === 0) {
        failed(res, 404, { code: 'not-found', message: 'this server has no API' });
        return true;
      }
      const name = keyName(req, options.apiKeys);
      if (name === undefined) {
        failed(
          res,
          401,
          { code: 'unauthorized', message: 'send Authorization: Bearer <API key>' },
          { 'www-authenticate': 'Bearer' },
        );
        return true;
      }
      const one = /^\/api\/handoffs\/(h_[A-Za-z0-9_-]{1,40})$/.exec(path)?.[1];
      if (path === '/api/handoffs') {
        if (req.method === 'POST') await create(req, res, name);
        else failed(res, 405, { code: 'method-not-allowed', message: 'POST a handoff' }, { allow: 'POST' });
      } else if (one !== undefined) {
        if (req.method === 'GET') await show(res, name, one);
        else failed(res, 405, { code: 'method-not-allowed', message: 'GET a handoff' }, { allow: 'GET' });
      } else {
        failed(res, 404, { code: 'not-found', message: `no route ${path}` });
      }
      return true;
    },
  };
}
