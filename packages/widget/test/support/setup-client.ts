import type { ChatError } from '@clavard/protocol';
import { type ChatClientOptions, createChatClient, createMemoryStorage } from '@clavard/widget/headless';
import { createFakeTransport, createFakeWindow, welcome } from './fake-transport.js';

/** A client on a fake transport and window, with its errors collected. */
export function setupClient(options: Partial<ChatClientOptions> = {}) {
  const transport = createFakeTransport({ autoOpen: true });
  const window = createFakeWindow();
  const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const storage = createMemoryStorage();
  const client = createChatClient({ transport, window, document, storage, random: () => 0.5, ...options });
  const errors: ChatError[] = [];
  client.on('error', (error) => errors.push(error));
  const connectAndWelcome = (extra: Record<string, unknown> = {}) => {
    client.connect();
    transport.receive(welcome(extra));
  };
  return { transport, window, document, storage, client, errors, connectAndWelcome };
}
