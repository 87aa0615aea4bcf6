import type { MemoryChatServer } from '@clavard/adapters/memory';
import {
  type ClientFrame,
  PROTOCOL_VERSION,
  type PrechatForm,
  parseServerFrame,
  type ServerFrame,
  type SessionHello,
  type SessionWelcome,
  type Transport,
  type TransportEvents,
} from '@clavard/protocol';

/** A server frame of one type (`ping` and `pong` share an interface). */
export type FrameOf<T extends ServerFrame['type']> = ServerFrame & { type: T };

/** Resolves with the next `event` of `transport` that passes `accept`. */
export function nextEvent<K extends keyof TransportEvents>(
  transport: Transport,
  event: K,
  accept: (payload: TransportEvents[K]) => boolean = () => true,
): Promise<TransportEvents[K]> {
  return new Promise((resolve) => {
    const off = transport.on(event, (payload) => {
      if (!accept(payload)) return;
      off();
      resolve(payload);
    });
  });
}

/**
 * A visitor's connection for tests: every valid server frame is recorded; `next()` consumes them (the first
 * unconsumed match); `barrier()` proves everything sent before it has arrived (a ping round trip).
 */
export interface VisitorHarness {
  transport: Transport;
  frames: ServerFrame[];
  invalid: unknown[];
  open(): Promise<void>;
  send(frame: ClientFrame): void;
  next<T extends ServerFrame['type']>(type: T, accept?: (frame: FrameOf<T>) => boolean): Promise<FrameOf<T>>;
  hello(extra?: Partial<SessionHello>): Promise<SessionWelcome>;
  barrier(): Promise<void>;
  /** Frames of `type` received so far. */
  all<T extends ServerFrame['type']>(type: T): FrameOf<T>[];
}

let barriers = 0;

export function visitor(transport: Transport): VisitorHarness {
  const frames: ServerFrame[] = [];
  const invalid: unknown[] = [];
  const consumed = new Set<number>();
  const waiters = new Set<() => void>();
  transport.on('frame', (data) => {
    const result = parseServerFrame(data);
    if (result.ok) frames.push(result.value);
    else invalid.push(data);
    for (const wake of [...waiters]) wake();
  });
  const is = <T extends ServerFrame['type']>(frame: ServerFrame, type: T): frame is FrameOf<T> =>
    frame.type === type;
  const harness: VisitorHarness = {
    transport,
    frames,
    invalid,
    async open() {
      const opened = nextEvent(transport, 'status', (s) => s === 'open');
      transport.connect();
      await opened;
    },
    send: (frame) => transport.send(frame),
    next(type, accept = () => true) {
      return new Promise((resolve) => {
        const look = () => {
          for (let i = 0; i < frames.length; i++) {
            const frame = frames[i];
            if (frame && !consumed.has(i) && is(frame, type) && accept(frame)) {
              consumed.add(i);
              waiters.delete(look);
              resolve(frame);
              return;
            }
          }
        };
        waiters.add(look);
        look();
      });
    },
    async hello(extra = {}) {
      const welcome = harness.next('session.welcome');
      transport.send({ type: 'session.hello', v: PROTOCOL_VERSION, locale: 'en', ...extra });
      return welcome;
    },
    async barrier() {
      const id = `barrier-${++barriers}`;
      const pong = harness.next('pong', (frame) => frame.id === id);
      transport.send({ type: 'ping', id });
      await pong;
    },
    all: (type) => frames.filter((frame): frame is FrameOf<typeof type> => is(frame, type)),
  };
  return harness;
}

/** A visitor connected to `server`, hello done. */
export async function connectVisitor(
  server: MemoryChatServer,
  extra: Partial<SessionHello> = {},
): Promise<{ v: VisitorHarness; welcome: SessionWelcome }> {
  const v = visitor(server.createTransport());
  await v.open();
  const welcome = await v.hello(extra);
  return { v, welcome };
}

/** A pre-chat form asked first: an optional name and a required topic. */
export const PRECHAT: PrechatForm = {
  formId: 'pre-1',
  title: 'Before we start',
  fields: [
    { name: 'name', type: 'text', label: 'Name' },
    {
      name: 'topic',
      type: 'select',
      label: 'Topic',
      required: true,
      options: [{ value: 'b', label: 'Billing' }],
    },
  ],
};
