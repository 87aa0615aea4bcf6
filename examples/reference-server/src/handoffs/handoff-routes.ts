/**
 * The server API's handoff routes, server to server (no origin check: a key instead):
 * `POST /api/handoffs` makes a handoff link, `GET /api/handoffs/:id` says what became of it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type PublicReplies, publicReply } from '../chat/handoff-reply.js';
import type { HandoffRow } from '../db/handoff-store.js';
import type { Store } from '../db/store.js';
import { readBody } from '../net/read-body.js';
import { HANDOFFS_PER_MINUTE, type HandoffMaker } from './handoff-maker.js';
import type { HandoffFieldError } from './handoff-request.js';

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
 * What the routes need: the store, the keys, the handoff maker, and the organisation's public replies.
 *
 * @example
 * ```ts
 * const api = createHandoffRoutes({ store, apiKeys: { crm: key }, maker });
 * ```
 */
export interface HandoffRoutesOptions {
  store: Store;
  apiKeys: Readonly<Record<string, string>>;
  maker: HandoffMaker;
  /** The organisation's public replies (see `HandoffSettings.publicReply`). */
  publicReply?: PublicReplies;
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

const tooMany = (res: ServerResponse, waitMs: number) =>
  failed(
    res,
    429,
    { code: 'rate-limited', message: `at most ${HANDOFFS_PER_MINUTE} handoffs a minute per key` },
    { 'retry-after': String(Math.ceil(waitMs / 1000)) },
  );

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

  const create = async (req: IncomingMessage, res: ServerResponse, name: string) => {
    const caller = `api:${name}`;
    // Refused before the body is read: a caller over its limit costs nothing more.
    const wait = options.maker.retryAfterMs(caller);
    if (wait > 0) return tooMany(res, wait);
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
    const made = await options.maker.make(parsed, caller);
    if (made.ok) return answer(res, 201, { ...made.value, expiresAt: iso(made.value.expiresAt) });
    if ('retryAfterMs' in made) return tooMany(res, made.retryAfterMs);
    failed(res, 400, made.error);
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
