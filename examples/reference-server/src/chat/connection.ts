import {
  ChatError,
  type ChatErrorCode,
  encodeFrame,
  isServerErrorCode,
  type ParseResult,
  type ServerError,
} from '@clavard/protocol';
import { frameText } from './frame-text.js';
import type { ChatPeer, PeerHandle } from './peer.js';

/** A frame with a `type`, on either side of either API. */
interface Typed {
  type: string;
}

/**
 * One connection's state: the peer, the session once the hello is accepted, its timers.
 *
 * @example
 * ```ts
 * if (conn.session) conn.send({ type: 'ping' });
 * ```
 */
export interface Conn<S, Out extends Typed = Typed> {
  readonly peer: ChatPeer;
  session: S | undefined;
  open: boolean;
  /** Sends a frame (encoded and size-checked); nothing once closed. */
  send(frame: Out): void;
  /** Sends an `error` frame. */
  error(code: ChatErrorCode, message: string, clientId?: string): void;
  /** Closes the connection with a reason; `closed` runs. */
  close(reason: Parameters<ChatPeer['close']>[0]): void;
}

/**
 * What a kind of connection (visitor, agent) does with its frames.
 *
 * @example
 * ```ts
 * acceptConnection(peer, { parse: parseClientFrame, helloType: 'session.hello', hello, handle, closed, … });
 * ```
 */
export interface ConnectionSpec<F extends Typed, S, Out extends Typed> {
  parse(input: unknown): ParseResult<F>;
  /** The type of the first frame. */
  helloType: string;
  /**
   * Accepts the hello: sets `conn.session`, sends the welcome (or refuses and closes). May be async (an
   * identity token to verify): later frames wait for it, in order.
   */
  hello(conn: Conn<S, Out>, frame: F): void | Promise<void>;
  /** Any later frame. Throw (or reject with) a `ChatError` to answer with an `error` frame. */
  handle(conn: Conn<S, Out>, session: S, frame: F): void | Promise<void>;
  /** The connection is gone. */
  closed(conn: Conn<S, Out>): void;
  /** Ping period in ms (a `setTimeout` chain); 0 turns it off. */
  heartbeatMs: number;
  /** A connection without a hello after this long is closed. */
  helloTimeoutMs: number;
  /** Where unexpected failures go. */
  report(error: ChatError): void;
  /**
   * Sends a frame now, or after the writes it may tell of are durable, in order (the hub's group
   * commit, `hub.commits.whenCommitted`). At once when absent.
   */
  whenCommitted?(send: () => void): void;
}

/** The `clientId` of a frame that failed validation, when it has a plausible one. */
const clientIdIn = (data: unknown): string | undefined => {
  try {
    const value: unknown = typeof data === 'string' ? JSON.parse(data) : data;
    const clientId =
      typeof value === 'object' && value !== null ? (value as { clientId?: unknown }).clientId : undefined;
    return typeof clientId === 'string' && clientId.length > 0 && clientId.length <= 256
      ? clientId
      : undefined;
  } catch {
    return undefined;
  }
};

const errorFrame = (code: ChatErrorCode, message: string, clientId?: string): ServerError => ({
  type: 'error',
  code: isServerErrorCode(code) ? code : 'server-error',
  message,
  retryable: code === 'server-error' || code === 'rate-limited' || code === 'unavailable',
  ...(clientId === undefined ? {} : { clientId }),
});

/**
 * Binds a peer to a spec: validates every frame, requires the hello first (close 4400 otherwise, and
 * after `helloTimeoutMs` without one), answers pings, pings every `heartbeatMs`, and turns every failure
 * into a typed `error` frame. Never throws.
 *
 * @example
 * ```ts
 * const handle = acceptConnection(peer, visitorSpec);
 * socket.on('message', (data) => handle.receive(data.toString()));
 * ```
 */
export function acceptConnection<F extends Typed, S, Out extends Typed>(
  peer: ChatPeer,
  spec: ConnectionSpec<F, S, Out>,
): { conn: Conn<S, Out>; handle: PeerHandle } {
  let heartbeat: ReturnType<typeof setTimeout> | undefined;
  let pings = 0;
  const stopTimers = () => {
    clearTimeout(heartbeat);
    clearTimeout(helloTimer);
  };
  // Frames of either API go through the protocol's encoder (once per frame, see frame-text.ts): JSON plus
  // the 256 KiB check. Lists are paged
  // to stay far under it; a frame that is over it all the same reaches the peer as a typed error, so it
  // never waits for an answer that was dropped.
  // After the group being written is durable, when one is, and after the groups waiting for the disk
  // (see group-commit.ts): nothing is told about a write before it is durable, and frames keep their order.
  const whenCommitted = spec.whenCommitted ?? ((now: () => void) => now());
  /** Until the peer itself is closed: frames sent before a close still leave, after those before them. */
  let peerOpen = true;
  const send = (frame: Typed) => {
    if (conn.open) whenCommitted(() => sendNow(frame));
  };
  const sendNow = (frame: Typed) => {
    if (!peerOpen) return;
    try {
      peer.send(frameText(frame as Parameters<typeof frameText>[0]));
    } catch (thrown) {
      const error = ChatError.isInstance(thrown)
        ? thrown
        : new ChatError('server-error', 'a frame could not be sent', { cause: thrown });
      spec.report(error);
      if (frame.type === 'error') return;
      const about = frame as Typed & { clientId?: unknown };
      peer.send(
        encodeFrame(
          errorFrame(
            error.code,
            `the server could not send ${frame.type}: ${error.message}`,
            typeof about.clientId === 'string' ? about.clientId : undefined,
          ),
        ),
      );
    }
  };
  const conn: Conn<S, Out> = {
    peer,
    session: undefined,
    open: true,
    send,
    error(code, message, clientId) {
      send(errorFrame(code, message, clientId));
    },
    close(reason) {
      if (!conn.open) return;
      conn.open = false;
      stopTimers();
      spec.closed(conn);
      // In line with the frames sent before it (a `session.ended`, an error, a restart's notice), which
      // may be waiting for the disk.
      whenCommitted(() => {
        if (!peerOpen) return;
        peerOpen = false;
        peer.close(reason);
      });
    },
  };
  const armHeartbeat = () => {
    if (spec.heartbeatMs <= 0 || !conn.open) return;
    heartbeat = setTimeout(() => {
      pings++;
      send({ type: 'ping', id: `hb-${pings}` } as Typed);
      armHeartbeat();
    }, spec.heartbeatMs);
  };
  const helloTimer = setTimeout(() => {
    if (conn.session !== undefined) return;
    conn.error('invalid-frame', `no ${spec.helloType} within ${spec.helloTimeoutMs} ms`);
    conn.close('protocol-error');
  }, spec.helloTimeoutMs);
  armHeartbeat();

  const dispatch = (frame: F): Promise<void> | undefined => {
    if (conn.session === undefined) {
      if (frame.type !== spec.helloType) {
        conn.error('invalid-frame', `the first frame must be ${spec.helloType}, not ${frame.type}`);
        conn.close('protocol-error');
        return undefined;
      }
      clearTimeout(helloTimer);
      return spec.hello(conn, frame) ?? undefined;
    }
    if (frame.type === 'ping') {
      const { id } = frame as Typed & { id?: string };
      send(id === undefined ? { type: 'pong' } : ({ type: 'pong', id } as Typed));
      return undefined;
    }
    if (frame.type === 'pong') return undefined;
    if (frame.type === spec.helloType)
      throw new ChatError('invalid-frame', `${frame.type} was already received`);
    return spec.handle(conn, conn.session, frame) ?? undefined;
  };

  /** A failure while handling `frame`: an `error` frame naming it, reported when unexpected. */
  const failed = (frame: F, thrown: unknown) => {
    const error = ChatError.isInstance(thrown)
      ? thrown
      : new ChatError('server-error', 'the frame could not be handled', { cause: thrown });
    if (!ChatError.isInstance(thrown)) spec.report(error);
    // The frame's own clientId when the error does not name one: the sender can tell which failed.
    const clientId =
      error.clientId ??
      ('clientId' in frame && typeof frame.clientId === 'string' ? frame.clientId : undefined);
    const told = errorFrame(error.code, error.message, clientId);
    // A limit says how long to wait.
    send(error.retryAfterMs === undefined ? told : { ...told, retryAfterMs: error.retryAfterMs });
  };

  // While an async handler runs (an identity token being verified), later frames wait, in order.
  let busy = false;
  const waiting: unknown[] = [];

  const process = (data: unknown) => {
    const result = spec.parse(data);
    if (!result.ok) {
      if (result.ignored) return;
      if (conn.session === undefined) {
        conn.error(result.error.code, result.error.message);
        conn.close('protocol-error');
        return;
      }
      // A refused message is named, so that its sender marks it failed instead of waiting for an ack.
      conn.error(result.error.code, result.error.message, clientIdIn(data));
      return;
    }
    const frame = result.value;
    try {
      const pending = dispatch(frame);
      if (pending === undefined) return;
      busy = true;
      pending
        .catch((thrown: unknown) => failed(frame, thrown))
        .finally(() => {
          busy = false;
          while (!busy && conn.open && waiting.length > 0) process(waiting.shift());
        });
    } catch (thrown) {
      failed(frame, thrown);
    }
  };

  const handle: PeerHandle = {
    receive(data) {
      if (!conn.open) return;
      if (busy) waiting.push(data);
      else process(data);
    },
    closed() {
      peerOpen = false;
      if (!conn.open) return;
      conn.open = false;
      stopTimers();
      spec.closed(conn);
    },
  };
  return { conn, handle };
}
