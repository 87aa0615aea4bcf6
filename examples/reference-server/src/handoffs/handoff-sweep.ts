/**
 * The handoffs nobody opened are erased once expired (at start, then hourly): their link can open nothing
 * any more, so the public post's case they carry (handle, summary, details) is not kept for nothing.
 */
import { ChatError } from '@clavard/protocol';
import type { Store } from '../db/store.js';

/** How often the sweep runs: hourly. */
const SWEEP_MS = 60 * 60 * 1000;

/**
 * Starts the sweep: once now (`first` settles when it is done, a failure reported, never thrown), then
 * hourly; `close()` stops it after the run in flight.
 *
 * @example
 * ```ts
 * const sweep = startHandoffSweep(store, Date.now, report);
 * await sweep.first;
 * await sweep.close();
 * ```
 */
export function startHandoffSweep(
  store: Store,
  now: () => number,
  report: (error: ChatError) => void,
): { first: Promise<void>; close(): Promise<void> } {
  let sweeping = Promise.resolve();
  const sweep = () => {
    sweeping = sweeping
      .then(() => store.eraseUnopenedHandoffs(now()))
      .then(
        () => undefined,
        (cause: unknown) =>
          report(new ChatError('server-error', 'the sweep of expired handoffs failed', { cause })),
      );
  };
  sweep();
  const first = sweeping;
  const timer = setInterval(sweep, SWEEP_MS);
  timer.unref();
  return {
    first,
    async close() {
      clearInterval(timer);
      await sweeping;
    },
  };
}
