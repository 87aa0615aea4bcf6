import {
  ChatError,
  type ChatErrorCode,
  type ConversationEvent,
  isServerErrorCode,
  parseServerFrame,
  type Seq,
} from '@clavard/protocol';
import { isOptional, isRecord, isSeq, isShape, isString } from '@clavard/protocol/internal';
import type { OutboxFile } from './outbox.js';
import { type ChatStorage, createMemoryStorage } from './storage.js';
import { createTimerSlot } from './timers.js';

/** A visitor message not yet acknowledged, as stored: text only, never form values. */
export interface SavedOutboxItem {
  clientId: string;
  text: string;
  quickReplyId?: string;
  /** The client's clock when composed (ms); used only for the 24 h expiry, never for ordering. */
  composedAt: number;
  failed?: boolean;
  /** Why it failed (a server's error code), so a Retry after a reload does what it would have done before. */
  error?: ChatErrorCode;
  /** The file it carries: its description; the bytes are in IndexedDB, never here. */
  file?: OutboxFile;
}

/** Everything the client stores, under one key: only what resume needs. */
export interface SavedState {
  v: 1;
  token?: string;
  conversationId?: string;
  epoch?: string;
  lastSeq: Seq;
  /** The seq up to which the visitor has read (for the unread count). */
  readSeq: Seq;
  outbox: SavedOutboxItem[];
  /** The last confirmed events, so a reload shows the conversation at once. */
  events: ConversationEvent[];
}

/** Loads, and writes (debounced) the {@link SavedState} under one key. */
export interface Persister {
  /** Read the saved state; corrupt data is removed and reported, and the client starts clean. */
  load(): SavedState | undefined;
  /** Write soon, coalescing the changes of the next moment into one write. */
  schedule(): void;
  /** Write now (the outbox must be stored before its message touches the network). */
  flush(): void;
  /** Cancel a scheduled write without writing. */
  cancel(): void;
  /** Cancel any scheduled write and remove the stored state (shutdown). */
  clear(): void;
}

/** Options of {@link createPersister}. */
export interface PersisterOptions {
  storage: ChatStorage;
  key: string;
  snapshot: () => SavedState;
  /** Storage failed (once): the client goes on in memory. */
  onError: (error: ChatError) => void;
  /** @default 250 */
  delayMs?: number;
}

const optionalString = (value: unknown): value is string | undefined => isOptional(value, isString);

const isOutboxFile = isShape({ key: isString, name: isString, size: isSeq, type: isString }) as (
  value: unknown,
) => value is OutboxFile;

function readOutboxItem(value: unknown): SavedOutboxItem | undefined {
  if (!isRecord(value)) return undefined;
  const { clientId, text, quickReplyId, composedAt, failed, error, file } = value;
  if (!isString(clientId) || !isString(text) || typeof composedAt !== 'number') return undefined;
  if (!optionalString(quickReplyId)) return undefined;
  const item: SavedOutboxItem = { clientId, text, composedAt };
  if (quickReplyId !== undefined) item.quickReplyId = quickReplyId;
  if (file !== undefined) {
    if (!isOutboxFile(file)) return undefined;
    item.file = { key: file.key, name: file.name, size: file.size, type: file.type };
  }
  if (failed === true) item.failed = true;
  if (isServerErrorCode(error)) item.error = error;
  return item;
}

function readEvent(value: unknown): ConversationEvent | undefined {
  const parsed = parseServerFrame(value);
  if (!parsed.ok) return undefined;
  const frame = parsed.value;
  return 'seq' in frame && 'at' in frame && frame.type !== 'message.ack' ? frame : undefined;
}

/** Parse stored JSON into a {@link SavedState}; `undefined` when it is not one. */
export function readSavedState(json: string): SavedState | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    // Not JSON at all: the caller reports it and starts clean.
    return undefined;
  }
  if (!isRecord(value) || value.v !== 1 || !isSeq(value.lastSeq) || !Array.isArray(value.outbox))
    return undefined;
  const { token, conversationId, epoch } = value;
  if (!optionalString(token) || !optionalString(conversationId) || !optionalString(epoch)) return undefined;
  const state: SavedState = {
    v: 1,
    lastSeq: value.lastSeq,
    readSeq: isSeq(value.readSeq) ? value.readSeq : 0,
    outbox: [],
    events: [],
  };
  if (token !== undefined) state.token = token;
  if (conversationId !== undefined) state.conversationId = conversationId;
  if (epoch !== undefined) state.epoch = epoch;
  for (const raw of value.outbox) {
    const item = readOutboxItem(raw);
    if (item) state.outbox.push(item);
  }
  if (Array.isArray(value.events)) {
    for (const raw of value.events) {
      const event = readEvent(raw);
      if (event && event.seq <= state.lastSeq && event.conversationId === conversationId)
        state.events.push(event);
    }
    state.events.sort((a, b) => a.seq - b.seq);
  }
  return state;
}

/**
 * Create a {@link Persister}. When the storage throws, it reports one `storage-unavailable` error and
 * keeps the state in memory from then on.
 *
 * @example
 * ```ts
 * const persister = createPersister({ storage, key: 'clavard:default', snapshot, onError });
 * persister.schedule();
 * ```
 */
export function createPersister(options: PersisterOptions): Persister {
  let storage = options.storage;
  const timer = createTimerSlot();
  const delayMs = options.delayMs ?? 250;

  let failed = false;
  /** Storage refused a write: the chat goes on in memory, and says so once. */
  const fail = (cause: unknown): void => {
    storage = createMemoryStorage();
    if (failed) return;
    failed = true;
    options.onError(
      new ChatError('storage-unavailable', 'Browser storage failed; the chat goes on in memory', { cause }),
    );
  };

  const write = (): void => {
    timer.clear();
    const json = JSON.stringify(options.snapshot());
    try {
      storage.set(options.key, json);
    } catch (error) {
      fail(error);
      storage.set(options.key, json);
    }
  };

  return {
    load() {
      let json: string | null;
      try {
        json = storage.get(options.key);
      } catch (error) {
        fail(error);
        return undefined;
      }
      if (json === null) return undefined;
      const state = readSavedState(json);
      if (state) return state;
      try {
        storage.remove(options.key);
      } catch (error) {
        fail(error);
        return undefined;
      }
      options.onError(
        new ChatError('storage-unavailable', 'The stored chat state was corrupt; starting clean'),
      );
      return undefined;
    },
    clear() {
      timer.clear();
      try {
        storage.remove(options.key);
      } catch (error) {
        fail(error);
      }
    },
    schedule() {
      if (!timer.pending) timer.set(delayMs, write);
    },
    flush: write,
    cancel() {
      timer.clear();
    },
  };
}
