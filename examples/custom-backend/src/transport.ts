// A transport written from scratch, as a team with its own socket layer would write one: the `Transport`
// contract of @clavard/protocol over the `ws` package, without the adapters' shared machinery. The widget
// does not need it (it ships its own WebSocket transport); it shows what the contract asks, and the
// mutation test plants bugs in it to prove that runTransportConformance catches them.
import {
  ChatError,
  type ClientFrame,
  encodeFrame,
  type Transport,
  type TransportEvents,
  type TransportStatus,
} from '@clavard/protocol';
import { WebSocket } from 'ws';

type Listener<K extends keyof TransportEvents> = (payload: TransportEvents[K]) => void;

/** Close codes 4000 + an HTTP status that end a connection with their own error (see docs/transports.md). */
const CLOSE_CODES: Record<number, ChatError['code']> = {
  4401: 'unauthorized',
  4426: 'unsupported-version',
  4429: 'rate-limited',
};

/** The error for a close the client did not ask for: the application codes, else `connection-lost`. */
function closeError(url: string, code: number, reason: string): ChatError {
  const retryAfterMs = /retry-after-ms=(\d+)/.exec(reason)?.[1];
  return new ChatError(
    CLOSE_CODES[code] ?? 'connection-lost',
    `${url} closed with ${code} ${reason}`.trim(),
    retryAfterMs === undefined ? {} : { retryAfterMs: Number(retryAfterMs) },
  );
}

/**
 * A minimal `Transport` over WebSocket: one socket per `connect()`, frames as text messages, the
 * statuses `idle → connecting → open → closed`, a connect time-out, and close codes mapped to errors.
 *
 * @example
 * ```ts
 * const transport = createSocketTransport({ url: 'ws://127.0.0.1:8080/clavard/ws' });
 * transport.on('frame', (frame) => console.log(frame));
 * transport.on('status', (status) => status === 'open' && transport.send({ type: 'session.hello', v: '1.0', locale: 'fr-CA' }));
 * transport.connect();
 * ```
 */
export function createSocketTransport(options: { url: string; connectTimeoutMs?: number }): Transport {
  const listeners: { [K in keyof TransportEvents]: Set<Listener<K>> } = {
    frame: new Set(),
    status: new Set(),
    error: new Set(),
  };
  const emit = <K extends keyof TransportEvents>(event: K, payload: TransportEvents[K]) => {
    for (const listener of [...listeners[event]]) listener(payload);
  };
  let status: TransportStatus = 'idle';
  let socket: WebSocket | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const setStatus = (next: TransportStatus) => {
    status = next;
    emit('status', next);
  };
  // Ends the current socket: its events no longer reach the listeners; `error` comes before `closed`.
  const end = (error?: ChatError) => {
    clearTimeout(timer);
    const ending = socket;
    socket = undefined;
    ending?.removeAllListeners();
    ending?.on('error', () => {});
    if (ending?.readyState === WebSocket.OPEN) ending.close(1000);
    else ending?.terminate();
    if (error) emit('error', error);
    setStatus('closed');
  };

  return {
    get status() {
      return status;
    },
    connect() {
      if (status === 'connecting' || status === 'open') return;
      setStatus('connecting');
      const timeoutMs = options.connectTimeoutMs ?? 10_000;
      timer = setTimeout(
        () => end(new ChatError('connect-timeout', `no connection to ${options.url} after ${timeoutMs} ms`)),
        timeoutMs,
      );
      const opening = new WebSocket(options.url);
      socket = opening;
      opening.on('open', () => {
        clearTimeout(timer);
        setStatus('open');
      });
      opening.on('message', (data) => emit('frame', String(data)));
      opening.on('error', (cause) =>
        end(new ChatError('connection-lost', `${options.url}: ${cause.message}`, { cause })),
      );
      opening.on('close', (code, reason) => end(closeError(options.url, code, String(reason))));
    },
    send(frame: ClientFrame) {
      if (status !== 'open' || !socket)
        throw new ChatError('transport-closed', `cannot send while ${status}`);
      // encodeFrame throws frame-too-large over the protocol's 256 KiB: the connection stays.
      socket.send(encodeFrame(frame));
    },
    close() {
      if (status === 'connecting' || status === 'open') end();
    },
    on(event, listener) {
      listeners[event].add(listener);
      return () => void listeners[event].delete(listener);
    },
  };
}
