import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Who the organisation's server says the visitor is: the claims of an identity token.
 *
 * @example
 * ```ts
 * const claims: IdentityClaims = { sub: 'customer-1042', name: 'Ana Tremblay', email: 'ana@example.com', exp: 1795000000 };
 * ```
 */
export interface IdentityClaims {
  /** The customer's id in the organisation's systems. */
  sub: string;
  name?: string;
  email?: string;
  /** Expiry, in seconds since 1970 (required: tokens are short-lived). */
  exp: number;
}

/** Tokens live at most this long: identity tokens are short-lived, so a leaked one soon opens nothing. */
export const MAX_TOKEN_LIFETIME_S = 3600;

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

const sign = (input: string, secret: string): Buffer => createHmac('sha256', secret).update(input).digest();

/**
 * Makes an identity token (a JWT signed with HMAC-SHA256) for `claims`: what the organisation's own
 * server does after its user signs in, before handing the token to the page for `identify()`. Never in
 * the browser: the secret stays on the server.
 *
 * @example
 * ```ts
 * const token = signIdentityToken({ sub: 'customer-1042', name: 'Ana', exp: Math.floor(Date.now() / 1000) + 300 }, secret);
 * ```
 */
export function signIdentityToken(claims: IdentityClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${HEADER}.${payload}.${sign(`${HEADER}.${payload}`, secret).toString('base64url')}`;
}

/**
 * The claims of `token` when it is an HS256 JWT signed with `secret`, not expired at `nowMs`, with an
 * expiry at most {@link MAX_TOKEN_LIFETIME_S} ahead and a non-empty `sub`; otherwise `undefined` (the
 * visitor stays anonymous). The signature is compared in constant time.
 *
 * @example
 * ```ts
 * verifyIdentityToken(token, secret, Date.now())?.sub; // 'customer-1042'
 * ```
 */
export function verifyIdentityToken(
  token: string,
  secret: string,
  nowMs: number,
): IdentityClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  if (header !== HEADER) return undefined;
  const expected = sign(`${header}.${payload}`, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null) return undefined;
  const { sub, name, email, exp } = claims as Record<string, unknown>;
  const now = nowMs / 1000;
  if (typeof sub !== 'string' || sub === '' || sub.length > 256) return undefined;
  if (typeof exp !== 'number' || exp <= now || exp > now + MAX_TOKEN_LIFETIME_S) return undefined;
  return {
    sub,
    exp,
    ...(typeof name === 'string' && name !== '' ? { name: name.slice(0, 200) } : {}),
    ...(typeof email === 'string' && email !== '' ? { email: email.slice(0, 254) } : {}),
  };
}
