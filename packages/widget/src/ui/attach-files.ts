import type { ChatError } from '@clavard/protocol';
import type { ChatClient } from '../headless/index.js';
import type { WidgetModel } from './widget-model.js';

/**
 * Puts the files the visitor chose, dropped or pasted straight into the outbox, one by one in their
 * order (as Intercom and Crisp do: no tray to confirm), each its own message without a caption; what the
 * visitor was writing stays in the composer. From then on, the line under the composer says that photos
 * lose their location and camera details; a file `attach()` refuses (too large, too many bytes
 * waiting) puts its error code there instead. Returns whether it took any file (none: no files in
 * `list`, or the server takes none).
 *
 * @example
 * ```ts
 * input.addEventListener('change', () => attachFiles(client, model, input.files));
 * ```
 */
export function attachFiles(
  client: ChatClient,
  model: WidgetModel,
  list: FileList | null | undefined,
): boolean {
  const files = [...(list ?? [])];
  if (files.length === 0 || !client.attachments.peek()) return false;
  model.fileNote.value = 'privacy'; // and an error of an earlier file goes
  // One after another: attach() keeps each file's bytes before queueing it, so calls made at once
  // could reach the outbox out of order.
  files.reduce<Promise<unknown>>(
    (queue, file) =>
      queue
        .then(() => client.attach(file))
        .catch((error: ChatError) => {
          model.fileNote.value = error.code;
        }),
    Promise.resolve(),
  );
  return true;
}
