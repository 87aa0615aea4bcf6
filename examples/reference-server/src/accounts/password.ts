import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * scrypt's cost: N = 2^15, r = 8, p = 1 uses 32 MiB of memory per hash, so guessing on a GPU or ASIC
 * costs memory as well as time. Stored with each hash, so it can be raised later without breaking old ones.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Node refuses scrypt above `maxmem`; 128 · N · r is 32 MiB, so allow twice that. */
const MAX_MEM = 64 * 1024 * 1024;
/** Most characters of a password: a passphrase fits, a megabyte does not reach scrypt. */
export const MAX_PASSWORD_LENGTH = 256;

const derive = (password: string, salt: Buffer, cost: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, { ...cost, maxmem: MAX_MEM }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });

/**
 * Hashes a password with scrypt (memory-hard) and a random salt, as `scrypt$N$r$p$salt$key` (base64url),
 * the only form a password is kept in. Runs off the main thread (libuv's pool).
 *
 * @example
 * ```ts
 * const stored = await hashPassword('correct horse battery staple');
 * ```
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Whether `password` matches a hash made by {@link hashPassword}, compared in constant time. A malformed
 * hash matches nothing.
 *
 * @example
 * ```ts
 * if (!(await verifyPassword(body.password, account.password_hash))) return refuse(401);
 * ```
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return false;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Object.values(cost).every((value) => Number.isSafeInteger(value) && value > 0)) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), cost);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * A hash that matches no password, verified against when the login is unknown, so that an unknown
 * login takes as long to refuse as a wrong password (no account enumeration by timing).
 *
 * @example
 * ```ts
 * await verifyPassword(given, account?.password_hash ?? await decoyHash());
 * ```
 */
export const decoyHash: () => Promise<string> = (() => {
  let made: Promise<string> | undefined;
  return () => {
    made ??= hashPassword(randomBytes(SALT_BYTES).toString('base64url'));
    return made;
  };
})();
