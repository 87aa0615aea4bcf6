import {
  ChatError,
  CLOSE_CODES,
  type ClientFrame,
  type CloseReason,
  encodeFrame,
  type ServerFrame,
  type Transport,
  type TransportEvents,
  type TransportStatus,
  type Unsubscribe,
} from '@clavard/protocol';
import { createEmitter, type EmitterOptions } from '@clavard/protocol/internal';
import { closeError } from '../net/close-error.js';

/**
 * Options of {@link createMemoryTransportPair}.
 *
 * @example
 * ```ts
 * const { client, server } = createMemoryTransportPair({ holdConnect: true });
 * client.connect(); // stays 'connecting' until server.release()
 * ```
 */
export interface MemoryTransportPairOptions {
  /** Start with connects held pending (status stays `connecting`) until `server.release()`. @default false */
  holdConnect?: boolean;
  /** Where errors thrown by listeners (on either end) go. @default re-thrown on a microtask */
  onListenerError?: EmitterOptions['onListenerError'];
}

/**
 * How a memory connection ended, as the server end sees it: closed by the client, closed by the server
 * end (with its reason), or cut with `drop()`.
 *
 * @example
 * ```ts
 * server.on('close', ({ by }) => by === 'drop' && console.log('cut'));
 * ```
 */
export interface MemoryCloseInfo {
  by: 'client' | 'server' | 'drop';
  reason?: CloseReason;
}

/**
 * The events of a {@link MemoryServerEnd}: `frame` is the client's frame as JSON text.
 *
 * @example
 * ```ts
 * server.on('frame', (text) => received.push(JSON.parse(text)));
 * ```
 */
export interface MemoryServerEndEvents {
  /** A client frame, as JSON text. */
  frame: string;
  /** A client connection opened. */
  connect: undefined;
  /** The connection ended. */
  close: MemoryCloseInfo;
}

/**
 * The server's side of a memory transport pair: what a test or an in-memory server uses to talk to the
 * client transport, and to break it.
 *
 * @example
 * ```ts
 * const { client, server } = createMemoryTransportPair();
 * server.on('frame', (text) => server.send({ type: 'pong' }));
 * server.drop(); // the client sees error connection-lost, then closed
 * ```
 */
export interface MemoryServerEnd {
  /** Whether a client connection is open on this end. */
  readonly connected: boolean;
  /** Whether a connect attempt is being held (see {@link MemoryServerEnd.hold}). */
  readonly pending: boolean;
  /**
   * Send a frame (an object, serialised to JSON, or a raw text, which may be invalid on purpose). It is
   * delivered asynchronously, in order. Throws `ChatError('transport-closed')` when no connection is open.
   */
  send(frame: ServerFrame | string): void;
  /**
   * Close the connection gracefully: frames already sent arrive first, then the client reports the error
   * matching `reason` (`connection-lost` for most, `unauthorized`, `rate-limited`, `unsupported-version`)
   * and turns `closed`. @default reason 'normal'
   */
  close(reason?: CloseReason): void;
  /** Cut the connection abruptly: frames in flight are lost; the client sees `connection-lost` then `closed`. */
  drop(): void;
  /** Make the next connect attempt fail with `error` (then `closed`). @default ChatError('connection-lost') */
  refuseNext(error?: ChatError): void;
  /** Hold the next connect attempts in `connecting` until {@link MemoryServerEnd.release}. */
  hold(): void;
  /** Let held and future connect attempts proceed. */
  release(): void;
  /** Listen to an event; returns the function that stops listening. */
  on<K extends keyof MemoryServerEndEvents>(
    event: K,
    listener: (payload: MemoryServerEndEvents[K]) => void,
  ): Unsubscribe;
}

/**
 * Both ends of an in-memory connection, see {@link createMemoryTransportPair}.
 *
 * @example
 * ```ts
 * const { client, server }: MemoryTransportPair = createMemoryTransportPair();
 * ```
 */
export interface MemoryTransportPair {
  /** A {@link Transport} for the chat client. */
  client: Transport;
  /** The other end, for a test or an in-memory server. */
  server: MemoryServerEnd;
}

/** One connection; the flags say which way frames still flow. */
interface Link {
  toClient: boolean;
  toServer: boolean;
  serverClosed: boolean;
  ended: boolean;
}

/**
 * An in-memory connection: a client {@link Transport} and the server end that drives it. Frames are
 * serialised to JSON in both directions and delivered asynchronously (microtasks), in order, as over a
 * real socket. Used by tests, demos without a server, and the memory chat server.
 *
 * @example
 * ```ts
 * const { client, server } = createMemoryTransportPair();
 * server.on('frame', (text) => {
 *   if (JSON.parse(text).type === 'ping') server.send({ type: 'pong' });
 * });
 * client.on('frame', (text) => console.log(text)); // '{"type":"pong"}'
 * client.on('status', (status) => status === 'open' && client.send({ type: 'ping' }));
 * client.connect();
 * ```
 */
export function createMemoryTransportPair(options: MemoryTransportPairOptions = {}): MemoryTransportPair {
  const emitterOptions: EmitterOptions = options.onListenerError
    ? { onListenerError: options.onListenerError }
    : {};
  const clientEvents = createEmitter<TransportEvents>(emitterOptions);
  const serverEvents = createEmitter<MemoryServerEndEvents>(emitterOptions);
  let status: TransportStatus = 'idle';
  let attempt = 0;
  let held = options.holdConnect === true;
  let heldAttempt: number | undefined;
  let refusal: ChatError | undefined;
  let clientLink: Link | undefined;
  let serverLink: Link | undefined;

  const setStatus = (next: TransportStatus) => {
    status = next;
    clientEvents.emit('status', next);
  };

  const finish = (link: Link, info: MemoryCloseInfo, error?: ChatError) => {
    if (link.ended) return;
    link.ended = true;
    link.toClient = false;
    link.toServer = false;
    if (serverLink === link) serverLink = undefined;
    if (clientLink === link) {
      clientLink = undefined;
      attempt++;
      if (error) clientEvents.emit('error', error);
      setStatus('closed');
    }
    serverEvents.emit('close', info);
  };

  const tryOpen = (id: number) => {
    if (id !== attempt || status !== 'connecting') return;
    if (held) {
      heldAttempt = id;
      return;
    }
    if (refusal) {
      const error = refusal;
      refusal = undefined;
      attempt++;
      clientEvents.emit('error', error);
      setStatus('closed');
      return;
    }
    const link: Link = { toClient: true, toServer: true, serverClosed: false, ended: false };
    clientLink = link;
    serverLink = link;
    setStatus('open');
    // The server hears of the connection after the client is open, so its first frames find it open.
    if (clientLink === link) serverEvents.emit('connect', undefined);
  };

  const client: Transport = {
    get status() {
      return status;
    },
    connect() {
      if (status === 'connecting' || status === 'open') return;
      const id = ++attempt;
      setStatus('connecting');
      queueMicrotask(() => tryOpen(id));
    },
    send(frame: ClientFrame) {
      const link = clientLink;
      if (status !== 'open' || !link) throw new ChatError('transport-closed', `cannot send while ${status}`);
      const text = encodeFrame(frame);
      queueMicrotask(() => {
        if (link.toServer) serverEvents.emit('frame', text);
      });
    },
    close() {
      if (status === 'closed') return;
      attempt++;
      heldAttempt = undefined;
      const link = clientLink;
      clientLink = undefined;
      setStatus('closed');
      if (!link) return;
      link.toClient = false;
      // Frames the client sent before closing still arrive, then the server hears of the close.
      queueMicrotask(() => finish(link, { by: 'client' }));
    },
    on: clientEvents.on,
  };

  const server: MemoryServerEnd = {
    get connected() {
      return serverLink !== undefined && !serverLink.serverClosed;
    },
    get pending() {
      return heldAttempt !== undefined;
    },
    send(frame) {
      const link = serverLink;
      if (!link || link.serverClosed) throw new ChatError('transport-closed', 'no open connection');
      const text = typeof frame === 'string' ? frame : encodeFrame(frame);
      queueMicrotask(() => {
        if (link.toClient) clientEvents.emit('frame', text);
      });
    },
    close(reason = 'normal') {
      const link = serverLink;
      if (!link || link.serverClosed) return;
      link.serverClosed = true;
      link.toServer = false;
      queueMicrotask(() =>
        finish(link, { by: 'server', reason }, closeError('memory', CLOSE_CODES[reason], reason)),
      );
    },
    drop() {
      const link = serverLink;
      if (!link || link.ended) return;
      link.serverClosed = true;
      link.toServer = false;
      link.toClient = false;
      queueMicrotask(() =>
        finish(link, { by: 'drop' }, new ChatError('connection-lost', 'connection dropped')),
      );
    },
    refuseNext(error = new ChatError('connection-lost', 'connection refused')) {
      refusal = error;
    },
    hold() {
      held = true;
    },
    release() {
      held = false;
      const id = heldAttempt;
      heldAttempt = undefined;
      if (id !== undefined) queueMicrotask(() => tryOpen(id));
    },
    on: serverEvents.on,
  };

  return { client, server };
}
