/**
 * Attachments in the agent console, in headless Chromium against the real reference server: a visitor
 * (a raw WebSocket and the widget's HTTP uploads) sends a PNG, the console shows its thumbnail and
 * opens it in the viewer with the keyboard; the agent attaches a PDF through the file picker and sends
 * it, and the visitor downloads the very same bytes. The page runs under the server's strict CSP (a
 * refused blob: image would be a console error). Screenshots go to examples/agent-console/test-results/.
 */

import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type ReferenceServer, startServer } from '@clavard/reference-server';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { animationsSettled } from '../../../packages/widget/test/support/browser.js';
import { type TestClient, visitor } from '../../reference-server/test/support/clients.js';
import { HTML, PDF, pngFromSvg, upload } from '../../reference-server/test/support/uploads.js';
import { consoleBrowser, problemsOf, RESULTS_DIR } from './support/console-browser.js';

const PASSWORD = 'test-password';
const AGENTS = [{ login: 'julie', firstName: 'Julie', title: 'Customer care', password: PASSWORD }];
const results = RESULTS_DIR;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let server: ReferenceServer | undefined;
let context: BrowserContext | undefined;
let client: TestClient | undefined;

const suite = consoleBrowser();
afterEach(async () => {
  client?.close();
  client = undefined;
  await context?.close();
  context = undefined;
  await server?.close();
  server = undefined;
});

/** A screenshot of an error message, as a visitor would send one: 800 × 450. */
const errorScreenshot = () =>
  pngFromSvg(
    `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450">
      <rect width="800" height="450" fill="#eef2f7"/>
      <rect x="150" y="110" width="500" height="230" rx="12" fill="#fff" stroke="#c9ced6" stroke-width="2"/>
      <circle cx="215" cy="185" r="28" fill="#b3261e"/>
      <rect x="270" y="165" width="300" height="16" rx="8" fill="#1b1f24"/>
      <rect x="270" y="195" width="220" height="12" rx="6" fill="#8a919c"/>
      <rect x="470" y="270" width="150" height="44" rx="8" fill="#0b57d0"/>
    </svg>`,
  );

/** Opens the console page, records console errors and failed requests, and signs Julie in. */
async function julieConsole(url: string): Promise<{ page: Page; problems: string[] }> {
  context = await suite.browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const problems = problemsOf(page);
  await page.goto(`${url}/agent`);
  await page.getByLabel('Username').fill('julie');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('status').filter({ hasText: 'Online' }).waitFor();
  return { page, problems };
}

const axe = async (page: Page) => {
  await animationsSettled(page);
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};

describe('attachments in the agent console (Chromium)', () => {
  it('shows a visitor’s image, opens it with the keyboard, and sends a PDF the visitor downloads intact', async () => {
    server = await startServer({
      port: 0,
      database: ':memory:',
      agents: AGENTS,
      consoleDir: suite.consoleDir,
      heartbeatMs: 0,
    });
    const { page, problems } = await julieConsole(server.url);

    // A visitor writes; Julie takes the conversation and greets.
    const visitorSide = await visitor(server, { v: '1.1' });
    client = visitorSide.client;
    const token = visitorSide.welcome.token as string;
    client.send({ type: 'message.send', clientId: randomUUID(), text: 'The payment page fails' });
    await page.getByRole('button', { name: /Take the conversation/ }).click();
    await expect.poll(() => page.getByLabel('Your answer').inputValue()).not.toBe('');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await client.next('message', (f) => (f.author as { role: string }).role === 'agent');

    // The visitor sends a screenshot with a caption.
    const png = await errorScreenshot();
    const sent = await upload(server, 'widget', token, png, 'payment-error.png');
    expect(sent.put.status).toBe(200);
    client.send({
      type: 'message.send',
      clientId: sent.clientId,
      text: 'The error I get',
      attachmentId: sent.id,
    });

    const transcript = page.getByRole('log', { name: 'Conversation' });
    const thumbnail = transcript.getByRole('img', { name: 'The error I get' });
    await thumbnail.waitFor();
    await expect
      .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);
    expect(await thumbnail.getAttribute('src')).toMatch(/^blob:/);

    // Keyboard only: focus the thumbnail's button, Enter opens the viewer, Escape closes it.
    const opener = transcript.getByRole('button', { name: 'The error I get' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const viewer = page.getByRole('dialog', { name: 'Image: payment-error.png' });
    await viewer.waitFor();
    const full = viewer.getByRole('img', { name: 'The error I get' });
    await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(800);
    await viewer.getByRole('button', { name: 'Download' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(results, 'console-attachment-viewer.png') });
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });
    expect(await opener.evaluate((button) => document.activeElement === button)).toBe(true);

    // Files dragged over the conversation: the drop zone shows, and goes when they leave.
    const dataTransfer = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['Order 1042'], 'order.txt', { type: 'text/plain' }));
      return data;
    });
    const pane = page.locator('section.conversation');
    await pane.dispatchEvent('dragenter', { dataTransfer });
    const zone = page.getByText('Drop the files here to attach them');
    await zone.waitFor();
    await page.screenshot({ path: join(results, 'console-attachment-drop.png') });
    await pane.dispatchEvent('dragleave', { dataTransfer });
    await zone.waitFor({ state: 'detached' });

    // Julie attaches a PDF through the file picker, to send with a caption; with it, by mistake, a web
    // page named like a picture, which the server refuses by its first bytes.
    await page.locator('input[type="file"]').setInputFiles([
      { name: 'return-form.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: 'receipt.png', mimeType: 'image/png', buffer: HTML },
    ]);
    const row = page.locator('.upload-row', { hasText: 'return-form.pdf' });
    await row.getByText('Ready: sent with your next message').waitFor();
    expect(
      await row.getByRole('progressbar', { name: 'Upload of return-form.pdf' }).getAttribute('value'),
    ).toBe('100');
    const refused = page.locator('.upload-row', { hasText: 'receipt.png' });
    await refused.getByText('Only images (PNG, JPEG, WebP, GIF), PDF and plain text can be sent.').waitFor();
    await page.getByLabel('Your answer').fill('Here is the return form');
    await page.screenshot({ path: join(results, 'console-attachment-uploads.png') });
    expect(await axe(page)).toEqual([]);
    // Cancelled with the keyboard: the row goes, the focus returns to the answer.
    await refused.getByRole('button', { name: 'Cancel receipt.png' }).focus();
    await page.keyboard.press('Enter');
    await refused.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('composer-text');
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    // The visitor receives it and downloads the same bytes with their token.
    const message = await client.next(
      'message',
      (f) =>
        (f.author as { role: string }).role === 'agent' &&
        (f.content as { kind: string }).kind === 'attachment',
    );
    const content = message.content as { id: string; name: string; mediaType: string; caption?: string };
    expect(content).toMatchObject({
      name: 'return-form.pdf',
      mediaType: 'application/pdf',
      caption: 'Here is the return form',
    });
    const file = await fetch(`${server.widgetUrl}/files/${content.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(file.status).toBe(200);
    expect(sha256(new Uint8Array(await file.arrayBuffer()))).toBe(sha256(PDF));

    // The transcript: the image and the PDF card; axe finds nothing.
    const card = transcript.locator('.file-card', { hasText: 'return-form.pdf' });
    await card.getByText(/PDF document · \d+ bytes/).waitFor();
    await card.getByRole('button', { name: 'Download return-form.pdf' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(results, 'console-attachments.png') });
    // The only failed request is the refused upload, answered 415 on purpose.
    expect(problems).toEqual([
      expect.stringMatching(/^415 .*\/agent\/uploads\/f\w+$/),
      'Failed to load resource: the server responded with a status of 415 (Unsupported Media Type)',
    ]);
  }, 60_000);
});
