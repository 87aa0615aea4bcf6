import type { Transport } from '@clavard/protocol';
import { effect } from '@preact/signals-core';

type Listener = (event: { readonly data: unknown }) => void;

/** An in-process BroadcastChannel: structured clones, delivered to the other channels of the name on a microtask. */
export interface FakeChannelHub {
  BroadcastChannel: new (name: string) => FakeChannel;
  /** Every channel made, in order. */
  readonly channels: FakeChannel[];
  /** Every message posted, in order. */
  readonly posted: unknown[];
  /** Messages for which this returns true are lost on the way. */
  lose: (message: unknown) => boolean;
}

export interface FakeChannel {
  readonly name: string;
  closed: boolean;
  /** Cut off: posts nothing and receives nothing, as a tab that froze or crashed. */
  cut: boolean;
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: Listener): void;
  removeEventListener(type: 'message', listener: Listener): void;
  close(): void;
}

export function createFakeChannelHub(): FakeChannelHub {
  const channels: FakeChannel[] = [];
  const posted: unknown[] = [];
  class Channel implements FakeChannel {
    closed = false;
    cut = false;
    readonly listeners = new Set<Listener>();
    constructor(readonly name: string) {
      channels.push(this);
    }
    postMessage(message: unknown): void {
      if (this.closed) throw new Error('InvalidStateError: channel closed');
      if (this.cut) return;
      posted.push(message);
      if (hub.lose(message)) return;
      const data = structuredClone(message);
      for (const other of channels) {
        if (other === this || other.name !== this.name || !(other instanceof Channel)) continue;
        queueMicrotask(() => {
          if (other.closed || other.cut) return;
          for (const listener of [...other.listeners]) listener({ data });
        });
      }
    }
    addEventListener(_type: 'message', listener: Listener): void {
      this.listeners.add(listener);
    }
    removeEventListener(_type: 'message', listener: Listener): void {
      this.listeners.delete(listener);
    }
    close(): void {
      this.closed = true;
    }
  }
  const hub: FakeChannelHub = { BroadcastChannel: Channel, channels, posted, lose: () => false };
  return hub;
}

interface Waiter {
  callback: (lock: unknown) => Promise<void>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** In-process Web Locks (exclusive only): one holder per name, granted in request order. */
export function createFakeLocks() {
  const queues = new Map<string, Waiter[]>();
  const held = new Set<string>();
  const grant = (name: string): void => {
    const queue = queues.get(name) ?? [];
    if (held.has(name)) return;
    const next = queue.shift();
    if (!next) return;
    held.add(name);
    queueMicrotask(() => {
      next
        .callback({ name })
        .then(next.resolve, next.reject)
        .finally(() => {
          held.delete(name);
          grant(name);
        });
    });
  };
  return {
    held,
    request(
      name: string,
      options: { signal?: AbortSignal; ifAvailable?: boolean },
      callback: (lock: unknown) => Promise<void>,
    ) {
      // As the browser: with `ifAvailable`, a lock held (or asked for) by another gives `null` at once.
      if (options.ifAvailable && (held.has(name) || (queues.get(name)?.length ?? 0) > 0))
        return Promise.resolve().then(() => callback(null));
      return new Promise<unknown>((resolve, reject) => {
        const waiter: Waiter = { callback, resolve, reject };
        const queue = queues.get(name) ?? [];
        queues.set(name, queue);
        queue.push(waiter);
        options.signal?.addEventListener('abort', () => {
          const index = queue.indexOf(waiter);
          if (index < 0) return;
          queue.splice(index, 1);
          reject(new DOMException('The request was aborted', 'AbortError'));
        });
        grant(name);
      });
    },
  };
}

/** Resolves once `check` (which reads signals) is true; re-checked on every change of what it read. */
export function until(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const stop = effect(() => {
      if (done || !check()) return;
      done = true;
      queueMicrotask(() => stop());
      resolve();
    });
  });
}

/**
 * Wraps a transport so the test can swallow, while `holding`, what would settle a visitor message: its
 * `message.ack` and its echo. The server has the message; the client does not know it.
 */
export function withHeldAcks(transport: Transport) {
  let holding = false;
  const settles = (data: unknown): boolean => {
    if (typeof data !== 'string') return false;
    const frame: unknown = JSON.parse(data);
    if (typeof frame !== 'object' || frame === null || !('type' in frame)) return false;
    if (frame.type === 'message.ack') return true;
    return frame.type === 'message' && 'clientId' in frame && frame.clientId !== undefined;
  };
  const wrapped: Transport = {
    get status() {
      return transport.status;
    },
    connect: () => transport.connect(),
    send: (frame) => transport.send(frame),
    close: () => transport.close(),
    on(event, listener) {
      if (event !== 'frame') return transport.on(event, listener);
      return transport.on('frame', (data) => {
        if (holding && settles(data)) return;
        listener(data as Parameters<typeof listener>[0]);
      });
    },
  };
  return {
    transport: wrapped,
    hold(on: boolean) {
      holding = on;
    },
  };
}
