import { ChatError, type ClientFrame, type Transport, type TransportStatus } from '@clavard/protocol';

/** A transport wrapper the test can break: refuse connections, hide frames, count what is sent. */
export interface GateTransport extends Transport {
  /** While true, every connect attempt fails with `connection-lost`. */
  down: boolean;
  /** Incoming frames for which this returns true never reach the client. */
  swallow: (frame: Record<string, unknown>) => boolean;
  /** Every frame the client sent, in order. */
  readonly sent: ClientFrame[];
  /** Every incoming frame, decoded, swallowed or not. */
  readonly received: Record<string, unknown>[];
  /** How many connect attempts were made. */
  readonly attempts: number;
  /** Close the inner transport as a lost network would (`connection-lost`, then `closed`). */
  cut(): void;
}

type Listener = (payload: never) => void;

/** Wrap `inner` in a {@link GateTransport}. */
export function createGate(inner: Transport): GateTransport {
  const listeners = { frame: new Set<Listener>(), status: new Set<Listener>(), error: new Set<Listener>() };
  const emit = (event: keyof typeof listeners, payload: unknown): void => {
    for (const listener of [...listeners[event]]) (listener as (value: unknown) => void)(payload);
  };
  let refused: TransportStatus | undefined;
  let attempts = 0;
  const gate: GateTransport = {
    down: false,
    swallow: () => false,
    sent: [],
    received: [],
    get attempts() {
      return attempts;
    },
    get status() {
      return refused ?? inner.status;
    },
    connect() {
      if (gate.status === 'connecting' || gate.status === 'open') return;
      attempts += 1;
      if (!gate.down) {
        refused = undefined;
        inner.connect();
        return;
      }
      refused = 'connecting';
      emit('status', 'connecting');
      queueMicrotask(() => {
        refused = 'closed';
        emit('error', new ChatError('connection-lost', 'network unreachable'));
        emit('status', 'closed');
      });
    },
    send(frame) {
      inner.send(frame);
      gate.sent.push(frame);
    },
    close() {
      if (refused) {
        refused = 'closed';
        return;
      }
      inner.close();
    },
    on(event, listener) {
      listeners[event].add(listener as Listener);
      return () => listeners[event].delete(listener as Listener);
    },
    cut() {
      if (inner.status !== 'open') return;
      emit('error', new ChatError('connection-lost', 'cut by the test'));
      inner.close();
    },
  };
  inner.on('frame', (data) => {
    const frame: unknown = typeof data === 'string' ? JSON.parse(data) : data;
    const record = typeof frame === 'object' && frame !== null ? (frame as Record<string, unknown>) : {};
    gate.received.push(record);
    if (!gate.swallow(record)) emit('frame', data);
  });
  inner.on('status', (status) => {
    if (!refused) emit('status', status);
  });
  inner.on('error', (error) => emit('error', error));
  return gate;
}
