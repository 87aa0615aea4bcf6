import type { ChatClientOptions } from './types.js';

/**
 * Every default of the headless client, in one place (the options' docs in `types.ts` repeat them).
 *
 * @example
 * ```ts
 * const limit = options.outboxLimit ?? CLIENT_DEFAULTS.outboxLimit;
 * ```
 */
export const CLIENT_DEFAULTS = {
  // `now` and `random` default to Date.now and Math.random as they are when the client is made (a test may
  // have replaced them), so they are not in this table.
  namespace: 'default',
  locale: 'en',
  /** Silence after which the connection is dead. */
  heartbeatTimeoutMs: 35_000,
  /** Longest wait from connect to `session.welcome`. */
  connectTimeoutMs: 10_000,
  /** Wait for `message.ack` (and for a `history` answer) before asking again. */
  ackTimeoutMs: 10_000,
  outboxLimit: 200,
  /** 50 MiB of files waiting, in all. */
  outboxFileBytes: 52_428_800,
  /** 24 h: an unsent message older than this turns `failed`. */
  outboxMaxAgeMs: 86_400_000,
  messageCacheLimit: 200,
  /** The first reconnect delay's cap, doubled at each attempt up to `backoffMaxMs`. */
  backoffBaseMs: 1000,
  backoffMaxMs: 30_000,
  /** The heartbeat of the tab election without Web Locks. */
  tabsHeartbeatMs: 250,
  /** Typing frames are sent at most this often. */
  typingThrottleMs: 3000,
  /** Unanswered history requests sent before `history-unavailable` is reported. */
  historyAttempts: 3,
} as const;

type Numeric =
  | 'heartbeatTimeoutMs'
  | 'connectTimeoutMs'
  | 'ackTimeoutMs'
  | 'outboxLimit'
  | 'outboxFileBytes'
  | 'outboxMaxAgeMs'
  | 'messageCacheLimit';

/** The options of one client with every default applied. */
export type ResolvedClientOptions = Omit<
  ChatClientOptions,
  Numeric | 'namespace' | 'locale' | 'now' | 'random'
> &
  Record<Numeric, number> & {
    namespace: string;
    locale: string;
    now: () => number;
    random: () => number;
  };

/**
 * `options` with every default of {@link CLIENT_DEFAULTS} applied (a default whose name is not an option's
 * is added too, harmlessly).
 *
 * @example
 * ```ts
 * resolveClientOptions({ transport }).ackTimeoutMs; // 10000
 * ```
 */
export function resolveClientOptions(options: ChatClientOptions): ResolvedClientOptions {
  const resolved: Record<string, unknown> = { ...options };
  for (const [key, value] of Object.entries(CLIENT_DEFAULTS)) resolved[key] ??= value;
  resolved.now ??= Date.now;
  resolved.random ??= Math.random;
  return resolved as ResolvedClientOptions;
}
