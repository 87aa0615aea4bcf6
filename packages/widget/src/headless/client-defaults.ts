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
  namespace: 'default',
  locale: 'en',
  /** Silence after which the connection is dead. */
  heartbeatTimeoutMs: 35_000,
  /** Longest wait from connect to `session.welcome`. */
  connectTimeoutMs: 10_000,
  /** Wait for `message.ack` (and for a `history` answer) before asking again. */
  ackTimeoutMs: 10_000,
  outboxLimit: 200,
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
 * `options` with every default of {@link CLIENT_DEFAULTS} applied.
 *
 * @example
 * ```ts
 * resolveClientOptions({ transport }).ackTimeoutMs; // 10000
 * ```
 */
export function resolveClientOptions(options: ChatClientOptions): ResolvedClientOptions {
  const d = CLIENT_DEFAULTS;
  return {
    ...options,
    namespace: options.namespace ?? d.namespace,
    locale: options.locale ?? d.locale,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? d.heartbeatTimeoutMs,
    connectTimeoutMs: options.connectTimeoutMs ?? d.connectTimeoutMs,
    ackTimeoutMs: options.ackTimeoutMs ?? d.ackTimeoutMs,
    outboxLimit: options.outboxLimit ?? d.outboxLimit,
    outboxMaxAgeMs: options.outboxMaxAgeMs ?? d.outboxMaxAgeMs,
    messageCacheLimit: options.messageCacheLimit ?? d.messageCacheLimit,
  };
}
