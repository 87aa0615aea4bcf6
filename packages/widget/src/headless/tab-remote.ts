import type { ChatError } from '@clavard/protocol';
import { effect, signal } from '@preact/signals-core';
import { nanoid } from 'nanoid';
import { type ChatEntry, type PendingEntry, toPending } from './conversation-model.js';
import { requireConversation, textError } from './message-text.js';
import type { TabAction } from './tab-actions.js';
import type { Mirror } from './tab-mirror.js';
import type { Forward } from './tab-types.js';
import type { ChatClient } from './types.js';

/** The names of the actions of a {@link ChatClient}, which a follower tab asks the leader for. */
const ACTION_NAMES = [
  'send',
  'retry',
  'setTyping',
  'markRead',
  'submitForm',
  'rate',
  'end',
  'identify',
  'openHandoff',
  'shutdown',
  'forget',
  'connect',
] as const satisfies readonly (keyof ChatClient)[];

/** The actions of a {@link ChatClient}: what a tab does itself when it leads, or asks the leader for. */
export type ClientActions = Pick<ChatClient, (typeof ACTION_NAMES)[number]>;

export type { Forward } from './tab-types.js';

/** A follower's actions, posted to the leader, and the messages still on their way to it. */
export interface Remote extends ClientActions {
  /** The leader's rows, then this tab's messages the leader has not accepted yet. */
  readonly messages: (rows: readonly ChatEntry[]) => readonly ChatEntry[];
  /** Post every message not accepted yet again (a new leader dedups on the clientId). */
  resend(): void;
  /** The leader accepted (or refused) `clientId`: stop showing it as this tab's own. */
  settled(clientId: string): void;
  /** The messages not accepted yet, oldest first, and the list emptied (this tab now leads). */
  take(): readonly Forward[];
  /** Hand the leader a message made here (a file's, whose bytes wait in IndexedDB); returns its clientId. */
  forward(item: Forward): string;
  /** Ask the leader to take back a message not sent yet; whether this tab shows one it could take back. */
  cancel(clientId: string): boolean;
  dispose(): void;
}

/** What the remote needs from the tabbed client. */
export interface RemoteOptions {
  /** Post `action` to the leader (nothing when there is none yet). */
  post: (action: TabAction) => void;
  mirror: Mirror;
  reportError: (error: ChatError) => void;
  /** Messages composed before this tab became a tabbed client (solo-first.ts), oldest first. */
  forwards?: readonly Forward[] | undefined;
}

const sendAction = (item: Forward): TabAction => {
  const action: TabAction = { kind: 'send', clientId: item.clientId, text: item.text };
  if (item.quickReplyId !== undefined) action.quickReplyId = item.quickReplyId;
  if (item.file !== undefined) action.file = item.file;
  return action;
};

/**
 * The follower's side of the tabbed client: each action becomes a {@link TabAction} posted to the leader.
 * A message composed here keeps its clientId and stays listed until a leader says it is in its stored
 * outbox (or it shows in the mirrored list).
 *
 * @example
 * ```ts
 * const remote = createRemote({ post: (action) => channel.post({ type: 'action', to, action }), mirror, reportError });
 * remote.send('Hello');
 * ```
 */
export function createRemote({ post, mirror, reportError, forwards: early = [] }: RemoteOptions): Remote {
  const forwards = signal<readonly Forward[]>(early);

  const settled = (clientId: string): void => {
    if (forwards.peek().some((item) => item.clientId === clientId))
      forwards.value = forwards.peek().filter((item) => item.clientId !== clientId);
  };

  // A forwarded message in the leader's list is in its stored outbox (or already confirmed).
  const stopSettling = effect(() => {
    const rows = mirror.messages.value;
    // Nothing forwarded (the usual case): no need to look through the whole list on each change.
    if (forwards.peek().length === 0) return;
    const keys = new Set(rows.map((row) => row.key));
    for (const item of forwards.peek()) if (keys.has(item.clientId)) settled(item.clientId);
  });

  // One row per forwarded message, made once: rows keep their identity while unchanged.
  const forwardRows = new WeakMap<Forward, PendingEntry>();
  const pendingRow = (item: Forward): PendingEntry => {
    let row = forwardRows.get(item);
    if (!row) {
      row = toPending({ ...item, state: 'queued', error: undefined });
      forwardRows.set(item, row);
    }
    return row;
  };

  return {
    messages(rows) {
      const extra = forwards.value;
      if (extra.length === 0) return rows;
      const keys = new Set(rows.map((row) => row.key));
      const pending: ChatEntry[] = extra.filter((item) => !keys.has(item.clientId)).map(pendingRow);
      return pending.length === 0 ? rows : rows.concat(pending);
    },
    resend() {
      for (const item of forwards.peek()) post(sendAction(item));
    },
    settled,
    take() {
      const items = forwards.peek();
      forwards.value = [];
      return items;
    },
    dispose: stopSettling,
    send(text, sendOptions = {}) {
      const error = textError(text);
      if (error) {
        reportError(error);
        throw error;
      }
      return this.forward({ clientId: nanoid(), text, quickReplyId: sendOptions.quickReplyId });
    },
    forward(item) {
      forwards.value = [...forwards.peek(), item];
      post(sendAction(item));
      return item.clientId;
    },
    cancel(clientId) {
      const row = mirror.messages.peek().find((entry) => entry.key === clientId);
      if (row?.kind !== 'pending' || (row.delivery !== 'failed' && !row.file)) return false;
      post({ kind: 'cancel', clientId });
      return true;
    },
    retry(clientId) {
      const row = mirror.messages.peek().find((entry) => entry.key === clientId);
      if (row?.kind !== 'pending' || row.delivery !== 'failed') return undefined;
      const nextId = row.error === 'idempotency-conflict' ? nanoid() : clientId;
      post({ kind: 'retry', clientId, nextId });
      return nextId;
    },
    setTyping: (active) => post({ kind: 'typing', active }),
    markRead: () => post({ kind: 'read' }),
    submitForm: (formId, values) => post({ kind: 'form', formId, values: { ...values } }),
    rate(rating) {
      requireConversation(mirror.state.peek().conversation, reportError);
      post({ kind: 'rate', rating: { ...rating } });
    },
    end() {
      requireConversation(mirror.state.peek().conversation, reportError);
      post({ kind: 'end' });
    },
    identify: (token) => post({ kind: 'identify', token }),
    openHandoff: (token) => post({ kind: 'handoff', token }),
    shutdown: () => post({ kind: 'shutdown' }),
    forget: () => post({ kind: 'forget' }),
    connect: () => post({ kind: 'connect' }),
  };
}

/**
 * Actions that each call the same action of whatever `target()` returns at the time of the call.
 *
 * @example
 * ```ts
 * const actions = delegate(() => core.peek() ?? remote); // the core while this tab leads, else the remote
 * ```
 */
export function delegate(target: () => ClientActions): ClientActions {
  const actions: Record<string, (...args: never[]) => unknown> = {};
  for (const name of ACTION_NAMES) {
    actions[name] = (...args: never[]) => (target()[name] as (...a: never[]) => unknown)(...args);
  }
  return actions as unknown as ClientActions;
}
