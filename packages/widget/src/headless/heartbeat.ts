import { createTimerSlot } from './timers.js';

/** Watches received traffic: pings when half the timeout passes in silence, declares death at the end. */
export interface Heartbeat {
  /** A frame arrived: re-arm. Starts the watch if stopped. */
  touch(): void;
  /** Stop watching. */
  stop(): void;
  /** Change the timeout (from `session.welcome.heartbeatMs`); takes effect at the next `touch`. */
  setTimeoutMs(ms: number): void;
}

/** Options of {@link createHeartbeat}. */
export interface HeartbeatOptions {
  timeoutMs: number;
  /** Half the timeout passed without a frame: send a `ping`. */
  onQuiet: () => void;
  /** The whole timeout passed without a frame: the connection is dead. */
  onDead: () => void;
}

/**
 * Create a {@link Heartbeat}. One `setTimeout` at a time, re-armed on each frame; no `setInterval`
 * (background tabs throttle intervals).
 */
export function createHeartbeat(options: HeartbeatOptions): Heartbeat {
  const timer = createTimerSlot();
  let timeoutMs = options.timeoutMs;
  return {
    touch() {
      const half = Math.floor(timeoutMs / 2);
      timer.set(half, () => {
        options.onQuiet();
        timer.set(timeoutMs - half, options.onDead);
      });
    },
    stop() {
      timer.clear();
    },
    setTimeoutMs(ms) {
      timeoutMs = ms;
    },
  };
}
