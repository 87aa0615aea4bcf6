import type { ChatClient } from '@clavard/widget/headless';

/**
 * Resolves true as soon as `predicate` holds, checked at each change of the client's visible list and
 * status (and once more just after); false after `timeoutMs` (a watchdog, not a wait: the caller decides what a timeout means).
 */
export function until(client: ChatClient, predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  if (predicate()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const stops: Array<() => void> = [];
    let done = false;
    const finish = (ok: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const stop of stops) stop();
      resolve(ok);
    };
    // Signals notify before the client's events go out: look again once the current task is done.
    const check = (): void => {
      if (predicate()) finish(true);
      else queueMicrotask(() => predicate() && finish(true));
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    stops.push(client.messages.subscribe(check), client.status.subscribe(check));
  });
}
