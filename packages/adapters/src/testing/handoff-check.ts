// The check of handoff links (protocol 1.2): a token the server never made opens nothing.
import type { ClientFrame } from '@clavard/protocol';
import { assert, type Context, collect, session, stillUsable } from './server-steps.js';
import { request } from './wait.js';

/** base64url characters, as a handoff token's parts are made of. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A token of the reference server's shape that no server made: `h_` + 22 + `.` + 22 random characters. */
const madeUpToken = (): string => {
  const part = () =>
    Array.from(globalThis.crypto.getRandomValues(new Uint8Array(22)), (byte) => ALPHABET[byte % 64]).join('');
  return `h_${part()}.${part()}`;
};

/**
 * `handoff-unknown-invalid`: a server of protocol 1.2 or later answers `handoff.open` with a token it never
 * made with `handoff.result` `invalid`, naming no conversation and starting none (no conversation event
 * follows), and the connection stays usable. A server of an earlier 1.x passes: it predates handoffs.
 *
 * @example
 * ```ts
 * await handoffUnknownInvalid(ctx);
 * ```
 */
export async function handoffUnknownInvalid(ctx: Context): Promise<void> {
  const { transport, welcome } = await session(ctx);
  const minor = Number(welcome.v.split('.')[1] ?? 0);
  if (welcome.v.split('.')[0] === '1' && minor < 2) return;
  const frame: ClientFrame = { type: 'handoff.open', token: madeUpToken() };
  const { value: result, frames } = await collect(ctx, transport, () =>
    request(transport, frame, 'handoff.result', () => true, ctx.timeoutMs),
  );
  assert(
    result.status === 'invalid',
    `a handoff.open with a token the server never made must get handoff.result invalid; it got ${result.status}`,
  );
  assert(
    result.conversationId === undefined,
    `an invalid handoff must name no conversation; it named ${result.conversationId}`,
  );
  const started = frames.find((parsed) => parsed.ok && 'conversationId' in parsed.value);
  assert(
    started === undefined,
    `an invalid handoff must start nothing; the server sent ${started?.ok ? started.value.type : ''}`,
  );
  await stillUsable(ctx, transport);
}
