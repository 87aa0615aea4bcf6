// The attachments' rows on SQLite and Postgres alike: a slot per message, stored once, bound to one
// conversation, counted, erased with the visitor and by the retention, bytes before rows.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewUpload } from '../src/db/attachment-store.js';
import type { Store } from '../src/db/store.js';
import { eraseAttachments, sweepAttachments, UNSENT_UPLOAD_MS } from '../src/files/attachments.js';
import { createDiskStorage } from '../src/files/disk-storage.js';
import { ENGINES, type TestClock, testClock } from './support/store-engines.js';

const opened: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of opened.splice(0)) await close();
});

const found = { name: 'a.png', size: 9, media_type: 'image/png', width: 3, height: 3, thumbnail: 1 };

describe.each(ENGINES)('attachments on $name', (engine) => {
  let clock: TestClock;
  const open = async (): Promise<Store> => {
    clock = testClock();
    const { store, close } = await engine.open(clock);
    opened.push(close);
    return store;
  };
  const slot = (visitorId: string, clientId: string, id = `f-${clientId}`): NewUpload => ({
    id,
    owner: `visitor:${visitorId}`,
    client_id: clientId,
    visitor_id: visitorId,
    conversation_id: null,
    name: 'claimed.png',
    size: 9,
  });

  it('gives a message one slot, stores it once, binds it to one conversation', async () => {
    const store = await open();
    const visitor = await store.createVisitor('token-a', 'en');
    const first = await store.openUpload(slot(visitor.id, 'm1'));
    expect(first).toMatchObject({ id: 'f-m1', status: 'open', name: 'claimed.png' });
    expect((await store.openUpload(slot(visitor.id, 'm1', 'f-other'))).id).toBe('f-m1');
    expect(await store.storeUpload('f-m1', found)).toMatchObject({
      status: 'stored',
      name: 'a.png',
      thumbnail: 1,
    });
    expect(await store.storeUpload('f-m1', found)).toBeUndefined();
    const one = await store.createConversation(visitor.id, undefined);
    const other = await store.createConversation(visitor.id, undefined);
    expect(await store.sendUpload('f-m1', one.id)).toBe(true);
    expect(await store.sendUpload('f-m1', one.id)).toBe(true);
    expect(await store.sendUpload('f-m1', other.id)).toBe(false);
    expect(await store.attachment('f-m1')).toMatchObject({ status: 'sent', conversation_id: one.id });
  });

  it('counts what a conversation holds and what its owner has not sent yet', async () => {
    const store = await open();
    const visitor = await store.createVisitor('token-b', 'en');
    const conversation = await store.createConversation(visitor.id, undefined);
    for (const clientId of ['m1', 'm2', 'm3']) await store.openUpload(slot(visitor.id, clientId));
    await store.storeUpload('f-m1', found);
    await store.sendUpload('f-m1', conversation.id);
    expect(await store.filesCounted(`visitor:${visitor.id}`, conversation.id)).toBe(3);
    expect(await store.filesCounted(`visitor:${visitor.id}`, undefined)).toBe(2);
  });

  it('erases bytes then rows: with the visitor, unsent after a day, sent after the retention', async () => {
    const store = await open();
    const dir = mkdtempSync(join(tmpdir(), 'clavard-rows-'));
    const storage = createDiskStorage(dir);
    const options = { maxBytes: 100, perConversation: 5, storage, retentionMs: 30 * UNSENT_UPLOAD_MS };
    const visitor = await store.createVisitor('token-c', 'en');
    const conversation = await store.createConversation(visitor.id, undefined);
    for (const clientId of ['sent', 'unsent']) {
      await store.openUpload(slot(visitor.id, clientId));
      await store.storeUpload(`f-${clientId}`, found);
      await storage.put(`f-${clientId}`, Buffer.from('bytes'));
      await storage.put(`f-${clientId}_t`, Buffer.from('thumb'));
    }
    await store.sendUpload('f-sent', conversation.id);
    clock.tick(UNSENT_UPLOAD_MS + 1);
    expect(await sweepAttachments(store, options, clock.now())).toBe(1);
    expect(await store.attachment('f-unsent')).toBeUndefined();
    expect(readdirSync(dir).sort()).toEqual(['f-sent', 'f-sent_t']);
    clock.tick(30 * UNSENT_UPLOAD_MS);
    expect(await sweepAttachments(store, options, clock.now())).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
    // With the visitor: what the forget would erase.
    await store.openUpload(slot(visitor.id, 'late'));
    await storage.put('f-late', Buffer.from('bytes'));
    await eraseAttachments(store, storage, await store.attachmentsOfVisitor(visitor.id));
    expect(readdirSync(dir)).toEqual([]);
    await store.openUpload(slot(visitor.id, 'last'));
    await store.forgetVisitor(visitor.id);
    expect(await store.attachment('f-last')).toBeUndefined();
  });
});
