/**
 * The console's connection to `/agent/ws`: says `agent.hello` with the token on every (re)connection,
 * answers pings, reconnects with full-jitter backoff (capped at 30 s) unless the token is refused.
 */

import type { AgentClientFrame, AgentServerFrame } from '@clavard/agent-api';
import { ChatError, CLOSE_CODES, type Unsubscribe } from '@clavard/protocol';
import { createEmitter, isRecord, isString } from '@clavard/protocol/internal';

/** Where the link is: `unauthorized` means sign in again (no more retries). */
export type LinkStatus = 'connecting' | 'open' | 'closed' | 'unauthorized';

/**
 * The events of an {@link AgentLink}.
 *
 * @example
 * ```ts
 * link.on('frame', (frame) => model.receive(frame));
 * ```
 */
export interface AgentLinkEvents {
  frame: AgentServerFrame;
  status: LinkStatus;
  error: ChatError;
}

/**
 * What the console model needs from a connection; tests pass a fake one.
 *
 * @example
 * ```ts
 * link.send({ type: 'agent.take', conversationId });
 * ```
 */
export interface AgentLink {
  readonly status: LinkStatus;
  /** Opens the connection (idempotent). */
  connect(): void;
  /** Sends a frame; false when not open (the caller keeps what must be re-sent). */
  send(frame: AgentClientFrame): boolean;
  /** Closes for good (sign-out, page unload). */
  close(): void;
  on<K extends keyof AgentLinkEvents>(event: K, listener: (payload: AgentLinkEvents[K]) => void): Unsubscribe;
}

/** The browser's WebSocket, or `ws` in Node. */
export type WebSocketLike = Pick<WebSocket, 'send' | 'close' | 'readyState'> & {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
};

/**
 * Options of {@link createAgentLink}.
 *
 * @example
 * ```ts
 * createAgentLink({ url: 'ws://127.0.0.1:8787/agent/ws', token });
 * ```
 */
export interface AgentLinkOptions {
  /** The agent API's WebSocket URL. */
  url: string;
  /** The token from `POST /agent/login`, sent in the first frame (never in the URL). */
  token: string;
  /** @default globalThis.WebSocket */
  WebSocket?: new (
    url: string,
  ) => WebSocketLike;
  /** @default Math.random */
  random?: () => number;
  /** First reconnect delay cap, in ms; doubles per attempt up to 30 s. @default 500 */
  baseDelayMs?: number;
}

const MAX_DELAY_MS = 30_000;
const OPEN = 1;

const isFrame = (value: unknown): value is AgentServerFrame => isRecord(value) && isString(value.type);

/**
 * Makes the link; call `connect()` to open it.
 *
 * @example
 * ```ts
 * const link = createAgentLink({ url: `${location.origin.replace(/^http/, 'ws')}/agent/ws`, token });
 * link.connect();
 * ```
 */
export function createAgentLink(options: AgentLinkOptions): AgentLink {
  const Socket = options.WebSocket ?? (globalThis.WebSocket as unknown as new (url: string) => WebSocketLike);
  const random = options.random ?? Math.random;
  const base = options.baseDelayMs ?? 500;
  const events = createEmitter<AgentLinkEvents>({
    onListenerError: (thrown) =>
      events.emit('error', new ChatError('server-error', 'a listener failed', { cause: thrown })),
  });
  let status: LinkStatus = 'closed';
  let socket: WebSocketLike | undefined;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const setStatus = (next: LinkStatus) => {
    if (status === next) return;
    status = next;
    events.emit('status', next);
  };

  const schedule = () => {
    const delay = random() * Math.min(MAX_DELAY_MS, base * 2 ** attempt);
    attempt += 1;
    timer = setTimeout(open, delay);
  };

  function open() {
    timer = undefined;
    if (stopped) return;
    setStatus('connecting');
    const ws = new Socket(options.url);
    socket = ws;
    ws.onopen = () => {
      ws.send(JSON.stringify({ type: 'agent.hello', token: options.token }));
    };
    ws.onmessage = (event) => {
      let frame: unknown;
      try {
        frame = JSON.parse(String(event.data));
      } catch (cause) {
        events.emit(
          'error',
          new ChatError('invalid-frame', 'the server sent a frame that is not JSON', { cause }),
        );
        return;
      }
      if (!isFrame(frame)) {
        events.emit('error', new ChatError('invalid-frame', 'the server sent a frame without a type'));
        return;
      }
      if (frame.type === 'ping') {
        ws.send(JSON.stringify(frame.id === undefined ? { type: 'pong' } : { type: 'pong', id: frame.id }));
        return;
      }
      if (frame.type === 'agent.welcome') {
        attempt = 0;
        setStatus('open');
      }
      events.emit('frame', frame);
    };
    ws.onerror = () => {
      events.emit('error', new ChatError('connection-lost', 'the agent connection failed'));
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = undefined;
      if (event.code === CLOSE_CODES.unauthorized) {
        stopped = true;
        setStatus('unauthorized');
        return;
      }
      setStatus('closed');
      if (!stopped) schedule();
    };
  }

  return {
    get status() {
      return status;
    },
    connect() {
      stopped = false;
      if (socket !== undefined || timer !== undefined) return;
      open();
    },
    send(frame) {
      if (status !== 'open' || socket === undefined || socket.readyState !== OPEN) return false;
      socket.send(JSON.stringify(frame));
      return true;
    },
    close() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const ws = socket;
      socket = undefined;
      ws?.close(CLOSE_CODES.normal, 'normal');
      setStatus('closed');
    },
    on: events.on,
  };
}
