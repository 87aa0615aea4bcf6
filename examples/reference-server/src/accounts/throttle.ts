/**
 * Counts failed sign-ins per key (an account, an address) in a sliding window; past `max` failures the
 * key is refused until its oldest failure leaves the window. In memory: a restart forgives, which the
 * window's length bounds anyway.
 *
 * @example
 * ```ts
 * const byAccount = createThrottle({ max: 5, windowMs: 15 * 60_000 });
 * const wait = byAccount.retryAfterMs('julie');
 * if (wait > 0) return refuse(429, wait);
 * ```
 */
export interface Throttle {
  /** 0 when `key` may try now, otherwise how long until it may, in ms. */
  retryAfterMs(key: string): number;
  /** A failed attempt of `key`. */
  fail(key: string): void;
  /** A success: `key` starts afresh. */
  clear(key: string): void;
}

/** Options of {@link createThrottle}. */
export interface ThrottleOptions {
  /** Failures allowed within the window. */
  max: number;
  windowMs: number;
  /** @default Date.now */
  now?: () => number;
  /** Most keys remembered; the oldest are forgotten first, so a flood of keys cannot fill memory. @default 10000 */
  maxKeys?: number;
}

/**
 * Makes a {@link Throttle}.
 *
 * @example
 * ```ts
 * const byAddress = createThrottle({ max: 20, windowMs: 15 * 60_000 });
 * ```
 */
export function createThrottle(options: ThrottleOptions): Throttle {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  const failures = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const since = now() - options.windowMs;
    const kept = (failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  return {
    retryAfterMs(key) {
      const kept = recent(key);
      if (kept.length < options.max) return 0;
      return Math.max(1, (kept[kept.length - options.max] ?? 0) + options.windowMs - now());
    },
    fail(key) {
      const kept = recent(key);
      failures.delete(key);
      failures.set(key, [...kept, now()]);
      if (failures.size > maxKeys) {
        const oldest = failures.keys().next().value;
        if (oldest !== undefined) failures.delete(oldest);
      }
    },
    clear(key) {
      failures.delete(key);
    },
  };
}
