// The widget's headless client sends files to the reference server: kept, uploaded, then sent in order
// with the texts around it; refused files fail alone; the conversation's files are read back.
import { createWebSocketTransport } from '@clavard/adapters/websocket';
import type { ChatError, ServerMessage } from '@clavard/protocol';
import type { ReferenceServer } from '@clavard/reference-server';
import { type ChatClient, createChatClient, createMemoryStorage } from '@clavard/widget/headless';
import { afterEach, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestServer } from './support/clients.js';
import { HTML, PDF, pngOf } from './support/uploads.js';

let server: ReferenceServer | undefined;
const clients: ChatClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.dispose();
  await server?.close();
});

const visitorClient = (target: ReferenceServer) => {
  const client = createChatClient({
    transport: createWebSocketTransport({ url: target.widgetWsUrl, WebSocket }),
    filesUrl: target.widgetUrl,
    storage: createMemoryStorage(),
    tabs: false,
  });
  const errors: ChatError[] = [];
  client.on('error', (error) => errors.push(error));
  clients.push(client);
  return { client, errors };
};

/** Resolves once `client` has `count` confirmed messages. */
const confirmed = (client: ChatClient, count: number): Promise<ServerMessage[]> =>
  new Promise((resolve) => {
    const stop = client.messages.subscribe((rows) => {
      const messages = rows.flatMap((row) =>
        row.kind === 'event' && row.event.type === 'message' ? [row.event] : [],
      );
      if (messages.length >= count) {
        queueMicrotask(() => stop());
        resolve(messages);
      }
    });
  });

/** Resolves once the client knows the server's limits (its welcome). */
const welcomed = (client: ChatClient) =>
  new Promise<void>((resolve) => {
    const stop = client.attachments.subscribe((limits) => {
      if (limits) {
        queueMicrotask(() => stop());
        resolve();
      }
    });
  });

it('sends a file between two texts, in their order, and reads it and its thumbnail back', async () => {
  server = await startTestServer();
  const { client } = visitorClient(server);
  client.connect();
  await welcomed(client);
  client.send('Before the screenshot');
  const png = await pngOf(30, 20);
  await client.attach(new File([new Uint8Array(png)], 'error.png', { type: 'image/png' }), {
    caption: 'The error',
  });
  client.send('After it');
  const messages = await confirmed(client, 3);
  expect(messages.map((m) => m.content.kind)).toEqual(['text', 'attachment', 'text']);
  const file = messages[1]?.content;
  if (file?.kind !== 'attachment') throw new Error('no attachment');
  expect(file).toMatchObject({
    name: 'error.png',
    mediaType: 'image/png',
    width: 30,
    height: 20,
    caption: 'The error',
  });
  expect((await client.fetchFile(file.id)).type).toBe('image/png');
  expect((await client.fetchFile(file.thumbnailId ?? '')).type).toBe('image/webp');
  expect(client.uploads.value.size).toBe(0);
});

it('keeps files chosen before the connection, and sends them once it is there', async () => {
  server = await startTestServer();
  const { client } = visitorClient(server);
  client.connect();
  await welcomed(client);
  client.disconnect();
  const clientId = await client.attach(new File([new Uint8Array(PDF)], 'invoice.pdf'), {});
  client.send('That was the invoice');
  expect(client.messages.value.map((row) => row.kind)).toEqual(['pending', 'pending']);
  client.connect();
  const messages = await confirmed(client, 2);
  expect(messages.map((m) => [m.clientId, m.content.kind])).toEqual([
    [clientId, 'attachment'],
    [expect.any(String), 'text'],
  ]);
});

it('fails a file the server refuses, alone: the next message still goes', async () => {
  server = await startTestServer();
  const { client, errors } = visitorClient(server);
  client.connect();
  await welcomed(client);
  const refused = await client.attach(new File([new Uint8Array(HTML)], 'invoice.png', { type: 'image/png' }));
  client.send('Did it work?');
  await confirmed(client, 1);
  const row = client.messages.value.find((entry) => entry.key === refused);
  expect(row).toMatchObject({ kind: 'pending', delivery: 'failed', error: 'attachment-type-refused' });
  expect(errors.map((error) => error.code)).toContain('attachment-type-refused');
  expect(client.cancel(refused)).toBe(true);
  expect(client.messages.value.some((entry) => entry.key === refused)).toBe(false);
});

it("refuses a file over the server's limit before uploading it", async () => {
  server = await startTestServer({ attachments: { maxBytes: 1000 } });
  const { client } = visitorClient(server);
  client.connect();
  await welcomed(client);
  await expect(client.attach(new File([new Uint8Array(1001)], 'big.pdf'))).rejects.toMatchObject({
    code: 'attachment-too-large',
  });
  expect(client.messages.value).toEqual([]);
});
