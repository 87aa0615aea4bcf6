/**
 * The console of the component tests with the agent's files on fakes of the network: uploads answered
 * by a fake fetch (the slot) and the test's {@link FakeXhr} (the bytes).
 */
import { createAttachments } from '../../src/attachments/context.js';
import { DEFAULT_MAX_BYTES } from '../../src/attachments/file-words.js';
import { FakeXhr, fakeFetch, type SeenRequest } from './file-fakes.js';
import { agentMessage, type ConsoleHarness, mountConsole, takeConversation } from './harness.js';

/** The console of the harness, with files: `slots` are the upload requests it made. */
export type FilesHarness = ConsoleHarness & { slots: SeenRequest[] };

/** The console with Julie holding c1 (greeted already); uploads answered by `slot`. */
export async function consoleWithFiles(
  slot: (request: SeenRequest) => { status: number; json: unknown } = (request) => ({
    status: 201,
    json: { id: `f-${(request.body as { clientId: string }).clientId}`, status: 'open' },
  }),
): Promise<FilesHarness> {
  const net = fakeFetch(slot);
  let id = 0;
  const harness = await mountConsole(undefined, {
    attachments: (model) =>
      createAttachments(
        {
          base: '/agent',
          token: 'tok',
          fetch: net.fetch,
          XMLHttpRequest: FakeXhr as unknown as typeof XMLHttpRequest,
        },
        (conversationId, file) => model.sendFile(conversationId, file),
        // As App.tsx: the server's limit once its welcome said it.
        {
          createId: () => `u${++id}`,
          maxBytes: () => model.attachments.peek()?.maxBytes ?? DEFAULT_MAX_BYTES,
        },
      ),
  });
  await takeConversation(harness, [agentMessage(3)]);
  return Object.assign(harness, { slots: net.seen });
}

/** Waits a frame: effects of renders made outside `act` (a signal changed in a promise) run then. */
export const frame = () => new Promise<void>((resolve) => setTimeout(resolve, 50));

/** Picks files in the attach button's input, as the file chooser does. */
export async function pick(harness: ConsoleHarness, ...files: File[]) {
  const input = harness.get<HTMLInputElement>('input[type="file"]');
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  await harness.step(() => input.dispatchEvent(new Event('change', { bubbles: true })));
  // The slot's fetch answers, then the PUT starts.
  await frame();
  await harness.step();
}

/** A file of `size` zero bytes. */
export const file = (name: string, size: number, type: string) =>
  new File([new Uint8Array(size)], name, { type });
