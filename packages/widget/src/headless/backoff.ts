import { CLIENT_DEFAULTS } from './client-defaults.js';

/** Options of the reconnect backoff. */
export interface BackoffOptions {
  /**
   * The cap of the first delay; each attempt doubles it.
   * @default 1000
   *
   * @example
   * ```ts
   * createChatClient({ transport, backoff: { baseMs: 500 } });
   * ```
   */
  baseMs?: number;
  /**
   * The largest delay between two attempts.
   * @default 30000
   *
   * @example
   * ```ts
   * createChatClient({ transport, backoff: { maxMs: 10_000 } });
   * ```
   */
  maxMs?: number;
}

/**
 * The delay before reconnect attempt `attempt` (0 for the first retry), with full jitter:
 * `random() * min(maxMs, baseMs * 2^attempt)`, so it lies in `[0, min(30 s, 1 s · 2^n)]`.
 *
 * @example
 * ```ts
 * backoffDelay(3, Math.random); // somewhere in [0, 8000]
 * ```
 */
export function backoffDelay(attempt: number, random: () => number, options: BackoffOptions = {}): number {
  const baseMs = options.baseMs ?? CLIENT_DEFAULTS.backoffBaseMs;
  const maxMs = options.maxMs ?? CLIENT_DEFAULTS.backoffMaxMs;
  // 2 ** 40 already dwarfs any cap; avoids Infinity for silly attempt counts.
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(0, attempt), 40));
  const r = random();
  const unit = r >= 0 && r < 1 ? r : 0;
  return Math.floor(unit * cap);
}
