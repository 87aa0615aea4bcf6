import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_SHORT_LENGTH } from '@clavard/protocol';
import { parseTopics } from '../agent-protocol.js';
import type { Store } from '../db/store.js';
import { createToken, hashToken, sameSecret } from '../tokens.js';
import { readBody } from './read-body.js';

const JSON_TYPE = { 'content-type': 'application/json', 'cache-control': 'no-store' };
const MAX_LOGIN_BYTES = 16 * 1024;
const MAX_FIRST_NAME = 64;

const answer = (res: ServerResponse, status: number, body: object) =>
  void res.writeHead(status, JSON_TYPE).end(JSON.stringify(body));

const text = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= max ? value.trim() : undefined;

const httpUrl = (value: unknown): string | undefined => {
  const candidate = text(value, MAX_SHORT_LENGTH);
  if (candidate === undefined) return undefined;
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
};

/**
 * What {@link agentLogin} checks a sign-in against.
 *
 * @example
 * ```ts
 * agentLogin(req, res, { store, password: 'demo', topics: ['Billing', 'Technical support'] });
 * ```
 */
export interface AgentLoginOptions {
  store: Store;
  /** The agents' shared password; undefined: sign-in is off. */
  password: string | undefined;
  /** The organisation's topics: `topics` in the body may name only these. */
  topics: readonly string[];
}

/**
 * `POST /agent/login` with `{ password, firstName, title?, avatarUrl?, topics? }`: `201 { token, agent }`,
 * `401` for a wrong password (compared in constant time), `400` for a bad body (a topic the organisation
 * does not have included), `503` when no password is configured. Every sign-in makes a new
 * agent, with the topics they handle (none: every topic); the token opens `/agent/ws` (in `agent.hello`).
 *
 * @example
 * ```ts
 * await fetch(`${url}/agent/login`, { method: 'POST', body: JSON.stringify({ password: 'demo', firstName: 'Julie', topics: ['Billing'] }) });
 * ```
 */
export async function agentLogin(
  req: IncomingMessage,
  res: ServerResponse,
  { store, password, topics: known }: AgentLoginOptions,
): Promise<void> {
  const body = await readBody(req, MAX_LOGIN_BYTES);
  if (password === undefined)
    return answer(res, 503, { error: 'unavailable', message: 'agent sign-in is off' });
  let input: unknown;
  try {
    input = body === undefined ? undefined : JSON.parse(body);
  } catch {
    input = undefined;
  }
  if (typeof input !== 'object' || input === null) return answer(res, 400, { error: 'invalid-frame' });
  const fields = input as Record<string, unknown>;
  const given = typeof fields.password === 'string' ? fields.password : '';
  if (!sameSecret(given, password)) return answer(res, 401, { error: 'unauthorized' });
  const firstName = text(fields.firstName, MAX_FIRST_NAME);
  if (firstName === undefined) return answer(res, 400, { error: 'invalid-frame', message: 'firstName' });
  const title = text(fields.title, 120);
  const avatarUrl = httpUrl(fields.avatarUrl);
  const topics =
    fields.topics === undefined ? { ok: true as const, value: [] } : parseTopics(fields.topics, known);
  if (!topics.ok) return answer(res, 400, { error: 'invalid-frame', message: `topics: ${topics.error}` });
  const token = createToken();
  const row = store.createAgent(hashToken(token), {
    firstName,
    ...(title === undefined ? {} : { title }),
    ...(avatarUrl === undefined ? {} : { avatarUrl }),
    topics: topics.value,
  });
  answer(res, 201, {
    token,
    agent: {
      id: row.id,
      firstName: row.first_name,
      ...(row.title === null ? {} : { title: row.title }),
      ...(row.avatar_url === null ? {} : { avatarUrl: row.avatar_url }),
    },
  });
}
