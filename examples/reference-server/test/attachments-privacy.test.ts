// What a photo says about its sender does not reach the server's storage, and a forgotten visitor's files
// are gone from it.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReferenceServer } from '@clavard/reference-server';
import sharp from 'sharp';
import { afterEach, expect, it } from 'vitest';
import { startTestServer, visitor } from './support/clients.js';
import { call, photoWithGps, upload } from './support/uploads.js';

let server: ReferenceServer | undefined;
afterEach(() => server?.close());

const EXIF_MARKER = Buffer.from('Exif\0\0', 'latin1');

it('stores and serves a photo without its position or its camera', async () => {
  server = await startTestServer();
  const { client, welcome } = await visitor(server);
  const token = welcome.token as string;
  const original = await photoWithGps();
  expect(original.includes(EXIF_MARKER)).toBe(true);
  const sent = await upload(server, 'widget', token, original, 'IMG_2041.jpg');
  client.send({ type: 'message.send', clientId: sent.clientId, text: '', attachmentId: sent.id });
  await client.next('message.ack');
  const res = await fetch(`${server.widgetUrl}/files/${sent.id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const served = Buffer.from(await res.arrayBuffer());
  expect((await sharp(served).metadata()).exif).toBeUndefined();
  expect(served.includes(EXIF_MARKER) || served.includes(Buffer.from('X-Serial-0042'))).toBe(false);
});

it('erases the files of a visitor who asks to be forgotten', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'clavard-forget-'));
  server = await startTestServer({ attachments: { directory } });
  const { client, welcome } = await visitor(server);
  const token = welcome.token as string;
  const sent = await upload(server, 'widget', token, await photoWithGps(), 'IMG_2042.jpg');
  const unsent = await upload(server, 'widget', token, Buffer.from('notes'), 'notes.txt', {}, randomUUID());
  client.send({ type: 'message.send', clientId: sent.clientId, text: 'my modem', attachmentId: sent.id });
  await client.next('message.ack');
  expect(readdirSync(directory).sort()).toEqual([sent.id, `${sent.id}_t`, unsent.id].sort());
  client.send({ type: 'session.forget' });
  await client.next('session.ended');
  expect(readdirSync(directory)).toEqual([]);
  expect((await call(server, 'widget', token, 'GET', `files/${sent.id}`)).status).toBe(401);
});
