// Handoffs made the way an organisation's tools make them: POST /api/handoffs with an API key.
import type { ReferenceServer } from '@clavard/reference-server';

/** The API key of the tests, under the name `crm`. */
export const API_KEY = 'key-of-the-crm-for-the-tests-0001';
/** Another key, under the name `console`. */
export const OTHER_KEY = 'key-of-the-console-for-tests-0002';
/** The keys to start a server with. */
export const API_KEYS = { crm: API_KEY, console: OTHER_KEY };

/** A handoff's body, as a community manager fills it. */
export const CASE = {
  channel: 'x',
  handle: '@ana_b',
  postUrl: 'https://x.com/ana_b/status/1790000000000000000',
  summary: 'a double charge',
  details: [{ label: 'Order', value: 'A-1042' }],
};

/**
 * Sends an API request: JSON body, the key as a bearer token; resolves with the status, headers and
 * parsed body. A `null` key sends no Authorization.
 *
 * @example
 * ```ts
 * const { status, body } = await api(server, 'POST', '/api/handoffs', CASE);
 * ```
 */
export async function api(
  server: ReferenceServer,
  method: string,
  path: string,
  body?: unknown,
  key: string | null = API_KEY,
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

/**
 * Makes a handoff (the {@link CASE} with `extra` fields) and returns its id, link and token.
 *
 * @example
 * ```ts
 * const { token } = await handoff(server, { topic: 'Billing' });
 * ```
 */
export async function handoff(
  server: ReferenceServer,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; url: string; token: string; expiresAt: string }> {
  const { status, body } = await api(server, 'POST', '/api/handoffs', { ...CASE, ...extra });
  if (status !== 201) throw new Error(`POST /api/handoffs answered ${status}: ${JSON.stringify(body)}`);
  const url = String(body.url);
  return {
    id: String(body.id),
    url,
    token: new URL(url).searchParams.get('clavard') ?? '',
    expiresAt: String(body.expiresAt),
  };
}
