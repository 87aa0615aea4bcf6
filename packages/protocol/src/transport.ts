import type { ClientFrame } from './client-frames.js';
import type { ChatError } from './errors.js';

/** Where a transport stands. `connecting` → `open` → `closed`; `connect()` from `closed` starts again. */
export type TransportStatus = 'idle' | 'connecting' | 'open' | 'closed';

/** The events of a {@link Transport}. */
export interface TransportEvents {
  /**
   * One server frame as received: a JSON text, or a value already decoded by the transport (long-poll
   * batches). The chat client validates it with {@link parseServerFrame}; transports never do.
   */
  frame: unknown;
  /** The status changed. */
  status: TransportStatus;
  /**
   * Something failed: `connection-lost`, `unauthorized` (HTTP 401 or close code 4401: do not retry),
   * `rate-limited` with `retryAfterMs`, … Reported before the status turns `closed` when both happen.
   */
  error: ChatError;
}

/** Stops a listener; calling it twice is harmless. */
export type Unsubscribe = () => void;

/**
 * A dumb pipe between the chat client and a server: it carries frames and reports its status. It knows
 * nothing of seq, acks, outbox, reconnect or keep-alive: those live once, in the chat client, so every
 * transport behaves the same. Implement it for your own backend and prove it with
 * `@clavard/adapters/testing`.
 *
 * @example
 * ```ts
 * const transport: Transport = createWebSocketTransport({ url: 'wss://chat.example/ws' });
 * const off = transport.on('frame', (data) => handle(parseServerFrame(data)));
 * transport.connect();
 * ```
 */
export interface Transport {
  /** The current status. */
  readonly status: TransportStatus;
  /** Start connecting. Idempotent: does nothing while `connecting` or `open`. */
  connect(): void;
  /**
   * Send one frame. Only while `open`: otherwise it throws a `ChatError` with code `transport-closed`
   * (the client owns queueing; a transport never drops a frame silently).
   */
  send(frame: ClientFrame): void;
  /** Close and stay closed until the next `connect()`. Idempotent. */
  close(): void;
  /** Listen to an event; returns the function that stops listening. */
  on<K extends keyof TransportEvents>(event: K, listener: (payload: TransportEvents[K]) => void): Unsubscribe;
}
