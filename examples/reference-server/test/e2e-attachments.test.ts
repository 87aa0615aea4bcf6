/**
 * Attachments end to end, in headless Chromium against the reference server (port 0, a temporary SQLite
 * file), the visitor on the demo store's script tag and the agent in the console: a pasted image reaches
 * the console as a thumbnail; the agent's PDF downloads with the same bytes; an HTML page named `.png` is
 * refused; 10 MiB + 1 byte is refused by the server whatever the page does; a photo's GPS position does not
 * arrive; a file chosen offline survives a reload and is delivered once.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openAgent, openVisitor, RESULTS_DIR, visitorSays } from './support/e2e-pages.js';
import { e2eSuite, readDatabase } from './support/e2e-suite.js';
import { HTML, PDF, photoWithGps, pngOf } from './support/uploads.js';

const e2e = e2eSuite();

/** A visitor who wrote first, and Julie in the console with the conversation taken. */
const conversationWithJulie = async (name: string) => {
  const server = await e2e.start(name);
  const julie = await openAgent(e2e.browser, server.url, 'Julie');
  const visitor = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages);
  e2e.keep(julie, visitor);
  await visitor.page.getByRole('button', { name: 'Open chat' }).click();
  await visitorSays(visitor.page, 'My invoice is wrong.');
  await julie.page
    .locator('.queue-entry', { hasText: 'My invoice is wrong.' })
    .getByRole('button', { name: /Take the conversation/ })
    .click();
  await visitor.page.getByRole('dialog').getByRole('heading', { name: 'Julie' }).waitFor();
  return { server, julie, visitor };
};

/** The widget's file input (hidden; the paperclip opens it). */
const fileInput = (page: Page) => page.getByRole('dialog').locator('input[type="file"]');

/** The messages of kind `attachment` the server stored, with the file each names. */
const storedFiles = (name: string) =>
  readDatabase(e2e.databasePath(name), (db) =>
    db
      .prepare<[], { id: string }>(
        "SELECT json_extract(payload, '$.content.id') AS id FROM events WHERE type = 'message' AND json_extract(payload, '$.content.kind') = 'attachment'",
      )
      .all()
      .map((row) => row.id),
  );

/** The keys of the file bytes the widget keeps in the page's IndexedDB. */
const keptBytes = (page: Page): Promise<string[]> =>
  page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('clavard-files');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const keys = open.result.transaction('bytes').objectStore('bytes').getAllKeys();
          keys.onsuccess = () => resolve(keys.result.map(String));
          keys.onerror = () => reject(keys.error);
        };
      }),
  );

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('attachments in the browser', () => {
  it("refuses 10 MiB + 1 byte on the server, even from a page that skips the widget's own check", async () => {
    const server = await e2e.start('attachments-size');
    const visitor = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages);
    e2e.keep(visitor);
    const { page } = visitor;
    await page.getByRole('button', { name: 'Open chat' }).click();
    await visitorSays(page, 'Here comes a big scan.');
    // The page itself, with the session token the widget stored, lies about the size in the slot.
    const answer = await page.evaluate(async (base) => {
      const saved = Object.entries(localStorage).find(([key]) => key.startsWith('clavard:'))?.[1] ?? '{}';
      const token = (JSON.parse(saved) as { token?: string }).token;
      const headers = { authorization: `Bearer ${token}` };
      const slot = await fetch(`${base}/uploads`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: 'too-big', name: 'scan.pdf', size: 10 }),
      });
      const { id } = (await slot.json()) as { id: string };
      const bytes = new Uint8Array(10 * 1024 * 1024 + 1);
      bytes.set(new TextEncoder().encode('%PDF-1.4\n'));
      const put = await fetch(`${base}/uploads/${id}`, { method: 'PUT', headers, body: bytes });
      return { slot: slot.status, put: put.status, body: await put.json() };
    }, server.widgetUrl);
    expect(answer).toMatchObject({ slot: 201, put: 413, body: { code: 'attachment-too-large' } });
    expect(visitor.problems.filter((problem) => !problem.startsWith('413 '))).toEqual([]);
  }, 60_000);

  it('shows an image the visitor pasted in the console as a thumbnail', async () => {
    const { julie, visitor } = await conversationWithJulie('attachments-paste');
    const png = [...(await pngOf(120, 80))];
    await visitor.page.getByRole('textbox', { name: 'Message' }).evaluate((textarea, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'screenshot.png', { type: 'image/png' }));
      textarea.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, png);
    const thumbnail = julie.page
      .getByRole('log', { name: 'Conversation' })
      .getByRole('img', { name: 'screenshot.png' });
    await thumbnail.waitFor();
    await expect
      .poll(() => thumbnail.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    await julie.page.screenshot({ path: join(RESULTS_DIR, 'e2e-attachments-console.png') });
    expect(julie.problems).toEqual([]);
  }, 60_000);

  it("gives the visitor the agent's PDF with the same bytes", async () => {
    const { julie, visitor } = await conversationWithJulie('attachments-pdf');
    await julie.page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'return-form.pdf', mimeType: 'application/pdf', buffer: PDF });
    await julie.page
      .locator('.upload-row', { hasText: 'return-form.pdf' })
      .getByText(/ready|prêt/i)
      .waitFor();
    await julie.page.getByRole('button', { name: 'Send', exact: true }).click();
    const download = visitor.page
      .getByRole('dialog')
      .getByRole('button', { name: 'Download return-form.pdf' });
    await download.waitFor();
    await visitor.page.screenshot({ path: join(RESULTS_DIR, 'e2e-attachments-visitor.png') });
    const [file] = await Promise.all([visitor.page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toBe('return-form.pdf');
    expect(sha256(await readFile((await file.path()) ?? ''))).toBe(sha256(PDF));
  }, 60_000);

  it('refuses an HTML page renamed .png, and says so beside it', async () => {
    const { visitor } = await conversationWithJulie('attachments-html');
    await fileInput(visitor.page).setInputFiles({ name: 'invoice.png', mimeType: 'image/png', buffer: HTML });
    await visitor.page
      .getByRole('dialog')
      .getByText('Only images (PNG, JPEG, WebP, GIF), PDF and plain text can be sent.')
      .waitFor();
    expect(storedFiles('attachments-html')).toEqual([]);
    expect(visitor.problems.filter((problem) => !problem.startsWith('415 '))).toEqual([]);
  }, 60_000);

  it('strips the GPS position and the camera from a photo before anyone reads it', async () => {
    const { server, visitor } = await conversationWithJulie('attachments-gps');
    const photo = await photoWithGps();
    await fileInput(visitor.page).setInputFiles({ name: 'modem.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect.poll(() => storedFiles('attachments-gps').length).toBe(1);
    const [id] = storedFiles('attachments-gps');
    const login = await fetch(`${server.url}/agent/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'julie', password: 'e2e-password' }),
    });
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(`${server.url}/agent/files/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const served = Buffer.from(await res.arrayBuffer());
    expect((await sharp(served).metadata()).exif).toBeUndefined();
    expect(served.includes(Buffer.from('X-Serial-0042'))).toBe(false);
  }, 60_000);

  it('keeps a file chosen offline through a reload, and delivers it once when the connection is back', async () => {
    const { julie, visitor } = await conversationWithJulie('attachments-offline');
    const { page, context } = visitor;
    await context.setOffline(true);
    await fileInput(page).setInputFiles({ name: 'bill.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('dialog').getByText('bill.pdf').waitFor();
    // Back online but the uploads still cut off: the page reloads with the file waiting in its outbox.
    const uploads = '**/clavard/uploads**';
    await page.route(uploads, (route) => route.abort());
    await context.setOffline(false);
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('dialog').getByText('bill.pdf').waitFor();
    expect(storedFiles('attachments-offline')).toEqual([]);
    await page.unroute(uploads);
    await page.getByRole('dialog').getByRole('button', { name: 'Download bill.pdf' }).waitFor();
    const transcript = julie.page.getByRole('log', { name: 'Conversation' });
    await transcript.locator('.file-card', { hasText: 'bill.pdf' }).waitFor();
    expect(storedFiles('attachments-offline')).toHaveLength(1);
    expect(await transcript.locator('.file-card', { hasText: 'bill.pdf' }).count()).toBe(1);
    // Sent: its bytes are gone from the site's IndexedDB.
    await expect.poll(() => keptBytes(page)).toEqual([]);
  }, 90_000);
});
