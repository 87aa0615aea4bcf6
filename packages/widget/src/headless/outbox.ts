import { ChatError, type ChatErrorCode, type Seq } from '@clavard/protocol';
import { type ReadonlySignal, signal } from '@preact/signals-core';
import type { SavedOutboxItem } from './persistence.js';

/**
 * A file a message carries: what the visitor chose, its bytes kept apart (in IndexedDB, under `key`)
 * until the message is sent.
 *
 * @example
 * ```ts
 * const file: OutboxFile = { key: clientId, name: 'invoice.pdf', size: 48_213, type: 'application/pdf' };
 * ```
 */
export interface OutboxFile {
  /** Where its bytes are kept (the clientId it was chosen with). */
  readonly key: string;
  readonly name: string;
  /** In bytes. */
  readonly size: number;
  /** What the browser says it is (the server decides from the bytes). */
  readonly type: string;
}

/**
 * A visitor message the server has not confirmed in the timeline yet.
 * - `queued`: waiting for, or in, its turn on the wire (shown as `sending`);
 * - `sent`: acknowledged with `seq`, waiting for the timeline to reach that seq;
 * - `failed`: will not be sent again until `retry()`.
 */
export interface OutboxItem {
  readonly clientId: string;
  readonly text: string;
  readonly quickReplyId: string | undefined;
  /** The file it carries (then `text` is its caption), uploaded before the message goes. */
  readonly file: OutboxFile | undefined;
  /** Client clock at compose time; only for the age limit. */
  readonly composedAt: number;
  readonly state: 'queued' | 'sent' | 'failed';
  readonly seq: Seq | undefined;
  readonly error: ChatErrorCode | undefined;
}

/** The durable, bounded list of visitor messages not yet in the timeline, in compose order. */
export interface Outbox {
  readonly items: ReadonlySignal<readonly OutboxItem[]>;
  /** Add a message at the end; throws `outbox-full` at the limit. */
  add(clientId: string, text: string, quickReplyId: string | undefined, file?: OutboxFile): OutboxItem;
  /** Put stored items back (after a reload). */
  restore(saved: readonly SavedOutboxItem[]): void;
  get(clientId: string): OutboxItem | undefined;
  /** The oldest queued item, after failing those past the age limit. */
  next(): OutboxItem | undefined;
  markSent(clientId: string, seq: Seq): void;
  fail(clientId: string, code: ChatErrorCode): void;
  /** Requeue a failed item at the end, with `clientId` (a new one after an idempotency conflict). */
  retry(clientId: string, newClientId: string): boolean;
  /** Forget an item: it is in the timeline now. */
  remove(clientId: string): void;
  /** Acknowledged items go back to `queued` (the server lost history; it deduplicates on clientId). */
  requeueSent(): void;
  /** Fail every queued item older than the age limit; returns how many. */
  expire(): number;
  /** What to store: the items not acknowledged, text only. */
  saved(): SavedOutboxItem[];
  /** Drop every item (shutdown: nothing of the visitor's stays). */
  clear(): void;
}

/** Options of {@link createOutbox}. */
export interface OutboxOptions {
  limit: number;
  maxAgeMs: number;
  now: () => number;
}

/**
 * Create an {@link Outbox}.
 *
 * @example
 * ```ts
 * const outbox = createOutbox({ limit: 200, maxAgeMs: 86_400_000, now: Date.now });
 * outbox.add(nanoid(), 'Hello', undefined);
 * ```
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const items = signal<readonly OutboxItem[]>([]);
  const update = (clientId: string, change: (item: OutboxItem) => OutboxItem): void => {
    items.value = items.value.map((item) => (item.clientId === clientId ? change(item) : item));
  };
  const expire = (): number => {
    const oldest = options.now() - options.maxAgeMs;
    let count = 0;
    const next = items.value.map((item) => {
      if (item.state !== 'queued' || item.composedAt >= oldest) return item;
      count += 1;
      return { ...item, state: 'failed' as const, error: 'ack-timeout' as const };
    });
    if (count > 0) items.value = next;
    return count;
  };
  return {
    items,
    add(clientId, text, quickReplyId, file) {
      if (items.value.length >= options.limit) {
        throw new ChatError(
          'outbox-full',
          `The outbox holds ${options.limit} messages; this one was refused`,
        );
      }
      const item: OutboxItem = {
        clientId,
        text,
        quickReplyId,
        file,
        composedAt: options.now(),
        state: 'queued',
        seq: undefined,
        error: undefined,
      };
      items.value = [...items.value, item];
      return item;
    },
    clear() {
      items.value = [];
    },
    restore(saved) {
      const known = new Set(items.value.map((item) => item.clientId));
      const restored = saved
        .filter((item) => !known.has(item.clientId))
        .map(
          (item): OutboxItem => ({
            clientId: item.clientId,
            text: item.text,
            quickReplyId: item.quickReplyId,
            file: item.file,
            composedAt: item.composedAt,
            state: item.failed ? 'failed' : 'queued',
            seq: undefined,
            error: item.failed ? (item.error ?? 'ack-timeout') : undefined,
          }),
        );
      items.value = [...restored, ...items.value].slice(0, Math.max(options.limit, items.value.length));
    },
    get: (clientId) => items.value.find((item) => item.clientId === clientId),
    next() {
      expire();
      return items.value.find((item) => item.state === 'queued');
    },
    markSent(clientId, seq) {
      update(clientId, (item) => ({ ...item, state: 'sent', seq, error: undefined }));
    },
    fail(clientId, code) {
      update(clientId, (item) =>
        item.state === 'queued' ? { ...item, state: 'failed', error: code } : item,
      );
    },
    retry(clientId, newClientId) {
      const item = items.value.find((candidate) => candidate.clientId === clientId);
      if (item?.state !== 'failed') return false;
      const again: OutboxItem = {
        ...item,
        clientId: newClientId,
        composedAt: options.now(),
        state: 'queued',
        error: undefined,
      };
      items.value = [...items.value.filter((candidate) => candidate !== item), again];
      return true;
    },
    remove(clientId) {
      if (items.value.some((item) => item.clientId === clientId)) {
        items.value = items.value.filter((item) => item.clientId !== clientId);
      }
    },
    requeueSent() {
      if (items.value.some((item) => item.state === 'sent')) {
        items.value = items.value.map((item) =>
          item.state === 'sent' ? { ...item, state: 'queued', seq: undefined } : item,
        );
      }
    },
    expire,
    saved() {
      return items.value
        .filter((item) => item.state !== 'sent')
        .map((item) => {
          const saved: SavedOutboxItem = {
            clientId: item.clientId,
            text: item.text,
            composedAt: item.composedAt,
          };
          if (item.quickReplyId !== undefined) saved.quickReplyId = item.quickReplyId;
          if (item.file !== undefined) saved.file = { ...item.file };
          if (item.state === 'failed') saved.failed = true;
          if (item.error !== undefined) saved.error = item.error;
          return saved;
        });
    },
  };
}
