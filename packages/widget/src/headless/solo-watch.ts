// How a tab working alone learns that it is not alone any more (see solo-first.ts): the leader lock,
// asked for without waiting, and the tabs' channel, listened to with one small listener.
import { isRecord } from '@clavard/protocol/internal';
import { nanoid } from 'nanoid';
import type { ResolvedTabs, TabsLoader, TabsModule } from './tab-types.js';

/**
 * What {@link watchForTabs} calls back.
 *
 * @example
 * ```ts
 * const handlers: WatchHandlers = { lead: startCore, ready: becomeTabbed, disposed: () => gone };
 * ```
 */
export interface WatchHandlers {
  /** This tab holds the leader lock (and nobody spoke yet): run alone. */
  lead(): void;
  /**
   * The tabs code is here and this tab knows whether it holds the lock: `release` when it does, which is
   * then the tabbed client's to call (its election holds the lock from now on).
   */
  ready(module: TabsModule, release: (() => void) | undefined): void;
  disposed(): boolean;
}

/** The first wait before loading the tabs code again after a failure, doubled each time up to the last. */
const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 30_000;

/**
 * Asks for the leader lock without waiting and listens on the channel; loads the tabs code once another
 * tab shows (the lock held elsewhere, a message from another tab), or at once without Web Locks. The
 * returned `retry` loads again after a failure (only once the code is needed); `dispose` stops listening
 * and releases the lock when the tabbed client did not take it over.
 *
 * @example
 * ```ts
 * const watch = watchForTabs('default', tabs, importTabs, { lead: startCore, ready: becomeTabbed, disposed });
 * ```
 */
export function watchForTabs(
  namespace: string,
  tabs: ResolvedTabs,
  loadTabs: TabsLoader,
  handlers: WatchHandlers,
): { retry(): void; dispose(): void } {
  const tabId = nanoid();
  let lock: 'asking' | 'held' | 'elsewhere' = tabs.locks ? 'asking' : 'elsewhere';
  let release: (() => void) | undefined;
  let needed = !tabs.locks;
  let state: 'waiting' | 'loading' | 'done' = 'waiting';
  /** After a failed load, once another tab is known: the other tabs may be waiting on this one. */
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryMs = FIRST_RETRY_MS;
  const channel = tabs.locks ? new tabs.BroadcastChannel(`clavard:${namespace}`) : undefined;
  const stopListening = (): void => {
    channel?.removeEventListener('message', hear);
    channel?.close();
  };

  const load = (): void => {
    if (!needed || lock === 'asking' || state !== 'waiting' || handlers.disposed()) return;
    state = 'loading';
    loadTabs(
      (module) => {
        state = 'done';
        stopListening();
        const held = release;
        release = undefined;
        if (!handlers.disposed()) handlers.ready(module, held);
        else held?.();
      },
      // The loader has reported why (the script tag's, through on('error')); the next call loads again,
      // and so does a timer, backing off: a tab that asked this one (a follower waiting for a leader) would
      // otherwise wait until the visitor acts here.
      () => {
        state = 'waiting';
        if (handlers.disposed()) return;
        clearTimeout(retryTimer);
        retryTimer = setTimeout(load, retryMs);
        retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
      },
    );
  };
  function hear(event: { readonly data: unknown }): void {
    const { data } = event;
    if (!isRecord(data) || data.ns !== namespace || typeof data.from !== 'string' || data.from === tabId)
      return;
    needed = true;
    load();
  }

  if (channel && tabs.locks) {
    channel.addEventListener('message', hear);
    // A tab already there answers (a leader with its state; one working alone by turning tabbed).
    channel.postMessage({ type: 'sync', ns: namespace, from: tabId });
    tabs.locks
      .request(`clavard:${namespace}:leader`, { ifAvailable: true }, (held) => {
        if (held === null || handlers.disposed()) {
          lock = 'elsewhere';
          needed = true;
          load();
          return Promise.resolve();
        }
        lock = 'held';
        // Held until this tab closes, or until the tabbed client's election takes it over.
        const holding = new Promise<void>((resolve) => {
          release = resolve;
        });
        handlers.lead();
        load();
        return holding;
      })
      // Locks refused (an opaque origin, a sandboxed frame): the tabbed client elects by heartbeat.
      .catch(() => {
        lock = 'elsewhere';
        needed = true;
        load();
      });
  } else load();

  return {
    retry: load,
    dispose() {
      clearTimeout(retryTimer);
      stopListening();
      release?.();
    },
  };
}
