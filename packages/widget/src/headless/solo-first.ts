// A tab works alone until another tab of the site appears: the multi-tab code (tab-*.ts, which the
// script tag ships in a file of its own, `clavard-tabs.js`) is loaded only then. Most visitors have one
// tab open; they never download it.
//
// With Web Locks, this tab asks for the leader lock (the name the election uses) without waiting
// (`ifAvailable`), and listens on the tabs' channel. Holding the lock and hearing nobody, it runs a plain
// core, as a client without tabs does. When the lock is held elsewhere, or a message comes from another
// tab (a new tab posts `sync` as it starts, which this one posts too), it loads the tabs code and becomes
// a tabbed client: with the lock, the leader, adopting its core as it is (the connection, the outbox, the
// messages, the listeners); without it, a follower. Without Web Locks (the heartbeat election), there is
// no cheap way to know that this tab is alone, so the tabs code is loaded at once.
import { ChatError } from '@clavard/protocol';
import { createEmitter, type Emitter } from '@clavard/protocol/internal';
import { batch, computed, type Signal, signal } from '@preact/signals-core';
import { nanoid } from 'nanoid';
import { CLIENT_DEFAULTS } from './client-defaults.js';
import { toPending } from './conversation-model.js';
import { type ClientState, followCurrent, forwardEvents } from './current-client.js';
import { checkIdentityToken, textError } from './message-text.js';
import { watchForTabs } from './solo-watch.js';
import type { ClientCore, Forward, ResolvedTabs, TabsLoader } from './tab-types.js';
import type { ChatClient, ChatClientOptions, ChatEvents } from './types.js';

/** What this tab asked for before it had an implementation, and what it carries to the next. */
interface Intent {
  identified: string | undefined;
  /** The handoff token given to `openHandoff()` while this tab was alone, until answered. */
  handoff: string | undefined;
  wantConnected: boolean;
  disposed: boolean;
  /** Calls made before there was an implementation, run on the first one in order. */
  queued: Array<(client: ChatClient) => void>;
}

/** A file call before there is an implementation: nothing was offered yet. */
const notYet = (): Promise<never> => Promise.reject(new ChatError('unavailable', 'Not connected yet'));

/** The calls that wait for an implementation (the others do nothing before one: see soloFirstApi). */
const WAITING = ['markRead', 'submitForm', 'rate', 'end', 'openHandoff', 'shutdown', 'forget'] as const;

/** Runs `run`; what throws has reported itself (a ChatError) or is reported as `invalid-option`. */
function attempt(run: () => void, report: (error: ChatError) => void): void {
  try {
    run();
  } catch (thrown) {
    if (!ChatError.isInstance(thrown)) report(new ChatError('invalid-option', 'Refused', { cause: thrown }));
  }
}

/**
 * The chat client of a tab when tabs coordinate (see {@link resolveTabs}): a plain {@link ClientCore}
 * while this tab is alone, a tabbed client (from `loadTabs`) once another tab appears. The object
 * returned stays the same: its signals follow the current implementation, and its listeners hear it.
 * Until the first implementation exists (the lock's answer, or the tabs code), the state is `idle`,
 * messages sent are shown as queued and handed over with their clientIds, and the other calls wait. When
 * the tabs code cannot be loaded, the loader reports it (the script tag's, as one `ChatError('unavailable')`
 * through `on('error')`) and the next call loads again.
 *
 * @example
 * ```ts
 * const client = createSoloFirstClient(options, resolveTabs(options), createClientCore, importTabs);
 * ```
 */
export function createSoloFirstClient(
  options: ChatClientOptions,
  tabs: ResolvedTabs,
  createCore: (options: ChatClientOptions) => ClientCore,
  loadTabs: TabsLoader,
): ChatClient {
  const emitter = createEmitter<ChatEvents>();
  const report = (error: ChatError): void => emitter.emit('error', error);
  const current = signal<ChatClient | undefined>(undefined);
  const early = signal<readonly Forward[]>([]);
  const intent: Intent = {
    identified: undefined,
    handoff: undefined,
    wantConnected: false,
    disposed: false,
    queued: [],
  };
  let stopForwarding = (): void => undefined;
  const use = (next: ChatClient): void => {
    stopForwarding();
    stopForwarding = forwardEvents(next, emitter);
    // One change: the rows composed meanwhile are in `next` now (its outbox, or its forwards).
    batch(() => {
      early.value = [];
      current.value = next;
    });
    for (const call of intent.queued.splice(0)) attempt(() => call(next), report);
  };

  // The core of this tab alone, made once it holds the leader lock.
  let core: ClientCore | undefined;
  const startCore = (): void => {
    const made = createCore({
      ...options,
      tabs: false,
      identity: () => intent.identified ?? options.identity?.(),
    });
    core = made;
    for (const item of early.peek())
      attempt(() => made.accept(item.clientId, item.text, item.quickReplyId, item.file), report);
    use(made);
    if (intent.wantConnected) made.connect();
  };

  const watch = watchForTabs(options.namespace ?? CLIENT_DEFAULTS.namespace, tabs, loadTabs, {
    lead: startCore,
    ready({ createTabbedClient }, release) {
      const { identified, wantConnected } = intent;
      // A token the lone core has not had answered yet goes on with the tabs (a later leader sends it).
      const handoff = core?.handoff.peek() === undefined ? intent.handoff : undefined;
      const adopt = core && release ? { core, release } : undefined;
      use(
        createTabbedClient(options, tabs, createCore, {
          adopt,
          forwards: early.peek(),
          identified,
          handoff,
          wantConnected,
        }),
      );
    },
    disposed: () => intent.disposed,
  });

  const before = computed(() =>
    early.value.map((item) => toPending({ ...item, state: 'queued', error: undefined })),
  );
  return soloFirstApi(followCurrent(current, before), {
    current,
    early,
    intent,
    emitter,
    report,
    retryLoad: watch.retry,
    teardown() {
      stopForwarding();
      // Stored first, then the lock is released: the next leader loads what this one had.
      current.peek()?.dispose();
      watch.dispose();
      emitter.clear();
    },
  });
}

/** What {@link soloFirstApi} acts on. */
interface ApiParts {
  current: Signal<ChatClient | undefined>;
  early: Signal<readonly Forward[]>;
  intent: Intent;
  emitter: Emitter<ChatEvents>;
  report(error: ChatError): void;
  /** Load the tabs code again if it failed. */
  retryLoad(): void;
  teardown(): void;
}

/** The client's calls: to the current implementation, or remembered until there is one. */
function soloFirstApi(state: ClientState, parts: ApiParts): ChatClient {
  const { current, early, intent, emitter } = parts;
  const waiting: Record<string, (...args: never[]) => void> = {};
  for (const name of WAITING) {
    waiting[name] = (...args: never[]) => {
      if (name === 'shutdown' || name === 'forget') intent.identified = undefined;
      if (name === 'openHandoff') intent.handoff = args[0];
      parts.retryLoad();
      const run = (client: ChatClient): void => (client[name] as (...a: never[]) => void)(...args);
      const active = current.peek();
      if (active) run(active);
      else if (!intent.disposed) intent.queued.push(run);
    };
  }
  const client: ChatClient = {
    ...state,
    ...(waiting as Pick<ChatClient, (typeof WAITING)[number]>),
    on: (name, listener) => emitter.on(name, listener),
    send(text, sendOptions = {}) {
      parts.retryLoad();
      const active = current.peek();
      if (active) return active.send(text, sendOptions);
      const error = textError(text);
      if (error) {
        parts.report(error);
        throw error;
      }
      const item: Forward = { clientId: nanoid(), text, quickReplyId: sendOptions.quickReplyId };
      early.value = [...early.peek(), item];
      return item.clientId;
    },
    // Files are offered (`attachments`) only by an implementation that heard the server's welcome.
    attach: (file, attachOptions) => current.peek()?.attach(file, attachOptions) ?? notYet(),
    cancel: (clientId) => current.peek()?.cancel(clientId) ?? false,
    fetchFile: (id) => current.peek()?.fetchFile(id) ?? notYet(),
    // Nothing has failed, and nobody sees the typing, before there is an implementation.
    retry: (clientId) => current.peek()?.retry(clientId),
    setTyping: (active) => current.peek()?.setTyping(active),
    identify(token) {
      checkIdentityToken(token);
      intent.identified = token;
      current.peek()?.identify(token);
    },
    connect() {
      if (intent.disposed) return;
      // The implementation to come connects (or asks its leader to) when this is set.
      intent.wantConnected = true;
      parts.retryLoad();
      current.peek()?.connect();
    },
    start: () => client.connect(),
    disconnect() {
      intent.wantConnected = false;
      current.peek()?.disconnect();
    },
    dispose() {
      if (intent.disposed) return;
      intent.disposed = true;
      intent.queued.length = 0;
      parts.teardown();
    },
  };
  return client;
}
