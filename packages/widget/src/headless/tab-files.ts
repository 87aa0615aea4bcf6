// Files in a tabbed client. The tab that leads sends them, as it sends every message: its core does it
// all. Another tab keeps a chosen file's bytes in IndexedDB, which every tab of the site shares, and hands
// the leader the message with the file's description; it reads the conversation's files itself, with the
// session token the leader stored.
import type { ChatError } from '@clavard/protocol';
import { computed, type ReadonlySignal, signal } from '@preact/signals-core';
import { nanoid } from 'nanoid';
import { type Attachments, createAttachments, type UploadProgress } from './attachments.js';
import { CLIENT_DEFAULTS } from './client-defaults.js';
import { importFiles } from './files-source.js';
import type { OutboxItem } from './outbox.js';
import { readSavedState } from './persistence.js';
import { createLocalStorage } from './storage.js';
import type { Mirror } from './tab-mirror.js';
import type { Remote } from './tab-remote.js';
import type { ClientCore } from './tab-types.js';
import type { ChatClient, ChatClientOptions } from './types.js';

const NO_UPLOADS: ReadonlyMap<string, UploadProgress> = new Map<string, UploadProgress>();

/**
 * The file calls of a tabbed client: to the core while this tab leads, else as the file's comment says.
 *
 * @example
 * ```ts
 * const client = { ...tabFiles(options, core, mirror, remote, reportError), … };
 * ```
 */
export function tabFiles(
  options: ChatClientOptions,
  core: ReadonlySignal<ClientCore | undefined>,
  mirror: Mirror,
  remote: Remote,
  reportError: (error: ChatError) => void,
): Pick<ChatClient, 'attachments' | 'uploads' | 'attach' | 'cancel' | 'fetchFile'> {
  const key = `clavard:${options.namespace ?? CLIENT_DEFAULTS.namespace}`;
  const storage = options.storage || createLocalStorage(options.window);
  let own: Attachments | undefined;
  const files = (): Attachments => {
    own ??= createAttachments({
      baseUrl: options.filesUrl,
      token: () => readSavedState(storage?.get(key) ?? '')?.token,
      load: importFiles,
      // The leader's outbox holds this tab's files: it drops their bytes once they are sent.
      outbox: signal<readonly OutboxItem[]>([]),
    });
    return own;
  };
  const attachments = computed(() => {
    const active = core.value;
    if (active) return active.attachments.value;
    return options.filesUrl === undefined ? undefined : mirror.state.value.attachments;
  });
  return {
    attachments,
    uploads: computed(() => core.value?.uploads.value ?? NO_UPLOADS),
    attach(file, attachOptions = {}) {
      const active = core.peek();
      if (active) return active.attach(file, attachOptions);
      const clientId = nanoid();
      return files()
        .prepare(clientId, file, attachments.peek(), Number.POSITIVE_INFINITY)
        .then(
          (described) =>
            remote.forward({
              clientId,
              text: attachOptions.caption ?? '',
              quickReplyId: undefined,
              file: described,
            }),
          (error: ChatError) => {
            reportError(error);
            throw error;
          },
        );
    },
    cancel: (clientId) => core.peek()?.cancel(clientId) ?? remote.cancel(clientId),
    fetchFile: (id) => core.peek()?.fetchFile(id) ?? files().fetchFile(id),
  };
}
