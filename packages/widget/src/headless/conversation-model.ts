import type {
  AgentInfo,
  Author,
  Availability,
  ChatErrorCode,
  ConversationEvent,
  ConversationStatus,
  FormRequest,
  PrechatForm,
  Seq,
  Timestamp,
} from '@clavard/protocol';
import { batch, computed, type ReadonlySignal, signal } from '@preact/signals-core';
import { createConfirmedRows, entryKey } from './confirmed-rows.js';
import { freshComputed } from './fresh-computed.js';
import type { Outbox, OutboxFile, OutboxItem } from './outbox.js';
import { createTimeline, type Timeline } from './timeline.js';

/**
 * Where a visitor message stands:
 * - `sending`: in the outbox, not acknowledged yet (queued, in flight, or re-sent after a reconnect);
 * - `sent`: the server acknowledged it (`message.ack`) but the timeline has not reached its seq yet;
 * - `delivered`: it is in the confirmed timeline at its seq (echoed, or acknowledged and contiguous);
 * - `read`: an agent's `read` frame covers its seq;
 * - `failed`: it will not be sent again until `client.retry(clientId)` (older than 24 h, or refused by
 *   the server: `idempotency-conflict`, `text-too-long`, `conversation-ended`…).
 */
export type DeliveryState = 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

/** A confirmed conversation event, at its server seq. */
export interface ConfirmedEntry {
  kind: 'event';
  /** Stable across the pending → confirmed move for the visitor's messages (the clientId). */
  key: string;
  seq: Seq;
  /** The server's time. */
  at: Timestamp;
  event: ConversationEvent;
  /** For the visitor's own messages only: `delivered` or `read`. */
  delivery: DeliveryState | undefined;
}

/** A visitor message not confirmed in the timeline yet; shown after the confirmed ones, in compose order. */
export interface PendingEntry {
  kind: 'pending';
  /** The clientId. */
  key: string;
  clientId: string;
  text: string;
  quickReplyId: string | undefined;
  /** The file it carries (then `text` is its caption); its upload's progress is in `client.uploads`. */
  file?: OutboxFile | undefined;
  delivery: 'sending' | 'sent' | 'failed';
  /** Why it failed, when it did. */
  error: ChatErrorCode | undefined;
}

/**
 * One row of the visible conversation. A row object is made once and reused while it is unchanged (a
 * new message leaves the other rows as they were), so a UI can memoize on identity.
 */
export type ChatEntry = ConfirmedEntry | PendingEntry;

/** The conversation the client is attached to. */
export interface ConversationState {
  id: string;
  /** Empty until the server names it. */
  epoch: string;
  status: ConversationStatus;
}

/** A queue position before an agent joins. */
export interface QueueState {
  position: number;
  etaSeconds: number | undefined;
}

/** A form the server asked for and has not accepted yet. */
export interface PendingForm {
  request: FormRequest;
  /** Field name to message, after a rejected submission. */
  errors: Readonly<Record<string, string>> | undefined;
}

/**
 * The pre-chat form the server asked before the first message (`session.welcome.prechat`), with the
 * server's messages after a refused answer.
 *
 * @example
 * ```ts
 * const shown = client.prechat.value?.form.fields.length;
 * ```
 */
export interface PendingPrechat {
  form: PrechatForm;
  /** Field name to message, after a refused answer. */
  errors: Readonly<Record<string, string>> | undefined;
  /** Set once the server accepted the answer: the visitor may write (until the next welcome). */
  accepted?: true;
}

/** The conversation's state as signals, fed with ordered events. */
export interface ConversationModel {
  readonly timeline: Timeline;
  readonly conversation: ReadonlySignal<ConversationState | undefined>;
  readonly agent: ReadonlySignal<AgentInfo | undefined>;
  readonly availability: ReadonlySignal<Availability | undefined>;
  /** The pre-chat form to answer before writing, when the server asks one first. */
  readonly prechat: ReadonlySignal<PendingPrechat | undefined>;
  readonly queue: ReadonlySignal<QueueState | undefined>;
  readonly typing: ReadonlySignal<readonly Author[]>;
  /**
   * The rows: current whenever read; its dependents are told once per burst of events (the events
   * handled in one task), not once per event.
   */
  readonly messages: ReadonlySignal<readonly ChatEntry[]>;
  readonly unread: ReadonlySignal<number>;
  readonly forms: ReadonlySignal<readonly PendingForm[]>;
  readonly readSeq: ReadonlySignal<Seq>;
  /** The last `count` confirmed events, in seq order (what storage keeps). */
  recent(count: number): ConversationEvent[];
  /** Whether a confirmed event has this seq. */
  hasSeq(seq: Seq): boolean;
  /** Whether a confirmed row has this key (a clientId, for the visitor's messages). */
  hasKey(key: string): boolean;
  setConversation(next: ConversationState | undefined): void;
  setAgent(agent: AgentInfo | undefined): void;
  setAvailability(next: Availability): void;
  setPrechat(next: PendingPrechat | undefined): void;
  setQueue(next: QueueState | undefined): void;
  setTyping(by: Author, active: boolean): void;
  clearTyping(): void;
  /** Someone read up to `upToSeq`. */
  markRead(by: 'visitor' | 'agent', upToSeq: Seq): void;
  /** Put cached events back (after a reload); they are not re-announced. */
  restore(events: readonly ConversationEvent[], lastSeq: Seq, readSeq: Seq): void;
  /** Offer events to the timeline; returns those newly applied, in seq order. */
  offer(events: readonly ConversationEvent[]): ConversationEvent[];
  /** Drop every event and start over at seq 0 (new conversation or discontinuity). */
  clear(): void;
}

/**
 * The row of a message not confirmed yet.
 *
 * @example
 * ```ts
 * const row = toPending(outbox.get(clientId));
 * ```
 */
export const toPending = (
  item: Pick<OutboxItem, 'clientId' | 'text' | 'quickReplyId' | 'state' | 'error'> & {
    readonly file?: OutboxFile | undefined;
  },
): PendingEntry => ({
  kind: 'pending',
  key: item.clientId,
  clientId: item.clientId,
  text: item.text,
  quickReplyId: item.quickReplyId,
  file: item.file,
  delivery: item.state === 'queued' ? 'sending' : item.state,
  error: item.error,
});

/**
 * Create the {@link ConversationModel}. Pending rows come from the outbox; confirmed rows from the
 * timeline, in seq order only. Everything derived from the events (rows, unread count, open forms) is
 * kept incrementally, so applying one event does not cost the length of the conversation.
 *
 * @example
 * ```ts
 * const model = createConversationModel({ outbox });
 * model.offer([message]);
 * model.messages.value;
 * ```
 */
export function createConversationModel(options: { outbox: Outbox }): ConversationModel {
  const { outbox } = options;
  const timeline = createTimeline(0);
  const conversation = signal<ConversationState | undefined>(undefined);
  const agent = signal<AgentInfo | undefined>(undefined);
  const availability = signal<Availability | undefined>(undefined);
  const prechat = signal<PendingPrechat | undefined>(undefined);
  const queue = signal<QueueState | undefined>(undefined);
  const typing = signal<readonly Author[]>([]);
  const confirmedRows = createConfirmedRows();
  const readSeq = signal<Seq>(0);
  const forms = signal<readonly PendingForm[]>([]);
  /** The forms asked for and not accepted yet, in request order (the source of `forms`). */
  const openForms = new Map<string, PendingForm>();
  /** The keys of the confirmed rows, so that no key (no bubble) appears twice. */
  const shownKeys = new Set<string>();
  /** One pending row per outbox item: items are replaced, never changed, when their state moves. */
  const pendingRows = new WeakMap<OutboxItem, PendingEntry>();

  const pendingRow = (item: OutboxItem): PendingEntry => {
    let row = pendingRows.get(item);
    if (!row) {
      row = toPending(item);
      pendingRows.set(item, row);
    }
    return row;
  };

  // What `entries` last made, and from what.
  let shownRows: readonly ChatEntry[] = [];
  let shownItems: readonly OutboxItem[] = [];
  let shown: readonly ChatEntry[] = [];
  /** The rows now; the same array until the confirmed rows or the outbox change. */
  const entries = (): readonly ChatEntry[] => {
    const rows: readonly ChatEntry[] = confirmedRows.current();
    const items = outbox.items.peek();
    if (rows !== shownRows || items !== shownItems) {
      shownRows = rows;
      shownItems = items;
      shown = items.length === 0 ? rows : rows.concat(items.map(pendingRow));
    }
    return shown;
  };
  // The visitor's own actions are told at once; the server's events once per burst.
  const messages = freshComputed(() => {
    void confirmedRows.published.value;
    void outbox.items.value;
  }, entries);

  const unread = computed(() => confirmedRows.othersAfter(readSeq.value));

  /** Apply the form events among `events` to `openForms`; returns whether any applied. */
  const trackForms = (events: readonly ConversationEvent[]): boolean => {
    let changed = false;
    for (const event of events) {
      if (event.type === 'form.request') {
        openForms.set(event.formId, { request: event, errors: undefined });
        changed = true;
      } else if (event.type === 'form.result') {
        const form = openForms.get(event.formId);
        if (!form) continue;
        if (event.status === 'accepted') openForms.delete(event.formId);
        else openForms.set(event.formId, { request: form.request, errors: event.errors });
        changed = true;
      }
    }
    return changed;
  };

  const resetForms = (): void => {
    openForms.clear();
    if (forms.peek().length > 0) forms.value = [];
  };

  const setStatus = (status: ConversationStatus): void => {
    const current = conversation.peek();
    if (current && current.status !== status) conversation.value = { ...current, status };
  };

  const applyOne = (event: ConversationEvent): void => {
    switch (event.type) {
      case 'message':
        if (event.clientId !== undefined && event.author.role === 'visitor') outbox.remove(event.clientId);
        if (event.author.role !== 'visitor') {
          const author = event.author;
          const before = typing.peek();
          if (before.some((by) => sameAuthor(by, author)))
            typing.value = before.filter((by) => !sameAuthor(by, author));
        }
        break;
      case 'agent.joined':
      case 'agent.transferred':
        agent.value = event.agent;
        queue.value = undefined;
        setStatus('active');
        break;
      case 'agent.left':
        // The conversation waits for another agent: back in the queue, its place told by queue.update.
        if (agent.peek()?.id === event.agent.id) agent.value = undefined;
        if (conversation.peek()?.status !== 'ended') setStatus('queued');
        break;
      case 'conversation.ended':
        setStatus('ended');
        typing.value = [];
        break;
      default:
        break;
    }
  };

  return {
    timeline,
    conversation,
    agent,
    availability,
    prechat,
    queue,
    typing,
    messages,
    unread,
    forms,
    readSeq,
    recent: (count) => confirmedRows.recent(count),
    hasSeq: (seq) => confirmedRows.hasSeq(seq),
    hasKey: (key) => shownKeys.has(key),
    setConversation(next) {
      conversation.value = next;
    },
    setAgent(next) {
      agent.value = next;
    },
    setAvailability(next) {
      availability.value = next;
    },
    setPrechat(next) {
      prechat.value = next;
    },
    setQueue(next) {
      queue.value = next;
    },
    setTyping(by, active) {
      const others = typing.peek().filter((candidate) => !sameAuthor(candidate, by));
      typing.value = active ? [...others, by] : others;
    },
    clearTyping() {
      if (typing.peek().length > 0) typing.value = [];
    },
    markRead(by, upToSeq) {
      if (by === 'agent') confirmedRows.markRead(upToSeq);
      else if (upToSeq > readSeq.peek()) readSeq.value = upToSeq;
    },
    restore(events, lastSeq, savedReadSeq) {
      batch(() => {
        timeline.reset(lastSeq);
        shownKeys.clear();
        const unique = events.filter((event) => {
          const key = entryKey(event);
          if (shownKeys.has(key)) return false;
          shownKeys.add(key);
          return true;
        });
        confirmedRows.replace(unique);
        resetForms();
        if (trackForms(unique)) forms.value = [...openForms.values()];
        readSeq.value = savedReadSeq;
        for (const event of unique) applyOne(event);
      });
    },
    offer(events) {
      const applied: ConversationEvent[] = [];
      for (const event of events) {
        for (const next of timeline.accept(event)) {
          // A message repeated under a new seq (same id or clientId) uses up its seq but is not shown twice.
          const key = entryKey(next);
          if (shownKeys.has(key)) continue;
          shownKeys.add(key);
          applied.push(next);
        }
      }
      if (applied.length > 0) {
        batch(() => {
          confirmedRows.append(applied);
          if (trackForms(applied)) forms.value = [...openForms.values()];
          for (const event of applied) applyOne(event);
        });
      }
      return applied;
    },
    clear() {
      batch(() => {
        timeline.reset(0);
        shownKeys.clear();
        confirmedRows.clear();
        resetForms();
        readSeq.value = 0;
        typing.value = [];
        // A form asked before the conversation: gone with the conversation it preceded, or with the session.
        prechat.value = undefined;
      });
    },
  };
}

function sameAuthor(a: Author, b: Author): boolean {
  if (a.role !== b.role) return false;
  if ((a.role === 'agent' || a.role === 'bot') && (b.role === 'agent' || b.role === 'bot'))
    return a.id === b.id;
  return true;
}
