import type { OutboxFile } from './outbox.js';
import type { ChatClient, ChatClientOptions } from './types.js';

/**
 * The part of `BroadcastChannel` the tab coordination uses.
 *
 * @example
 * ```ts
 * const channel: BroadcastChannelLike = new BroadcastChannel('clavard:default');
 * ```
 */
export interface BroadcastChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  close(): void;
}

/**
 * A `BroadcastChannel` constructor (the browser's, or an in-process fake in tests).
 *
 * @example
 * ```ts
 * const Channel: BroadcastChannelConstructor = BroadcastChannel;
 * ```
 */
export type BroadcastChannelConstructor = new (name: string) => BroadcastChannelLike;

/**
 * The part of `navigator.locks` (Web Locks) the leader election uses.
 *
 * @example
 * ```ts
 * const locks: LockManagerLike = navigator.locks;
 * ```
 */
export interface LockManagerLike {
  /** With `ifAvailable`, the callback gets `null` at once when another holder has the lock. */
  request(
    name: string,
    options: { signal?: AbortSignal; ifAvailable?: boolean },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<unknown>;
}

/**
 * Options of the multi-tab coordination ({@link ChatClientOptions.tabs}).
 *
 * @example
 * ```ts
 * createChatClient({ transport, storage, tabs: { BroadcastChannel: FakeChannel, locks: fakeLocks } });
 * ```
 */
export interface TabsOptions {
  /**
   * The channel between tabs. @default globalThis.BroadcastChannel
   * @example
   * ```ts
   * createChatClient({ transport, tabs: { BroadcastChannel } });
   * ```
   */
  BroadcastChannel?: BroadcastChannelConstructor;
  /**
   * Web Locks for the election; `false` uses the heartbeat election over the channel. A lock manager
   * given here must answer `ifAvailable` requests at once, as `navigator.locks` does (with `null` when
   * the lock is held): a tab asks so to learn whether it is alone.
   * @default globalThis.navigator.locks when present, else the heartbeat election
   * @example
   * ```ts
   * createChatClient({ transport, tabs: { locks: false } });
   * ```
   */
  locks?: LockManagerLike | false;
  /**
   * Heartbeat period of the election without locks; a leader silent for 3 periods is replaced.
   * @default 250
   * @example
   * ```ts
   * createChatClient({ transport, tabs: { locks: false, heartbeatMs: 250 } });
   * ```
   */
  heartbeatMs?: number;
}

/**
 * The client that owns the transport (one tab alone, or the leader), with what the leader needs to act
 * for the other tabs.
 *
 * @example
 * ```ts
 * core.accept(clientIdFromAFollower, 'Hello', undefined); // once, however often it is forwarded
 * ```
 */
export interface ClientCore extends ChatClient {
  /**
   * Queue a message composed in another tab, under its clientId; a clientId already in the outbox or the
   * timeline is ignored. Stored before it returns. Throws `outbox-full`, `text-too-long`, `invalid-option`.
   */
  accept(clientId: string, text: string, quickReplyId: string | undefined, file?: OutboxFile): string;
  /** Retry a failed message under `nextId`; undefined when it is not failed. */
  retryAs(clientId: string, nextId: string): string | undefined;
}

/** The multi-tab settings once resolved, see {@link TabsOptions}. */
export interface ResolvedTabs {
  BroadcastChannel: BroadcastChannelConstructor;
  locks: LockManagerLike | undefined;
  heartbeatMs: number;
}

/**
 * A message composed in a tab and not yet accepted by a leader's (stored) outbox.
 *
 * @example
 * ```ts
 * const item: Forward = { clientId: nanoid(), text: 'Hello', quickReplyId: undefined };
 * ```
 */
export interface Forward {
  clientId: string;
  text: string;
  quickReplyId: string | undefined;
  /** A file's description; its bytes wait in IndexedDB, which every tab of the site shares. */
  file?: OutboxFile;
}

/**
 * How a tab that worked alone becomes a tabbed client (solo-first.ts): the core it ran and the leader lock
 * it holds (it then leads at once, with that core, connected as it was), what was composed before it had
 * a core, and what was asked of it.
 *
 * @example
 * ```ts
 * createTabbedClient(options, tabs, createClientCore, { adopt: { core, release }, wantConnected: true });
 * ```
 */
export interface TabbedStart {
  /** The core this tab ran alone, and the release of the leader lock it holds. */
  adopt?: { core: ClientCore; release: () => void } | undefined;
  /** Messages composed before any core, oldest first: sent through the leader, keeping their clientIds. */
  forwards?: readonly Forward[] | undefined;
  /** The token given to `identify()` in this tab. */
  identified?: string | undefined;
  /** The handoff token given to `openHandoff()` in this tab, not answered yet. */
  handoff?: string | undefined;
  /** Whether this tab asked to be connected. */
  wantConnected?: boolean;
}

/**
 * What the tabs code (tab-client.ts; in the script tag, the file `clavard-tabs.js`) hands over.
 *
 * @example
 * ```ts
 * const { createTabbedClient } = await importTabs();
 * ```
 */
export interface TabsModule {
  createTabbedClient(
    options: ChatClientOptions,
    tabs: ResolvedTabs,
    createCore: (options: ChatClientOptions) => ClientCore,
    start?: TabbedStart,
  ): ChatClient;
}

/**
 * How the tabs code arrives: `ready` with it (at once when it is bundled already), or `failed` once it
 * could not be loaded; the loader reports why itself (the script tag's through `on('error')`).
 *
 * @example
 * ```ts
 * const importTabs: TabsLoader = (ready) => ready({ createTabbedClient });
 * ```
 */
export type TabsLoader = (ready: (module: TabsModule) => void, failed: (cause: unknown) => void) => void;
