/**
 * Attachments end to end, in headless Chromium against the reference server (port 0, a temporary SQLite
 * file): what the server refuses whatever the page does.
 */
import { describe, expect, it } from 'vitest';
import { openVisitor, visitorSays } from './support/e2e-pages.js';
import { e2eSuite } from './support/e2e-suite.js';

const e2e = e2eSuite();

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
});
