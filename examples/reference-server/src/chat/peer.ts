import type { CloseReason } from '@clavard/protocol';

/**
 * One connection as the chat hub sees it, whatever carries it (a WebSocket, an SSE stream with its POST
 * channel, a long-poll channel).
 *
 * @example
 * ```ts
 * const peer: ChatPeer = { send: (text) => socket.send(text), close: (reason) => socket.close(CLOSE_CODES[reason], reason) };
 * ```
 */
export interface ChatPeer {
  /** Send one frame, as JSON text. */
  send(data: string): void;
  /** End the connection; nothing more is sent to this peer. */
  close(reason: CloseReason): void;
}

/**
 * What the hub gives back for a peer: feed it what the client sends, and say when it is gone.
 *
 * @example
 * ```ts
 * socket.on('message', (data) => handle.receive(data.toString()));
 * socket.on('close', () => handle.closed());
 * ```
 */
export interface PeerHandle {
  /** One client frame as JSON text. Never throws: bad frames get an `error` frame. */
  receive(data: string): void;
  /** The connection is gone, whoever ended it. */
  closed(): void;
}
