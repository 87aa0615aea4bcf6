import type { ClientFrame } from './client-frames.js';
import { ChatError } from './errors.js';
import type { ServerFrame } from './server-frames.js';

/**
 * What the parsers return; they never throw. `ok: false` with `ignored: true` is a frame of a type this
 * version does not know: skip it silently (a newer peer may send it). `ok: false` with an `error` is a
 * malformed frame: report it and go on.
 */
export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; ignored: true; type: string }
  | { ok: false; ignored: false; error: ChatError };

/** Placeholder until the validators land. */
export function parseServerFrame(_input: unknown): ParseResult<ServerFrame> {
  return { ok: false, ignored: false, error: new ChatError('invalid-frame', 'not implemented') };
}

/** Placeholder until the validators land. */
export function parseClientFrame(_input: unknown): ParseResult<ClientFrame> {
  return { ok: false, ignored: false, error: new ChatError('invalid-frame', 'not implemented') };
}
