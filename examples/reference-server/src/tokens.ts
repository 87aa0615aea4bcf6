import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A new bearer token: 32 random bytes (256 bits), base64url. Only its {@link hashToken} is stored.
 *
 * @example
 * ```ts
 * const token = createToken(); // 'q3Vn…' (43 characters)
 * ```
 */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The SHA-256 hex digest of a token, as kept in the database: a stolen database opens no session.
 *
 * @example
 * ```ts
 * store.visitorByTokenHash(hashToken(hello.token));
 * ```
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Whether two secrets are equal, in constant time: both are hashed to 32 bytes first, so neither their
 * length nor their first differing byte shows in the timing.
 *
 * @example
 * ```ts
 * if (!sameSecret(body.password, options.agentPassword)) return refuse(401);
 * ```
 */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
