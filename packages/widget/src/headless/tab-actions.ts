import {
  isBoolean,
  isRecord,
  isSeq,
  isShape,
  isString,
  isStringRecord,
  optional,
  type Predicate,
} from '@clavard/protocol/internal';
import type { OutboxFile } from './outbox.js';
import type { ClientCore } from './tab-types.js';
import type { RatingInput } from './types.js';

/** The fields of each action a follower asks the leader to do, by kind. */
interface ActionFields {
  send: { clientId: string; text: string; quickReplyId?: string; file?: OutboxFile };
  cancel: { clientId: string };
  retry: { clientId: string; nextId: string };
  typing: { active: boolean };
  read: object;
  /** Form values may be sensitive: they cross the channel in memory only and are never stored. */
  form: { formId: string; values: Record<string, string> };
  rate: { rating: RatingInput };
  end: object;
  connect: object;
  /** An identity token: in memory only, like form values. */
  identify: { token: string };
  /** A handoff token: in memory only, like an identity token. */
  handoff: { token: string };
  shutdown: object;
  forget: object;
}

/** The kinds of {@link TabAction}. */
export type TabActionKind = keyof ActionFields;

/** What a follower asks the leader to do for it. */
export type TabAction = { [K in TabActionKind]: { kind: K } & ActionFields[K] }[TabActionKind];

type ActionOf<K extends TabActionKind> = Extract<TabAction, { kind: K }>;

/** One action: its check on arrival, and what the leader does with it. */
interface ActionHandler<K extends TabActionKind> {
  check: Predicate;
  perform(core: ClientCore, action: ActionOf<K>): void;
}

const always = (): boolean => true;

/**
 * Every action that crosses tabs, declared once: a kind added to {@link TabAction} without an entry here
 * fails to compile. The follower's side is the remote (`tab-remote.ts`), which posts one of these for each
 * {@link ChatClient} action.
 */
const TAB_ACTIONS: { [K in TabActionKind]: ActionHandler<K> } = {
  send: {
    check: isShape({
      clientId: isString,
      text: isString,
      quickReplyId: optional(isString),
      file: optional(isShape({ key: isString, name: isString, size: isSeq, type: isString })),
    }),
    perform: (core, a) => void core.accept(a.clientId, a.text, a.quickReplyId, a.file),
  },
  cancel: { check: isShape({ clientId: isString }), perform: (core, a) => void core.cancel(a.clientId) },
  retry: {
    check: isShape({ clientId: isString, nextId: isString }),
    perform: (core, a) => void core.retryAs(a.clientId, a.nextId),
  },
  typing: { check: isShape({ active: isBoolean }), perform: (core, a) => core.setTyping(a.active) },
  read: { check: always, perform: (core) => core.markRead() },
  form: {
    check: isShape({ formId: isString, values: isStringRecord }),
    perform: (core, a) => core.submitForm(a.formId, a.values),
  },
  rate: { check: isShape({ rating: isRecord }), perform: (core, a) => core.rate(a.rating) },
  end: { check: always, perform: (core) => core.end() },
  connect: { check: always, perform: (core) => core.connect() },
  identify: { check: isShape({ token: isString }), perform: (core, a) => core.identify(a.token) },
  handoff: { check: isShape({ token: isString }), perform: (core, a) => core.openHandoff(a.token) },
  shutdown: { check: always, perform: (core) => core.shutdown() },
  forget: { check: always, perform: (core) => core.forget() },
};

/**
 * Whether `value` is a {@link TabAction} (a known kind whose fields pass its check).
 *
 * @example
 * ```ts
 * isTabAction({ kind: 'typing', active: true }); // true
 * ```
 */
export const isTabAction = (value: unknown): value is TabAction =>
  isRecord(value) &&
  isString(value.kind) &&
  Object.hasOwn(TAB_ACTIONS, value.kind) &&
  TAB_ACTIONS[value.kind as TabActionKind].check(value);

/**
 * Do, in the leader, what a follower asked. Throws what the core throws (a `ChatError` it has already
 * reported).
 *
 * @example
 * ```ts
 * performAction(core, { kind: 'send', clientId, text: 'Hello' });
 * ```
 */
export function performAction(core: ClientCore, action: TabAction): void {
  // `kind` and the fields come from one checked action, which TypeScript cannot correlate.
  const handler = TAB_ACTIONS[action.kind] as ActionHandler<typeof action.kind>;
  handler.perform(core, action as never);
}
