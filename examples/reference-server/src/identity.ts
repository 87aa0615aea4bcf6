import { createHmac, createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { type JWTPayload, jwtVerify } from 'jose';

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
 * How identity tokens are checked: an HS256 `secret` shared with the organisation's server, or its
 * `publicKey` (PEM, RSA for RS256 or P-256 for ES256, so the secret never leaves the organisation), and
 * the `audience` and `issuer` the tokens must name when given.
 *
 * @example
 * ```ts
 * const keys: IdentityKeys = { publicKey: readFileSync('org-public.pem', 'utf8'), issuer: 'https://shop.example' };
 * ```
 */
export interface IdentityKeys {
  secret?: string;
  publicKey?: string;
  audience?: string;
  issuer?: string;
}

/** Clock skew allowed between the organisation's server and this one, in seconds. */
export const CLOCK_TOLERANCE_S = 30;

/** Checks a token at a moment (ms); resolves with its claims, or undefined for any fault. */
export type IdentityVerifier = (token: string, nowMs: number) => Promise<IdentityClaims | undefined>;

const claimsOf = (payload: JWTPayload, nowMs: number): IdentityClaims | undefined => {
  const { sub, exp } = payload;
  const { name, email } = payload as { name?: unknown; email?: unknown };
  if (typeof sub !== 'string' || sub === '' || sub.length > 256) return undefined;
  // Short-lived: an hour at most, whatever the organisation's server wrote.
  if (typeof exp !== 'number' || exp > nowMs / 1000 + MAX_TOKEN_LIFETIME_S + CLOCK_TOLERANCE_S)
    return undefined;
  return {
    sub,
    exp,
    ...(typeof name === 'string' && name !== '' ? { name: name.slice(0, 200) } : {}),
    ...(typeof email === 'string' && email !== '' ? { email: email.slice(0, 254) } : {}),
  };
};

/**
 * Makes the verifier of a server's identity tokens, with `jose`: a JWT signed with the secret (HS256) or
 * the organisation's private key (RS256, ES256), whatever the order of its header's fields or a `kid`;
 * `exp` required (at most an hour ahead) and checked with {@link CLOCK_TOLERANCE_S} of skew; `aud` and
 * `iss` checked when configured; `alg: none` and every other algorithm refused.
 *
 * @example
 * ```ts
 * const verify = createIdentityVerifier({ secret });
 * (await verify(token, Date.now()))?.sub; // 'customer-1042'
 * ```
 */
export function createIdentityVerifier(keys: IdentityKeys): IdentityVerifier {
  const publicKey = keys.publicKey === undefined ? undefined : createPublicKey(keys.publicKey);
  const secret = keys.secret === undefined ? undefined : createSecretKey(Buffer.from(keys.secret, 'utf8'));
  const algorithms = [
    ...(secret ? ['HS256'] : []),
    ...(publicKey?.asymmetricKeyType === 'rsa' ? ['RS256'] : []),
    ...(publicKey?.asymmetricKeyType === 'ec' ? ['ES256'] : []),
  ];
  return async (token, nowMs) => {
    try {
      const { payload } = await jwtVerify(
        token,
        (header) => ((header.alg ?? '').startsWith('HS') ? secret : publicKey) as KeyObject,
        {
          algorithms,
          currentDate: new Date(nowMs),
          clockTolerance: CLOCK_TOLERANCE_S,
          requiredClaims: ['exp', 'sub'],
          ...(keys.audience === undefined ? {} : { audience: keys.audience }),
          ...(keys.issuer === undefined ? {} : { issuer: keys.issuer }),
        },
      );
      return claimsOf(payload, nowMs);
    } catch {
      // Bad signature, expired, wrong audience, not a JWT: the visitor stays anonymous.
      return undefined;
    }
  };
}

/**
 * Checks one token with a secret (or {@link IdentityKeys}): see {@link createIdentityVerifier}.
 *
 * @example
 * ```ts
 * (await verifyIdentityToken(token, secret, Date.now()))?.sub; // 'customer-1042'
 * ```
 */
export function verifyIdentityToken(
  token: string,
  keys: string | IdentityKeys,
  nowMs: number,
): Promise<IdentityClaims | undefined> {
  return createIdentityVerifier(typeof keys === 'string' ? { secret: keys } : keys)(token, nowMs);
}
