/**
 * Decoding and re-encoding an image takes a core and tens of MB for a moment: at most two run at once,
 * and a burst beyond what a minute of them can work through is refused (retryable) rather than queued
 * without end.
 */
import { ChatError } from '@clavard/protocol';

const RUNNING_AT_MOST = 2;
const WAITING_AT_MOST = 32;

let running = 0;
const waiting: (() => void)[] = [];

/**
 * Runs `work` when a place is free (see the file's comment).
 *
 * @example
 * ```ts
 * const prepared = await gate(() => prepareUpload(bytes, name));
 * ```
 */
export async function gate<T>(work: () => Promise<T>): Promise<T> {
  if (running >= RUNNING_AT_MOST) {
    if (waiting.length >= WAITING_AT_MOST) {
      throw new ChatError('unavailable', 'too many files are being processed: try again in a moment', {
        retryable: true,
      });
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}
