import { ChatError, type ClientFrame, type HandoffStatus } from '@clavard/protocol';
import { createEmitter, type Emitter } from '@clavard/protocol/internal';
import { type Signal, signal } from '@preact/signals-core';
import { type Attachments, createAttachments } from './attachments.js';
import { type ResolvedClientOptions, resolveClientOptions } from './client-defaults.js';
import { receive } from './client-frames.js';
import { restoreSaved, sendHello, snapshot } from './client-session.js';
import {
  type ConnectionModel,
  createConnectionModel,
  type DocumentLike,
  type WindowLike,
} from './connection-model.js';
import { type ConversationModel, createConversationModel } from './conversation-model.js';
import { createDelivery, type Delivery } from './delivery.js';
import { importFiles } from './files-source.js';
import { createOutbox, type Outbox } from './outbox.js';
import { createPersister, type Persister } from './persistence.js';
import { type ChatStorage, createLocalStorage, createMemoryStorage } from './storage.js';
import { createTimerSlot, type TimerSlot } from './timers.js';
import type { ChatClientOptions, ChatEvents } from './types.js';

/** What one session holds in memory, beside the models. */
export interface SessionState {
  /** The server's session token (stored, for resume). */
  token: string | undefined;
  /** The identity token given to `identify()`: memory only. */
  identified: string | undefined;
  /** A discontinuity is being repaired: the whole history was asked for again. */
  reloading: boolean;
  /** The server ended the session: the next message connects again, with a new session. */
  over: boolean;
  /** The read mark last sent to the server. */
  readSent: number;
  /** When the last `typing: true` went (throttle). */
  typingSentAt: number | undefined;
  /** The handoff token given to `openHandoff()`, until the server answered: memory only. */
  handoff: string | undefined;
  /** The tokens the server answered (the last one's answer is `handoff`, the signal): memory only. */
  readonly handoffAnswered: Set<string>;
  /** Forms, ratings and ends waiting for the connection (memory only: form values may be sensitive). */
  readonly controlQueue: ClientFrame[];
}

/** Everything one client core is made of, shared by the files that handle its frames and its session. */
export interface CoreContext {
  readonly options: ResolvedClientOptions;
  readonly window: (WindowLike & { readonly localStorage?: Storage }) | undefined;
  readonly emitter: Emitter<ChatEvents>;
  /** Emit an `error` (held until a microtask while the core is being made, so callers can listen first). */
  readonly reportError: (error: ChatError) => void;
  readonly model: ConversationModel;
  readonly outbox: Outbox;
  readonly persister: Persister;
  readonly connection: ConnectionModel;
  readonly delivery: Delivery;
  /** The files: limits, uploads, reading. */
  readonly attachments: Attachments;
  /** What became of the handoff link (see handoff.ts). */
  readonly handoff: Signal<HandoffStatus | undefined>;
  /** The wait for a history answer. */
  readonly gapTimer: TimerSlot;
  readonly session: SessionState;
  /** Report the errors found while the core was made, on the next microtask (unless disposed by then). */
  releaseStartupErrors(isDisposed: () => boolean): void;
}

const chooseStorage = (
  options: ChatClientOptions,
  win: CoreContext['window'],
  reportError: (error: ChatError) => void,
): ChatStorage => {
  if (options.storage === false) return createMemoryStorage();
  if (options.storage) return options.storage;
  const local = createLocalStorage(win);
  if (!local && win) reportError(new ChatError('storage-unavailable', 'localStorage is not usable'));
  return local ?? createMemoryStorage();
};

/**
 * Make the parts of one client core and wire them together; what was stored is loaded.
 *
 * @example
 * ```ts
 * const context = createCoreContext({ transport, storage });
 * context.connection.start();
 * ```
 */
export function createCoreContext(given: ChatClientOptions): CoreContext {
  const options = resolveClientOptions(given);
  const win = options.window ?? (typeof window === 'undefined' ? undefined : window);
  const doc: DocumentLike | undefined =
    options.document ?? (typeof document === 'undefined' ? undefined : document);
  const emitter = createEmitter<ChatEvents>();
  let startupErrors: ChatError[] | undefined = [];
  const reportError = (error: ChatError): void => {
    if (startupErrors) startupErrors.push(error);
    else emitter.emit('error', error);
  };
  const storage = chooseStorage(options, win, reportError);
  const outbox = createOutbox({
    limit: options.outboxLimit,
    maxAgeMs: options.outboxMaxAgeMs,
    now: options.now,
  });
  const model = createConversationModel({ outbox });
  const session: SessionState = {
    token: undefined,
    identified: undefined,
    reloading: false,
    over: false,
    readSent: 0,
    typingSentAt: undefined,
    handoff: undefined,
    handoffAnswered: new Set(),
    controlQueue: [],
  };
  const gapTimer = createTimerSlot();
  const persister = createPersister({
    storage,
    key: `clavard:${options.namespace}`,
    snapshot: () => snapshot(context),
    onError: reportError,
  });
  const connection = createConnectionModel({
    transport: options.transport,
    window: win,
    document: doc,
    random: options.random,
    now: options.now,
    backoff: options.backoff ?? {},
    heartbeatTimeoutMs: options.heartbeatTimeoutMs,
    connectTimeoutMs: options.connectTimeoutMs,
    onOpen: () => sendHello(context),
    onFrame: (data) => receive(context, data),
    onLost: () => {
      delivery.lost();
      gapTimer.clear();
      model.clearTyping();
      session.typingSentAt = undefined;
    },
    onError: reportError,
  });
  const attachments = createAttachments({
    baseUrl: options.filesUrl,
    token: () => session.token,
    load: importFiles,
    outbox: outbox.items,
  });
  const delivery = createDelivery({
    outbox,
    send: connection.send,
    ackTimeoutMs: options.ackTimeoutMs,
    onError: reportError,
    upload: attachments.upload,
    uploadFailed(clientId, error) {
      outbox.fail(clientId, error.code);
      persister.flush();
      reportError(error);
    },
    // The visitor's consent goes with the message that starts a conversation.
    consent: () => (model.conversation.peek() === undefined ? options.consent?.() : undefined),
  });
  const context: CoreContext = {
    options,
    window: win,
    emitter,
    reportError,
    model,
    outbox,
    persister,
    connection,
    delivery,
    attachments,
    gapTimer,
    handoff: signal(undefined),
    session,
    releaseStartupErrors(isDisposed) {
      const pending = startupErrors ?? [];
      startupErrors = undefined;
      if (pending.length === 0) return;
      queueMicrotask(() => {
        if (!isDisposed()) for (const error of pending) reportError(error);
      });
    },
  };
  restoreSaved(context);
  return context;
}
