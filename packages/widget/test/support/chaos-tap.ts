import { createRandom } from '@clavard/adapters/testing';
import type { ClientFrame, ConversationEvent, Transport } from '@clavard/protocol';
import type { ChatClient } from '@clavard/widget/headless';

/** What a {@link ChaosTap} saw and did. */
export interface ChaosCounters {
  /** Cuts the tap made right after a `message.send`, before its ack could arrive. */
  cutsAfterSend: number;
  /** Cuts the tap made while history was being replayed (resume replay or `history.since` pending). */
  cutsDuringReplay: number;
  /** Every connection loss announced with `connection-lost` (the injector's, the tap's, the server's). */
  forcedDisconnects: number;
  /** Of those, the ones that came while a `message.send` was waiting for its ack. */
  disconnectsBetweenSendAndAck: number;
  /** Of those, the ones that came while history was being replayed. */
  disconnectsDuringReplay: number;
}

/** A transport wrapper that watches the traffic, cuts at chosen moments, and remembers every ack. */
export interface ChaosTap extends Transport {
  readonly counters: Readonly<ChaosCounters>;
  /** Every `message.ack` that reached the client: clientId → the server's id and seq. */
  readonly acks: ReadonlyMap<string, { id: string; seq: number }>;
}

/** Options of {@link createChaosTap}. */
export interface ChaosTapOptions {
  seed: number;
  /** Probability of cutting right after a `message.send`. */
  cutAfterSend: number;
  /** Probability of cutting after a replayed event or a `history.since`. */
  cutInReplay: number;
  /** Cuts the connection (the fault injector's `cut()`, or a server-side kill). */
  cut: () => void;
}

const decode = (data: unknown): Record<string, unknown> | undefined => {
  try {
    const value: unknown = typeof data === 'string' ? JSON.parse(data) : data;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Wrap `inner` (usually a fault injector): frames pass unchanged; on a seeded schedule the connection is
 * cut just after a message is sent (so the server stores it and the ack is lost) and in the middle of a
 * history replay. Cuts happen on a microtask, as a network would, never inside the client's own call.
 */
export function createChaosTap(inner: Transport, options: ChaosTapOptions): ChaosTap {
  const random = createRandom(options.seed);
  const counters: ChaosCounters = {
    cutsAfterSend: 0,
    cutsDuringReplay: 0,
    forcedDisconnects: 0,
    disconnectsBetweenSendAndAck: 0,
    disconnectsDuringReplay: 0,
  };
  const acks = new Map<string, { id: string; seq: number }>();
  const unacked = new Set<string>();
  let resumeFrom: number | undefined;
  let replayUpTo = 0;
  let replaySeen = 0;
  let historyPending = 0;
  let lostAnnounced = false;

  const replaying = (): boolean => historyPending > 0 || replaySeen < replayUpTo;
  const cutSoon = (kind: 'cutsAfterSend' | 'cutsDuringReplay'): void => {
    queueMicrotask(() => {
      if (inner.status !== 'open') return;
      counters[kind] += 1;
      options.cut();
    });
  };

  inner.on('error', (error) => {
    if (error.code === 'connection-lost') lostAnnounced = true;
  });
  inner.on('status', (status) => {
    if (status !== 'closed') return;
    if (lostAnnounced) {
      counters.forcedDisconnects += 1;
      if (unacked.size > 0) counters.disconnectsBetweenSendAndAck += 1;
      if (replaying()) counters.disconnectsDuringReplay += 1;
    }
    lostAnnounced = false;
    unacked.clear();
    historyPending = 0;
    replayUpTo = 0;
    replaySeen = 0;
  });
  inner.on('frame', (data) => {
    const frame = decode(data);
    if (!frame) return;
    if (frame.type === 'message.ack' && typeof frame.clientId === 'string') {
      unacked.delete(frame.clientId);
      if (typeof frame.id === 'string' && typeof frame.seq === 'number') {
        acks.set(frame.clientId, { id: frame.id, seq: frame.seq });
      }
    } else if (frame.type === 'session.welcome') {
      const conversation = decode(frame.conversation);
      const lastSeq = typeof conversation?.lastSeq === 'number' ? conversation.lastSeq : 0;
      if (resumeFrom !== undefined && lastSeq > resumeFrom + 1) {
        replayUpTo = lastSeq;
        replaySeen = resumeFrom;
      }
    } else if (frame.type === 'history') {
      historyPending = Math.max(0, historyPending - 1);
    } else if (typeof frame.seq === 'number' && frame.seq <= replayUpTo) {
      replaySeen = Math.max(replaySeen, frame.seq);
      if (frame.seq < replayUpTo && random.chance(options.cutInReplay)) cutSoon('cutsDuringReplay');
    }
  });

  const onSend = (frame: ClientFrame): void => {
    if (frame.type === 'session.hello') resumeFrom = frame.resume?.lastSeq;
    else if (frame.type === 'message.send') {
      unacked.add(frame.clientId);
      if (random.chance(options.cutAfterSend)) cutSoon('cutsAfterSend');
    } else if (frame.type === 'history.since') {
      historyPending += 1;
      if (random.chance(options.cutInReplay)) cutSoon('cutsDuringReplay');
    }
  };

  return {
    get status() {
      return inner.status;
    },
    counters,
    acks,
    connect: () => inner.connect(),
    send(frame) {
      inner.send(frame);
      onSend(frame);
    },
    close: () => inner.close(),
    on: (event, listener) => inner.on(event, listener),
  };
}

/** A row as compared between the client's visible list and the server's store: `seq type id`. */
export const eventKey = (event: ConversationEvent): string =>
  `${event.seq} ${event.type}${event.type === 'message' ? ` ${event.id}` : ''}`;

/** The client's visible rows as keys (pending rows as `pending <clientId>`). */
export function visibleKeys(client: ChatClient): string[] {
  return client.messages.value.map((entry) =>
    entry.kind === 'event' ? eventKey(entry.event) : `pending ${entry.clientId}`,
  );
}

/** The text of each message by role, in the given (seq) order. */
export function textsBy(events: readonly ConversationEvent[], role: 'visitor' | 'agent'): string[] {
  const texts: string[] = [];
  for (const event of events) {
    if (event.type === 'message' && event.author.role === role && event.content.kind === 'text') {
      texts.push(event.content.text);
    }
  }
  return texts;
}

/** The confirmed events the client shows, in list order. */
export function shownEvents(client: ChatClient): ConversationEvent[] {
  const events: ConversationEvent[] = [];
  for (const entry of client.messages.value) if (entry.kind === 'event') events.push(entry.event);
  return events;
}
