/**
 * Handoff links' tokens: `h_` + base64url(payload) + `.` + base64url(signature), 47 characters. The
 * payload is the handoff id's 12 random bytes and its expiry (seconds, 4 bytes big-endian); the signature
 * the first 16 bytes (128 bits) of HMAC-SHA256(secret, payload). Nothing personal is in it; the store
 * keeps only its SHA-256. Tokens of the first, longer layout (an 8-byte expiry, the whole 32-byte HMAC,
 * 73 characters) are still read, so links already given out keep working.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const ID_BYTES = 12;
/** The layouts a token may have, the one new tokens get first. */
const LAYOUTS = [
  { expiryBytes: 4, signatureBytes: 16 },
  { expiryBytes: 8, signatureBytes: 32 },
] as const;
const NEWEST = LAYOUTS[0];
/** The latest expiry 4 bytes hold: 2106-02-07. */
const MAX_EXPIRY_SECONDS = 0xffff_ffff;
/**
 * The least length of a configured secret.
 *
 * @example
 * ```ts
 * secret.length >= HANDOFF_SECRET_MIN_LENGTH; // 32
 * ```
 */
export const HANDOFF_SECRET_MIN_LENGTH = 32;
const SHAPE = /^h_([A-Za-z0-9_-]{22}|[A-Za-z0-9_-]{27})\.([A-Za-z0-9_-]{22}|[A-Za-z0-9_-]{43})$/;

/**
 * A new handoff's id, token and what the store keeps of the token.
 *
 * @example
 * ```ts
 * const { id, token, tokenHash, expiresAt } = createHandoffToken(secret, Date.now() + 7 * 86_400_000);
 * ```
 */
export interface MintedHandoffToken {
  /** `h_` + base64url of the random bytes. */
  id: string;
  /** The secret part of the link: shown once, never stored. */
  token: string;
  /** SHA-256 hex of the whole token. */
  tokenHash: string;
  /** The expiry, in ms (a whole second: the token carries seconds). */
  expiresAt: number;
}

/**
 * SHA-256 hex of a token: how the store finds a handoff.
 *
 * @example
 * ```ts
 * await store.handoffByTokenHash(hashHandoffToken(token));
 * ```
 */
export function hashHandoffToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The signature of `payload`, cut to `bytes` (the payload's length tells the layouts apart). */
const sign = (secret: string, payload: Buffer, bytes: number): Buffer =>
  createHmac('sha256', secret).update(payload).digest().subarray(0, bytes);

/**
 * Makes a handoff's id and signed token, expiring at `expiresAtMs` (rounded down to the second).
 *
 * @example
 * ```ts
 * const minted = createHandoffToken(secret, Date.now() + 7 * 86_400_000);
 * ```
 */
export function createHandoffToken(
  secret: string,
  expiresAtMs: number,
  random: (size: number) => Buffer = randomBytes,
): MintedHandoffToken {
  const idBytes = random(ID_BYTES);
  const seconds = Math.min(Math.floor(expiresAtMs / 1000), MAX_EXPIRY_SECONDS);
  const payload = Buffer.alloc(ID_BYTES + NEWEST.expiryBytes);
  idBytes.copy(payload, 0, 0, ID_BYTES);
  payload.writeUInt32BE(seconds, ID_BYTES);
  const signature = sign(secret, payload, NEWEST.signatureBytes);
  const token = `h_${payload.toString('base64url')}.${signature.toString('base64url')}`;
  return {
    id: `h_${idBytes.toString('base64url')}`,
    token,
    tokenHash: hashHandoffToken(token),
    expiresAt: seconds * 1000,
  };
}

/**
 * What a token says once checked: `invalid` (not one of ours: bad shape or signature), `expired`, or
 * the handoff's id and expiry (then look it up by {@link hashHandoffToken}).
 *
 * @example
 * ```ts
 * const read: HandoffTokenReading = readHandoffToken(secret, token, Date.now());
 * ```
 */
export type HandoffTokenReading =
  | { ok: true; id: string; expiresAt: number }
  | { ok: false; status: 'invalid' | 'expired' };

/**
 * Checks a token: its shape, then its signature (in constant time), then its expiry. Any string is
 * accepted as input; nothing is looked up.
 *
 * @example
 * ```ts
 * const read = readHandoffToken(secret, frame.token, Date.now());
 * if (!read.ok) answer(read.status);
 * ```
 */
export function readHandoffToken(secret: string, token: unknown, now: number): HandoffTokenReading {
  const parts = typeof token === 'string' ? SHAPE.exec(token) : null;
  if (!parts) return { ok: false, status: 'invalid' };
  const payload = Buffer.from(parts[1] as string, 'base64url');
  const signature = Buffer.from(parts[2] as string, 'base64url');
  const layout = LAYOUTS.find(
    ({ expiryBytes, signatureBytes }) =>
      payload.length === ID_BYTES + expiryBytes && signature.length === signatureBytes,
  );
  if (!layout) return { ok: false, status: 'invalid' };
  // Re-encoding catches a non-canonical base64url (other trailing bits): one token, one spelling.
  if (payload.toString('base64url') !== parts[1] || signature.toString('base64url') !== parts[2]) {
    return { ok: false, status: 'invalid' };
  }
  if (!timingSafeEqual(signature, sign(secret, payload, layout.signatureBytes))) {
    return { ok: false, status: 'invalid' };
  }
  const seconds =
    layout.expiryBytes === 4 ? payload.readUInt32BE(ID_BYTES) : Number(payload.readBigUInt64BE(ID_BYTES));
  const expiresAt = seconds * 1000;
  if (expiresAt <= now) return { ok: false, status: 'expired' };
  return { ok: true, id: `h_${payload.subarray(0, ID_BYTES).toString('base64url')}`, expiresAt };
}

/**
 * Throws when a configured secret is too short to sign with (under 32 characters): the server refuses
 * to start rather than sign weakly.
 *
 * @example
 * ```ts
 * checkHandoffSecret(options.handoffs?.secret); // before anything opens
 * ```
 */
export function checkHandoffSecret(configured: string | undefined): void {
  if (configured !== undefined && configured.length < HANDOFF_SECRET_MIN_LENGTH) {
    throw new Error(
      `The handoff secret (CLAVARD_HANDOFF_SECRET or handoffs.secret) must be at least ${HANDOFF_SECRET_MIN_LENGTH} characters, not ${configured.length}`,
    );
  }
}

/**
 * The secret handoff links are signed with: the configured one (checked by {@link checkHandoffSecret}),
 * or the one the database keeps, made now on the first start (so every node and every restart signs
 * alike).
 *
 * @example
 * ```ts
 * const secret = await handoffSecret(options.handoffs?.secret, (candidate) => store.handoffSecret(candidate));
 * ```
 */
export async function handoffSecret(
  configured: string | undefined,
  kept: (candidate: string) => Promise<string>,
): Promise<string> {
  checkHandoffSecret(configured);
  return configured ?? kept(randomBytes(32).toString('base64url'));
}
