import { createHash, randomBytes } from 'node:crypto';

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
