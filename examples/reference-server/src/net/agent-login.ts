import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseTopics } from '@clavard/agent-api';
import { isRecord } from '@clavard/protocol/internal';
import { agentInfo } from '../accounts/accounts.js';
import { decoyHash, MAX_PASSWORD_LENGTH, verifyPassword } from '../accounts/password.js';
import { createThrottle, type Throttle } from '../accounts/throttle.js';
import type { Store } from '../db/store.js';
import { createToken, hashToken } from '../tokens.js';
import { readBody } from './read-body.js';

const JSON_TYPE = { 'content-type': 'application/json', 'cache-control': 'no-store' };
const MAX_LOGIN_BYTES = 16 * 1024;
const WINDOW_MS = 15 * 60_000;
/** How long a sign-in lasts: a long shift. */
export const AGENT_SESSION_MS = 12 * 60 * 60_000;

const answer = (res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}) =>
  void res.writeHead(status, { ...JSON_TYPE, ...headers }).end(JSON.stringify(body));

/**
 * The agents' sign-in: accounts in the store, two throttles, the organisation's topics.
 *
 * @example
 * ```ts
 * const signIn = createAgentSignIn({ store, topics: ['Billing'] });
 * if (path === '/agent/login') return signIn(req, res);
 * ```
 */
export interface AgentSignInOptions {
  store: Store;
  /** The organisation's topics: `topics` in the body may name only these. */
  topics: readonly string[];
  /** Failed sign-ins allowed per account in 15 minutes. @default 5 */
  maxFailuresPerAccount?: number;
  /** Failed sign-ins allowed per address in 15 minutes. @default 20 */
  maxFailuresPerAddress?: number;
  /** @default Date.now */
  now?: () => number;
}

const fieldsOf = (body: string | undefined): Record<string, unknown> | undefined => {
  try {
    const value: unknown = body === undefined ? undefined : JSON.parse(body);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
};

const tooMany = (res: ServerResponse, waitMs: number) =>
  answer(
    res,
    429,
    {
      error: 'rate-limited',
      message: 'too many failed sign-ins: wait, then try again',
      retryAfterMs: waitMs,
    },
    { 'retry-after': String(Math.ceil(waitMs / 1000)) },
  );

/**
 * Makes the handler of `POST /agent/login` with `{ login, password, topics? }`:
 * - `201 { token, agent, role }`: a new session of the account (12 h), its token in the body only;
 *   `topics`, when given, replace the account's;
 * - `401` for an unknown login or a wrong password (the same answer, in the same time);
 * - `429` with `Retry-After` after 5 failures for the account or 20 from the address in 15 minutes;
 * - `400` for a malformed body or a topic the organisation does not have.
 *
 * @example
 * ```ts
 * await fetch(`${url}/agent/login`, { method: 'POST', body: JSON.stringify({ login: 'julie', password: 'demo' }) });
 * ```
 */
export function createAgentSignIn(
  options: AgentSignInOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { store } = options;
  const now = options.now ?? Date.now;
  const byAccount: Throttle = createThrottle({
    max: options.maxFailuresPerAccount ?? 5,
    windowMs: WINDOW_MS,
    now,
  });
  const byAddress: Throttle = createThrottle({
    max: options.maxFailuresPerAddress ?? 20,
    windowMs: WINDOW_MS,
    now,
  });

  return async (req, res) => {
    const fields = fieldsOf(await readBody(req, MAX_LOGIN_BYTES));
    const login = typeof fields?.login === 'string' ? fields.login.trim().toLowerCase() : '';
    const password = typeof fields?.password === 'string' ? fields.password : '';
    if (
      !fields ||
      login === '' ||
      login.length > 64 ||
      password === '' ||
      password.length > MAX_PASSWORD_LENGTH
    ) {
      return answer(res, 400, { error: 'invalid-frame', message: 'login and password are required' });
    }
    const address = req.socket.remoteAddress ?? 'unknown';
    const wait = Math.max(byAccount.retryAfterMs(login), byAddress.retryAfterMs(address));
    if (wait > 0) return tooMany(res, wait);
    const account = await store.accountByLogin(login);
    const matches = await verifyPassword(password, account?.password_hash ?? (await decoyHash()));
    if (!account || !matches) {
      byAccount.fail(login);
      byAddress.fail(address);
      return answer(res, 401, { error: 'unauthorized', message: 'unknown login or wrong password' });
    }
    byAccount.clear(login);
    if (fields.topics !== undefined) {
      const topics = parseTopics(fields.topics, options.topics);
      if (!topics.ok) return answer(res, 400, { error: 'invalid-frame', message: `topics: ${topics.error}` });
      await store.setAgentTopics(account.id, topics.value);
    }
    const token = createToken();
    await store.createSession(hashToken(token), account.id, now() + AGENT_SESSION_MS);
    answer(res, 201, { token, agent: agentInfo(account), role: account.role });
  };
}
