import {
  ChatError,
  type ClientFrame,
  encodeFrame,
  type Transport,
  type TransportEvents,
  type TransportStatus,
} from '@clavard/protocol';
import { createEmitter } from '@clavard/protocol/internal';
import { lostError } from './close-error.js';

/**
 * What a connection attempt reports to its transport. Calls from a superseded attempt are ignored.
 *
 * @example
 * ```ts
 * const socket = new WebSocket(url);
 * socket.onopen = link.opened;
 * ```
 */
export interface Link {
  /** The connection is established: status turns `open`. */
  opened(): void;
  /** One server frame, as received. */
  frame(data: unknown): void;
  /** A failure that keeps the connection (e.g. one batch refused with 413). */
  report(error: ChatError): void;
  /** A failure that ends the connection: `error`, then status `closed`. */
  fail(error: ChatError): void;
}

/**
 * One live connection, as seen by its transport.
 *
 * @example
 * ```ts
 * return { send: (text) => socket.send(text), close: () => socket.close(1000) };
 * ```
 */
export interface Connection {
  /** Sends one encoded frame. */
  send(text: string): void;
  /** Ends the connection; no call to its {@link Link} matters afterwards. */
  close(): void;
}

/**
 * The state machine shared by the network transports: status, listeners, the connect timeout, and the
 * rule that an error is reported before the status turns `closed`. `open` makes one connection attempt;
 * the transport's `url` names the endpoint in the error of an attempt that throws or times out.
 *
 * @example
 * ```ts
 * const transport = createLinkTransport((link) => {
 *   const socket = new WebSocket(url);
 *   socket.onopen = link.opened;
 *   socket.onmessage = (event) => link.frame(event.data);
 *   return { send: (text) => socket.send(text), close: () => socket.close() };
 * }, { url, connectTimeoutMs: 10_000 });
 * ```
 */
export function createLinkTransport(
  open: (link: Link) => Connection,
  options: { url: string; connectTimeoutMs?: number | undefined },
): Transport {
  const { url, connectTimeoutMs = 10_000 } = options;
  const events = createEmitter<TransportEvents>();
  let status: TransportStatus = 'idle';
  let connection: Connection | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;

  const setStatus = (next: TransportStatus) => {
    status = next;
    events.emit('status', next);
  };
  const end = (error?: ChatError) => {
    clearTimeout(timer);
    const ending = connection;
    connection = undefined;
    attempt++;
    ending?.close();
    if (error) events.emit('error', error);
    setStatus('closed');
  };

  return {
    get status() {
      return status;
    },
    connect() {
      if (status === 'connecting' || status === 'open') return;
      const id = ++attempt;
      const live = () => id === attempt;
      setStatus('connecting');
      if (!live()) return;
      timer = setTimeout(
        () => end(new ChatError('connect-timeout', `${url}: no connection after ${connectTimeoutMs} ms`)),
        connectTimeoutMs,
      );
      try {
        const made = open({
          opened: () => {
            if (!live() || status !== 'connecting') return;
            clearTimeout(timer);
            setStatus('open');
          },
          frame: (data) => live() && events.emit('frame', data),
          report: (error) => live() && events.emit('error', error),
          fail: (error) => live() && end(error),
        });
        if (live()) connection = made;
        else made.close();
      } catch (cause) {
        if (live()) end(ChatError.isInstance(cause) ? cause : lostError(url, cause));
      }
    },
    send(frame: ClientFrame) {
      if (status !== 'open' || !connection)
        throw new ChatError('transport-closed', `cannot send while ${status}`);
      connection.send(encodeFrame(frame));
    },
    close() {
      if (status === 'connecting' || status === 'open') end();
    },
    on: events.on,
  };
}
