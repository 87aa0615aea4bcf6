import {
  ChatError,
  type ClientFrame,
  type Transport,
  type TransportEvents,
  type TransportStatus,
} from '@clavard/protocol';

/** A Transport driven by the test: it records what the client sends and emits what the test says. */
export interface FakeTransport extends Transport {
  readonly sent: ClientFrame[];
  connects: number;
  /** Finish connecting. */
  open(): void;
  /** Deliver a server frame (as JSON text, like a WebSocket). */
  receive(frame: unknown): void;
  /** The connection drops, optionally with an error first. */
  drop(error?: ChatError): void;
  sentOfType<T extends ClientFrame['type']>(type: T): Extract<ClientFrame, { type: T }>[];
}

export function createFakeTransport(options: { autoOpen?: boolean } = {}): FakeTransport {
  const listeners: { [K in keyof TransportEvents]: Set<(payload: TransportEvents[K]) => void> } = {
    frame: new Set(),
    status: new Set(),
    error: new Set(),
  };
  let status: TransportStatus = 'idle';
  const setStatus = (next: TransportStatus): void => {
    status = next;
    for (const listener of listeners.status) listener(next);
  };
  const transport: FakeTransport = {
    sent: [],
    connects: 0,
    get status() {
      return status;
    },
    connect() {
      if (status === 'connecting' || status === 'open') return;
      transport.connects += 1;
      setStatus('connecting');
      if (options.autoOpen) setStatus('open');
    },
    send(frame) {
      if (status !== 'open') throw new ChatError('transport-closed', 'not open');
      transport.sent.push(frame);
    },
    close() {
      if (status === 'closed' || status === 'idle') return;
      setStatus('closed');
    },
    on(event, listener) {
      const set = listeners[event] as Set<typeof listener>;
      set.add(listener);
      return () => set.delete(listener);
    },
    open() {
      setStatus('open');
    },
    receive(frame) {
      for (const listener of listeners.frame)
        listener(typeof frame === 'string' ? frame : JSON.stringify(frame));
    },
    drop(error) {
      if (error) for (const listener of listeners.error) listener(error);
      setStatus('closed');
    },
    sentOfType(type) {
      return transport.sent.filter(
        (frame): frame is Extract<ClientFrame, { type: typeof type }> => frame.type === type,
      );
    },
  };
  return transport;
}

export const AT = '2026-11-23T09:41:00.000Z';

export function welcome(extra: Record<string, unknown> = {}) {
  return {
    type: 'session.welcome',
    v: '1.0',
    token: 't1',
    resumed: false,
    availability: { online: true },
    conversation: { id: 'c1', epoch: 'e1', lastSeq: 0, status: 'active' },
    ...extra,
  };
}

export function agentMessage(seq: number, text = `agent ${seq}`, conversationId = 'c1') {
  return {
    type: 'message',
    conversationId,
    seq,
    at: AT,
    id: `m${seq}`,
    author: { role: 'agent', id: 'a1', firstName: 'Julie' },
    content: { kind: 'text', text },
  };
}

export function visitorEcho(seq: number, clientId: string, text: string) {
  return {
    type: 'message',
    conversationId: 'c1',
    seq,
    at: AT,
    id: `m${seq}`,
    author: { role: 'visitor' },
    content: { kind: 'text', text },
    clientId,
  };
}

export function ack(seq: number, clientId: string, extra: Record<string, unknown> = {}) {
  return { type: 'message.ack', conversationId: 'c1', clientId, id: `m${seq}`, seq, at: AT, ...extra };
}

/** A fake window with `online`/`offline`/`pageshow` events and a settable `navigator.onLine`. */
export function createFakeWindow(onLine = true) {
  const target = new EventTarget();
  const navigator = { onLine };
  return Object.assign(target, { navigator });
}
