/**
 * A one-shot timer slot: `set` replaces any pending callback, `clear` cancels it. Reads the global
 * `setTimeout` at call time (never at import), so fake timers installed later still apply.
 */
export interface TimerSlot {
  set(ms: number, callback: () => void): void;
  clear(): void;
  readonly pending: boolean;
}

/** Create a {@link TimerSlot}. */
export function createTimerSlot(): TimerSlot {
  let handle: ReturnType<typeof setTimeout> | undefined;
  return {
    set(ms, callback) {
      if (handle !== undefined) clearTimeout(handle);
      handle = setTimeout(() => {
        handle = undefined;
        callback();
      }, ms);
    },
    clear() {
      if (handle !== undefined) clearTimeout(handle);
      handle = undefined;
    },
    get pending() {
      return handle !== undefined;
    },
  };
}
