import { ChatError } from '@clavard/protocol';
import { type ReadonlySignal, signal } from '@preact/signals-core';
import type { TabChannel } from './tab-channel.js';
import type { TabMessage } from './tab-messages.js';
import type { LockManagerLike } from './tab-types.js';
import { createTimerSlot } from './timers.js';

/** Which tab of a namespace leads: exactly one, as long as one is open. */
export interface TabElection {
  readonly isLeader: ReadonlySignal<boolean>;
  /** The leader's tab id, as far as this tab knows (its own when it leads). */
  readonly leaderId: string | undefined;
  /** Stop leading now and tell the others (a tab closing without locks). */
  resign(): void;
  /** Leave the election: releases the lock, or resigns. */
  dispose(): void;
}

/** Options of {@link createTabElection}. */
export interface TabElectionOptions {
  namespace: string;
  channel: TabChannel;
  /** Web Locks; without them, a heartbeat election over the channel. */
  locks: LockManagerLike | undefined;
  /** The release of the leader lock, when this tab holds it already (solo-first.ts): it leads at once. */
  held?: (() => void) | undefined;
  heartbeatMs: number;
  /** This tab leads now. */
  onLead: () => void;
  /** This tab stopped leading while still open (heartbeat election only: two leaders met). */
  onDemote: () => void;
  /** Another tab leads now. */
  onLeaderChange: (leaderId: string) => void;
  onError: (error: ChatError) => void;
}

/**
 * Elect a leader tab. With Web Locks, the tab holding `clavard:<namespace>:leader` leads for its whole
 * life; the browser hands the lock to a waiting tab the moment the leader's page dies. Without locks, every
 * tab says it is alive every `heartbeatMs` (a `setTimeout` chain); when the leader is silent for three
 * periods or resigns, the live tab with the smallest id takes over, and of two leaders the larger id steps
 * down.
 *
 * @example
 * ```ts
 * const election = createTabElection({ namespace, channel, locks: navigator.locks, heartbeatMs: 250, ...handlers });
 * effect(() => console.log(election.isLeader.value));
 * ```
 */
export function createTabElection(options: TabElectionOptions): TabElection {
  const { channel } = options;
  const me = channel.tabId;
  const isLeader = signal(false);
  let leaderId: string | undefined;
  let disposed = false;

  const lead = (): void => {
    if (disposed || isLeader.peek()) return;
    leaderId = me;
    isLeader.value = true;
    channel.post({ type: 'leader' });
    options.onLead();
  };

  const follow = (from: string): void => {
    if (leaderId === from) return;
    leaderId = from;
    options.onLeaderChange(from);
  };

  //#region heartbeat election (no Web Locks)
  const seen = new Map<string, number>();
  const timer = createTimerSlot();
  let leaderSeenAt = 0;
  const deadAfter = options.heartbeatMs * 3;
  const startedAt = Date.now();

  const elect = (): void => {
    const now = Date.now();
    for (const [tab, at] of seen) if (now - at > deadAfter) seen.delete(tab);
    if (isLeader.peek()) return;
    const leaderAlive = leaderId !== undefined && now - leaderSeenAt <= deadAfter;
    // A new tab first listens for one period, so it hears a leader that is already there.
    if (leaderAlive || now - startedAt < options.heartbeatMs) return;
    if ([...seen.keys()].every((tab) => me < tab)) lead();
  };

  const beat = (): void => {
    if (disposed) return;
    channel.post({ type: 'presence', leader: isLeader.peek() });
    elect();
    timer.set(options.heartbeatMs, beat);
  };

  const hear = (message: TabMessage): void => {
    const from = message.from;
    if (message.type === 'resign') {
      seen.delete(from);
      if (leaderId === from) leaderId = undefined;
      if (!locks) elect();
      return;
    }
    seen.set(from, Date.now());
    const leads =
      message.type === 'leader' ||
      message.type === 'state' ||
      message.type === 'event' ||
      (message.type === 'presence' && message.leader);
    if (!leads) return;
    if (isLeader.peek()) {
      // Two leaders (heartbeat election only): the larger id gives way.
      if (locks || me < from) return;
      isLeader.value = false;
      options.onDemote();
    }
    leaderSeenAt = Date.now();
    follow(from);
  };
  //#endregion

  //#region Web Locks
  let locks = options.locks;
  const abort = typeof AbortController === 'undefined' ? undefined : new AbortController();
  let release: (() => void) | undefined;
  const requestLock = (manager: LockManagerLike): void => {
    const lockOptions = abort ? { signal: abort.signal } : {};
    manager
      .request(`clavard:${options.namespace}:leader`, lockOptions, () => {
        if (disposed) return Promise.resolve();
        // Held until dispose(), or until the page dies and the browser releases it.
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        lead();
        return held;
      })
      .catch((error: unknown) => {
        if (disposed) return;
        // Locks refused (an opaque origin, a sandboxed frame): fall back to the heartbeat election.
        options.onError(
          new ChatError('invalid-option', 'Web Locks refused; tabs elect by heartbeat', { cause: error }),
        );
        locks = undefined;
        beat();
      });
  };
  //#endregion

  const off = channel.on(hear);
  if (locks && options.held) {
    release = options.held;
    lead();
  } else if (locks) requestLock(locks);
  else beat();

  const resign = (): void => {
    if (!isLeader.peek()) return;
    isLeader.value = false;
    leaderId = undefined;
    channel.post({ type: 'resign' });
  };

  return {
    isLeader,
    get leaderId() {
      return leaderId;
    },
    resign,
    dispose() {
      if (disposed) return;
      resign();
      disposed = true;
      timer.clear();
      off();
      abort?.abort();
      release?.();
    },
  };
}
