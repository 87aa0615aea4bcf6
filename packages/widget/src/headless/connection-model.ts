import { ChatError, type ClientFrame, type Transport, type Unsubscribe } from '@clavard/protocol';
import { type ReadonlySignal, signal } from '@preact/signals-core';
import { type BackoffOptions, backoffDelay } from './backoff.js';
import { createHeartbeat } from './heartbeat.js';
import { createTimerSlot } from './timers.js';

/** Where the client's connection stands, as the visitor should hear it. */
export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline';

/** The page events the client listens to: `online`, `offline`, `pageshow`, `pagehide`. */
export interface WindowLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
  readonly navigator?: { readonly onLine?: boolean };
}

/** The document events the client listens to: `visibilitychange`. */
export interface DocumentLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
  readonly visibilityState?: string;
  /** The page's address and title, for the page the visitor is on (sent in the hello). */
  readonly location?: { readonly protocol: string; readonly origin: string; readonly pathname: string };
  readonly title?: string;
}

/**
 * Owns the transport: connects, detects dead connections, reconnects with backoff, follows the page's
 * online/visibility state. It knows nothing of conversations; the client hands it frames to send and
 * receives the frames that arrive. (A multi-tab coordinator can later run this in the leader tab only.)
 * The first transport error of each run of failures (until the next handshake) is also written to the
 * console, as `console.warn('clavard: <message>')`.
 */
export interface ConnectionModel {
  readonly status: ReadonlySignal<ConnectionStatus>;
  /** When the connection was lost (client clock, ms), while it is not back. */
  readonly disconnectedSince: ReadonlySignal<number | undefined>;
  /** Start (or restart after a halt) connecting. */
  start(): void;
  /** Close and stop retrying; `start()` again to reconnect. */
  stop(): void;
  /** The handshake succeeded: `online`. `heartbeatMs` is the server's ping period, when it said. */
  ready(heartbeatMs: number | undefined): void;
  /** Drop the connection and reconnect after `delayMs` (plus jitter). */
  reconnectAfter(delayMs: number): void;
  /** Do not reconnect before `ms` from now. */
  pause(ms: number): void;
  /** Stop for good (unauthorized, unsupported version), reporting `error`. */
  halt(error: ChatError): void;
  /** Send a frame if open; false when it could not go (the caller keeps it). */
  send(frame: ClientFrame): boolean;
  /** Whether the handshake is done and frames can be sent. */
  readonly isReady: boolean;
  dispose(): void;
}

/** Options of {@link createConnectionModel}. */
export interface ConnectionModelOptions {
  transport: Transport;
  window: WindowLike | undefined;
  document: DocumentLike | undefined;
  random: () => number;
  now: () => number;
  backoff: BackoffOptions;
  heartbeatTimeoutMs: number;
  connectTimeoutMs: number;
  /** The transport opened: send `session.hello`. */
  onOpen: () => void;
  onFrame: (data: unknown) => void;
  /** The connection was lost (or closed by us); in-flight state must be reset. */
  onLost: () => void;
  onError: (error: ChatError) => void;
}

const PROBE_INTERVAL_MS = 60_000;

type Phase = 'idle' | 'attempting' | 'open' | 'waiting' | 'offline' | 'halted';

/**
 * Create the {@link ConnectionModel}.
 *
 * @example
 * ```ts
 * const connection = createConnectionModel({ transport, window, document, ...handlers });
 * connection.start();
 * ```
 */
export function createConnectionModel(options: ConnectionModelOptions): ConnectionModel {
  const { transport } = options;
  const status = signal<ConnectionStatus>('idle');
  const disconnectedSince = signal<number | undefined>(undefined);
  const retryTimer = createTimerSlot();
  const connectTimer = createTimerSlot();
  let phase: Phase = 'idle';
  let attempt = 0;
  let everOnline = false;
  let pausedUntil = 0;
  let probing = false;
  /** Whether this run of failures (until the next handshake) has been written to the console. */
  let warned = false;
  let unsubscribes: Unsubscribe[] = [];
  let pageListeners: Array<() => void> = [];

  const heartbeat = createHeartbeat({
    timeoutMs: options.heartbeatTimeoutMs,
    onQuiet: () => {
      send({ type: 'ping' });
    },
    onDead: () => {
      options.onError(new ChatError('heartbeat-timeout', 'No frame from the server in time'));
      drop();
    },
  });

  const isOnline = (): boolean => options.window?.navigator?.onLine !== false;

  const setStatus = (next: ConnectionStatus): void => {
    if (next !== 'online' && next !== 'idle' && disconnectedSince.peek() === undefined && everOnline) {
      disconnectedSince.value = options.now();
    }
    status.value = next;
  };

  const closeTransport = (): void => {
    heartbeat.stop();
    connectTimer.clear();
    if (transport.status === 'connecting' || transport.status === 'open') transport.close();
  };

  const attemptNow = (): void => {
    retryTimer.clear();
    phase = 'attempting';
    if (!probing) setStatus(everOnline ? 'reconnecting' : 'connecting');
    connectTimer.set(options.connectTimeoutMs, () => {
      options.onError(new ChatError('connect-timeout', 'Connecting took too long'));
      drop();
    });
    if (transport.status === 'open') options.onOpen();
    else transport.connect();
  };

  const goOffline = (): void => {
    phase = 'offline';
    probing = false;
    setStatus('offline');
    retryTimer.set(PROBE_INTERVAL_MS, () => {
      probing = true;
      attemptNow();
    });
  };

  const scheduleRetry = (minDelayMs = 0): void => {
    if (!isOnline()) {
      goOffline();
      return;
    }
    phase = 'waiting';
    probing = false;
    setStatus('reconnecting');
    const delay = Math.max(minDelayMs, backoffDelay(attempt, options.random, options.backoff));
    attempt += 1;
    retryTimer.set(Math.max(delay, pausedUntil - options.now()), attemptNow);
  };

  /** The connection is gone (or we gave up on it): tidy up and plan the next attempt. */
  const drop = (minDelayMs = 0): void => {
    const wasActive = phase === 'attempting' || phase === 'open';
    phase = 'waiting';
    closeTransport();
    if (wasActive) options.onLost();
    scheduleRetry(minDelayMs);
  };

  const send = (frame: ClientFrame): boolean => {
    if (transport.status !== 'open') return false;
    try {
      transport.send(frame);
      return true;
    } catch (error) {
      // The transport closed under us; its status event drives the reconnect.
      if (!ChatError.isInstance(error) || error.code !== 'transport-closed') {
        options.onError(new ChatError('connection-lost', 'The transport refused a frame', { cause: error }));
      }
      return false;
    }
  };

  const comeBack = (): void => {
    if (phase === 'waiting' || phase === 'offline') {
      attempt = 0;
      probing = false;
      attemptNow();
    }
  };

  const listenPage = (): void => {
    const add = (
      target: WindowLike | DocumentLike | undefined,
      type: string,
      listener: (e: Event) => void,
    ) => {
      if (!target) return;
      target.addEventListener(type, listener);
      pageListeners.push(() => target.removeEventListener(type, listener));
    };
    add(options.window, 'online', comeBack);
    add(options.window, 'offline', () => {
      if (phase === 'idle' || phase === 'halted') return;
      const wasActive = phase === 'attempting' || phase === 'open';
      phase = 'offline';
      closeTransport();
      if (wasActive) options.onLost();
      goOffline();
    });
    add(options.window, 'pageshow', (event) => {
      // Back from the back-forward cache: the old socket is gone even if nobody said so.
      if (!('persisted' in event) || event.persisted !== true) return;
      if (phase === 'open' || phase === 'attempting') drop();
      comeBack();
    });
    add(options.document, 'visibilitychange', () => {
      if (options.document?.visibilityState === 'visible') comeBack();
    });
  };

  const unlistenPage = (): void => {
    for (const remove of pageListeners) remove();
    pageListeners = [];
  };

  const listenTransport = (): void => {
    unsubscribes = [
      transport.on('frame', (data) => {
        if (phase !== 'attempting' && phase !== 'open') return;
        heartbeat.touch();
        options.onFrame(data);
      }),
      transport.on('status', (next) => {
        if (next === 'open' && phase === 'attempting') {
          heartbeat.touch();
          options.onOpen();
        } else if (next === 'closed' && (phase === 'attempting' || phase === 'open')) {
          drop();
        }
      }),
      transport.on('error', (error) => {
        // Once per run of failures, so that a developer sees where it went wrong without a listener.
        if (!warned) console.warn(`clavard: ${error.message}`);
        warned = true;
        if (error.code === 'unauthorized' || error.code === 'unsupported-version') {
          model.halt(error);
          return;
        }
        if (error.retryAfterMs !== undefined) model.pause(error.retryAfterMs);
        options.onError(error);
      }),
    ];
  };

  const model: ConnectionModel = {
    status,
    disconnectedSince,
    get isReady() {
      return phase === 'open';
    },
    start() {
      if (phase !== 'idle' && phase !== 'halted') return;
      if (unsubscribes.length === 0) listenTransport();
      if (pageListeners.length === 0) listenPage();
      attempt = 0;
      if (isOnline()) attemptNow();
      else goOffline();
    },
    stop() {
      const wasActive = phase === 'attempting' || phase === 'open';
      phase = 'idle';
      retryTimer.clear();
      closeTransport();
      unlistenPage();
      if (wasActive) options.onLost();
      status.value = 'idle';
    },
    ready(heartbeatMs) {
      if (phase !== 'attempting') return;
      phase = 'open';
      connectTimer.clear();
      attempt = 0;
      probing = false;
      warned = false;
      everOnline = true;
      heartbeat.setTimeoutMs(heartbeatMs === undefined ? options.heartbeatTimeoutMs : heartbeatMs + 10_000);
      heartbeat.touch();
      disconnectedSince.value = undefined;
      setStatus('online');
    },
    reconnectAfter(delayMs) {
      if (phase === 'idle' || phase === 'halted') return;
      drop(delayMs + Math.floor(Math.max(0, Math.min(1, options.random())) * 1000));
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, options.now() + ms);
    },
    halt(error) {
      const wasActive = phase === 'attempting' || phase === 'open';
      phase = 'halted';
      retryTimer.clear();
      closeTransport();
      unlistenPage();
      if (wasActive) options.onLost();
      status.value = 'idle';
      options.onError(error);
    },
    send,
    dispose() {
      phase = 'idle';
      retryTimer.clear();
      closeTransport();
      unlistenPage();
      for (const off of unsubscribes) off();
      unsubscribes = [];
    },
  };
  return model;
}
