import {
  ChatError,
  type ClientFrame,
  type Transport,
  type TransportEvents,
  type TransportStatus,
} from '@clavard/protocol';
import { createEmitter } from '@clavard/protocol/internal';
import { createRandom } from './random.js';

/**
 * Options of {@link createFaultInjector}. Probabilities are per frame, from 0 to 1.
 *
 * @example
 * ```ts
 * const options: FaultInjectorOptions = { seed: 1, drop: 0.05, duplicate: 0.02, reorderWindow: 8, cutEvery: 50 };
 * ```
 */
export interface FaultInjectorOptions {
  /** The seed of every random choice: the same seed and the same traffic give the same faults. */
  seed: number;
  /** Probability that an incoming frame is lost. @default 0 */
  drop?: number;
  /** Probability that an incoming frame arrives twice. @default 0 */
  duplicate?: number;
  /**
   * Incoming frames are held in groups of this size, each released shuffled (a frame moves fewer than this
   * many places); a group not full goes out on the next macrotask (`setTimeout(0)`). @default 0 (no reordering)
   */
  reorderWindow?: number;
  /** Each incoming frame waits a random 0 to `delayMs` ms, order kept (one `setTimeout` at a time). @default 0 */
  delayMs?: number;
  /** Cut the connection about every this many frames (incoming and outgoing; seeded). @default 0 (never) */
  cutEvery?: number;
  /** Apply `drop` and `duplicate` to outgoing frames too. @default false */
  outgoing?: boolean;
}

/**
 * What a {@link FaultyTransport} did so far.
 *
 * @example
 * ```ts
 * expect(faulty.stats.dropped).toBeGreaterThan(0);
 * ```
 */
export interface FaultStats {
  /** Incoming frames received from the wrapped transport. */
  received: number;
  /** Incoming frames passed on to listeners (duplicates counted). */
  delivered: number;
  /** Incoming frames lost on purpose. */
  dropped: number;
  /** Incoming frames delivered twice. */
  duplicated: number;
  /** Incoming frames delivered after a frame that arrived later. */
  reordered: number;
  /** Incoming frames held by a delay. */
  delayed: number;
  /** Incoming frames still held when the connection was cut or closed (lost with it). */
  discarded: number;
  /** Frames the caller sent. */
  sent: number;
  /** Outgoing frames lost on purpose. */
  droppedOutgoing: number;
  /** Outgoing frames sent twice. */
  duplicatedOutgoing: number;
  /** Connections cut (scheduled or by `cut()`). */
  cuts: number;
}

/**
 * A {@link Transport} that misbehaves on purpose, with counters and a manual cut.
 *
 * @example
 * ```ts
 * const faulty: FaultyTransport = createFaultInjector(transport, { seed: 7, drop: 0.1 });
 * faulty.cut();
 * ```
 */
export interface FaultyTransport extends Transport {
  /** The counters (a live, read-only view). */
  readonly stats: Readonly<FaultStats>;
  /** Cut the connection now: the wrapped transport is closed, listeners see `connection-lost` then `closed`. */
  cut(): void;
}

interface Held {
  data: unknown;
  index: number;
}

/**
 * Wrap a transport so that, on a seeded schedule, incoming frames are dropped, duplicated, delayed and
 * reordered within a window, outgoing ones optionally dropped and duplicated, and the connection cut
 * (the wrapped transport closed; `connection-lost`, then `closed`). Deterministic for a seed and a given
 * traffic. For chaos tests of a chat client against any transport and server.
 *
 * @example
 * ```ts
 * const server = createMemoryChatServer({ heartbeatMs: 0 });
 * const transport = createFaultInjector(server.createTransport(), {
 *   seed: 42, drop: 0.05, duplicate: 0.02, reorderWindow: 8, cutEvery: 100,
 * });
 * const client = createChatClient({ transport });
 * ```
 */
export function createFaultInjector(inner: Transport, options: FaultInjectorOptions): FaultyTransport {
  const random = createRandom(options.seed);
  const { drop = 0, duplicate = 0, reorderWindow = 0, delayMs = 0, cutEvery = 0, outgoing = false } = options;
  const events = createEmitter<TransportEvents>();
  const stats: FaultStats = {
    received: 0,
    delivered: 0,
    dropped: 0,
    duplicated: 0,
    reordered: 0,
    delayed: 0,
    discarded: 0,
    sent: 0,
    droppedOutgoing: 0,
    duplicatedOutgoing: 0,
    cuts: 0,
  };
  let status: TransportStatus = 'idle';
  let muted = false;
  let arrivals = 0;
  let latestDelivered = -1;
  let untilCut = 0;
  let window: Held[] = [];
  let windowTimer: ReturnType<typeof setTimeout> | undefined;
  let delayed: (Held & { due: number })[] = [];
  let delayTimer: ReturnType<typeof setTimeout> | undefined;

  const setStatus = (next: TransportStatus) => {
    if (status === next) return;
    status = next;
    events.emit('status', next);
  };

  const deliver = ({ data, index }: Held) => {
    if (status !== 'open') {
      stats.discarded++;
      return;
    }
    if (index < latestDelivered) stats.reordered++;
    latestDelivered = Math.max(latestDelivered, index);
    stats.delivered++;
    events.emit('frame', data);
  };

  const runDelayed = () => {
    delayTimer = undefined;
    const now = Date.now();
    while (delayed[0] && delayed[0].due <= now) {
      const head = delayed.shift();
      if (head) deliver(head);
    }
    const head = delayed[0];
    if (head) delayTimer = setTimeout(runDelayed, head.due - now);
  };

  const toDelay = (held: Held) => {
    if (delayMs <= 0) return deliver(held);
    const now = Date.now();
    const due = Math.max(delayed.at(-1)?.due ?? now, now + random.int(0, delayMs));
    if (due > now) stats.delayed++;
    if (due <= now && delayed.length === 0) return deliver(held);
    delayed.push({ ...held, due });
    if (delayTimer === undefined) delayTimer = setTimeout(runDelayed, due - now);
  };

  /** Release the whole window in a seeded random order: no frame moves `reorderWindow` places or more. */
  const releaseWindow = () => {
    clearTimeout(windowTimer);
    windowTimer = undefined;
    const batch = window;
    window = [];
    for (let i = batch.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      const swap = batch[i];
      const other = batch[j];
      if (swap && other) [batch[i], batch[j]] = [other, swap];
    }
    for (const held of batch) toDelay(held);
  };

  const toWindow = (held: Held) => {
    if (reorderWindow <= 1) return toDelay(held);
    window.push(held);
    if (window.length >= reorderWindow) releaseWindow();
    else if (windowTimer === undefined) windowTimer = setTimeout(releaseWindow, 0);
  };

  /** Frames still held go out in order (a graceful end) or are lost (a cut, a close). */
  const settle = (keep: boolean) => {
    clearTimeout(windowTimer);
    clearTimeout(delayTimer);
    windowTimer = undefined;
    delayTimer = undefined;
    const held = [...window.sort((a, b) => a.index - b.index), ...delayed];
    window = [];
    delayed = [];
    for (const item of held) {
      if (keep) deliver(item);
      else stats.discarded++;
    }
  };

  const countFrame = () => {
    if (cutEvery <= 0 || untilCut <= 0) return false;
    untilCut--;
    return untilCut === 0;
  };

  const cut = () => {
    if (status !== 'open' && status !== 'connecting') return;
    settle(false);
    muted = true;
    inner.close();
    muted = false;
    stats.cuts++;
    events.emit('error', new ChatError('connection-lost', 'connection cut by the fault injector'));
    setStatus('closed');
  };

  inner.on('frame', (data) => {
    if (muted || status !== 'open') return;
    stats.received++;
    const cutNow = countFrame();
    if (random.chance(drop)) stats.dropped++;
    else {
      const held = { data, index: arrivals++ };
      const twice = random.chance(duplicate);
      toWindow(held);
      if (twice) {
        stats.duplicated++;
        toWindow(held);
      }
    }
    if (cutNow) cut();
  });
  inner.on('error', (error) => {
    if (muted) return;
    settle(true);
    events.emit('error', error);
  });
  inner.on('status', (next) => {
    if (muted) return;
    if (next === 'open' && cutEvery > 0) {
      untilCut = random.int(Math.ceil(cutEvery / 2), Math.ceil(cutEvery * 1.5));
    }
    if (next === 'closed') settle(true);
    setStatus(next);
  });

  return {
    get status() {
      return status;
    },
    get stats() {
      return stats;
    },
    connect() {
      if (status === 'connecting' || status === 'open') return;
      inner.connect();
    },
    send(frame: ClientFrame) {
      if (status !== 'open') throw new ChatError('transport-closed', `cannot send while ${status}`);
      stats.sent++;
      const cutNow = countFrame();
      if (outgoing && random.chance(drop)) stats.droppedOutgoing++;
      else {
        const twice = outgoing && random.chance(duplicate);
        inner.send(frame);
        if (twice) {
          stats.duplicatedOutgoing++;
          inner.send(frame);
        }
      }
      if (cutNow) cut();
    },
    close() {
      if (status === 'closed') return;
      settle(false);
      muted = true;
      inner.close();
      muted = false;
      setStatus('closed');
    },
    on: events.on,
    cut,
  };
}
