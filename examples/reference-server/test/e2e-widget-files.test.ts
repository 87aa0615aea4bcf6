/**
 * End to end, in headless Chromium against the real reference server and its demo store (strict CSP, the
 * script tag): the visitor attaches a PNG with the paperclip's file input and pastes a screenshot, and the
 * agent (a raw agent WebSocket) receives both; the agent sends a PDF, which shows as a card whose Download
 * gives the very same bytes; the photo opens in the viewer and closes by keyboard; axe-core finds nothing
 * with a thumbnail, a card, an upload held in progress and the viewer open, in English and Québec French.
 * Screenshots: docs/screens/files-en-light-desktop.png and files-fr-CA-light-phone.png.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ReferenceServer } from '@clavard/reference-server';
import { describe, expect, it } from 'vitest';
import { agentHello, login, type TestClient } from './support/clients.js';
import { PASSWORD, visitorSays } from './support/e2e-pages.js';
import { e2eSuite } from './support/e2e-suite.js';
import { PDF, pngFromSvg, upload } from './support/uploads.js';
import { axe, dropImage, focused, holdUploads, layoutProblems, pasteImage } from './support/widget-page.js';

const SCREENS = fileURLToPath(new URL('../../../docs/screens/', import.meta.url));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const e2e = e2eSuite();

/** A photo-like picture: a sky, a hill, a sun (the thumbnail is worth looking at in the screenshot). */
const PHOTO = pngFromSvg(
  '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600" fill="#8ec5ff"/><circle cx="620" cy="150" r="70" fill="#ffd166"/><path d="M0 420 Q220 300 420 410 T800 380 V600 H0z" fill="#3a8f5c"/></svg>',
);
const SCREENSHOT = pngFromSvg(
  '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><rect width="300" height="200" fill="#eee"/><rect x="20" y="20" width="260" height="30" fill="#0055aa"/></svg>',
);

/** The agent's frame for a message whose file is named `name`. */
const agentGetsFile = (client: TestClient, name: string) =>
  client.next('agent.event', (frame) => {
    const event = frame.event as { type: string; content?: { kind: string; name?: string } };
    return event.type === 'message' && event.content?.kind === 'attachment' && event.content.name === name;
  });

/** The demo store in its own context (`locale`, `viewport`), the chat opened and one message sent; Julie takes it. */
async function conversation(
  server: ReferenceServer,
  locale: string,
  viewport: { width: number; height: number },
) {
  const context = await e2e.browser.newContext({ locale, viewport, acceptDownloads: true });
  const page = await context.newPage();
  e2e.keep({ context, page, problems: [] });
  await page.goto(`${server.url}/`);
  await page.locator('clavard-widget .launcher').click();
  await visitorSays(
    page,
    locale === 'en' ? 'The lights on my router look odd.' : 'Les voyants de mon routeur sont bizarres.',
  );
  const { token } = await login(server, 'Julie', PASSWORD);
  const julie = { token, ...(await agentHello(server, token)) };
  type Queue = Array<{ conversationId: string }>;
  let queue = julie.welcome.queue as Queue;
  if (queue.length === 0)
    queue = (await julie.client.next('agent.queue', (f) => (f.queue as Queue).length > 0)).queue as Queue;
  const conversationId = queue[0]?.conversationId ?? '';
  julie.client.send({ type: 'agent.take', conversationId });
  // The house rules want the greeting first.
  julie.client.send({
    type: 'agent.message',
    conversationId,
    clientId: `greet-${conversationId}`,
    content: { kind: 'text', text: "Hello, I'm Julie. How can I help you today?" },
  });
  await julie.client.next('agent.ack');
  await page.locator('clavard-widget .attach').waitFor();
  return { page, julie, conversationId };
}

/** Julie sends `bytes` as `name` with `caption`. */
async function agentSends(
  server: ReferenceServer,
  julie: { token: string; client: TestClient },
  conversationId: string,
  bytes: Uint8Array,
  name: string,
  caption: string,
) {
  const sent = await upload(server, 'agent', julie.token, bytes, name, { conversationId });
  const clientId = sent.clientId; // the message that carries an upload is the one its slot was opened for
  julie.client.send({
    type: 'agent.message',
    conversationId,
    clientId,
    content: { kind: 'text', text: caption },
    attachmentId: sent.id,
  });
  await julie.client.next('agent.ack', (frame) => frame.clientId === clientId);
}

describe('files in the widget, on the demo store', () => {
  it('attach, cancel, paste, drop, an agent PDF downloaded intact, the viewer by keyboard; axe in English', async () => {
    const server = await e2e.start('widget-files-en');
    const { page, julie, conversationId } = await conversation(server, 'en', { width: 1280, height: 860 });
    const widget = page.locator('clavard-widget');

    // The paperclip's input: the agent receives the file, the visitor sees its thumbnail.
    const photo = await PHOTO;
    const got = agentGetsFile(julie.client, 'router-lights.png');
    await widget
      .locator('input[type=file]')
      .setInputFiles({ name: 'router-lights.png', mimeType: 'image/png', buffer: photo });
    await got;
    await widget.locator('.thumb img').first().waitFor();
    await widget.getByText('Location and camera details are removed from photos.').waitFor();

    // Julie's PDF: a card; Download gives the same bytes.
    await agentSends(
      server,
      julie,
      conversationId,
      PDF,
      'Invoice-November-2026-account-4471-2290-final.pdf',
      'Your invoice',
    );
    const card = widget.locator('.file', { hasText: 'Invoice-November' });
    await card.waitFor();
    await expect.poll(() => card.locator('.file-about').textContent()).toMatch(/^PDF document · \d+\u00a0B$/);
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button').click()]);
    expect(download.suggestedFilename()).toBe('Invoice-November-2026-account-4471-2290-final.pdf');
    expect(sha256(await readFile(await download.path()))).toBe(sha256(PDF));
    // A long name is cut with an ellipsis inside the card, not over the bubble's edge.
    const fits = await card
      .locator('.file-name')
      .evaluate(
        (name) =>
          name.scrollWidth > name.clientWidth &&
          name.getBoundingClientRect().right <= (name.closest('.file')?.getBoundingClientRect().right ?? 0),
      );
    expect(fits).toBe(true);

    // An upload held on its way: its row with the progress bar.
    await holdUploads(page);
    await widget
      .locator('input[type=file]')
      .setInputFiles({ name: 'modem-back.png', mimeType: 'image/png', buffer: photo });
    await widget.locator('.file progress').waitFor();
    // The screenshot: the photo, the PDF card and the upload in progress in one view.
    await widget.locator('.log').evaluate((log) => log.scrollTo(0, log.scrollHeight));
    expect(await axe(page)).toEqual([]);
    expect(await layoutProblems(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENS}files-en-light-desktop.png` });
    // Cancel takes it back (and the uploads after it go again).
    await widget.getByRole('button', { name: 'Cancel modem-back.png' }).click();
    await widget.locator('.file progress').waitFor({ state: 'detached' });
    await page.unroute('**/clavard/uploads/**');

    // A pasted screenshot is sent too.
    const pasted = agentGetsFile(julie.client, 'screenshot.png');
    await pasteImage(page, await SCREENSHOT, 'screenshot.png');
    await pasted;

    // A file dropped on the panel, after the drop zone said where it goes.
    const dropped = agentGetsFile(julie.client, 'dropped.png');
    expect(await dropImage(page, await SCREENSHOT, 'dropped.png')).toBe('"Drop files to send them"');
    await dropped;

    // The viewer, by keyboard: Enter opens it on Close, Tab stays inside, Escape closes it, focus returns.
    const thumb = widget.locator('.thumb').first();
    await thumb.focus();
    await page.keyboard.press('Enter');
    const viewer = widget.locator('dialog.viewer');
    await viewer.locator('img').waitFor();
    expect(await focused(page)).toBe('button.');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button.download');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENS}files-viewer-en-light-desktop.png` });
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('button.thumb');
  }, 60_000);

  it('in French on a phone: the card in French words, a pending row, axe', async () => {
    const server = await e2e.start('widget-files-fr');
    const { page, julie, conversationId } = await conversation(server, 'fr-CA', { width: 375, height: 740 });
    const widget = page.locator('clavard-widget');
    const got = agentGetsFile(julie.client, 'voyants-routeur.png');
    await widget
      .locator('input[type=file]')
      .setInputFiles({ name: 'voyants-routeur.png', mimeType: 'image/png', buffer: await PHOTO });
    await got;
    await widget.locator('.thumb img').first().waitFor();
    await agentSends(
      server,
      julie,
      conversationId,
      PDF,
      'Facture-novembre-2026-compte-4471-2290-finale.pdf',
      'Votre facture',
    );
    const card = widget.locator('.file', { hasText: 'Facture-novembre' });
    await card.waitFor();
    await expect.poll(() => card.locator('.file-about').textContent()).toMatch(/^Document PDF · \d+\u00a0o$/);
    await card
      .getByRole('button', { name: 'Télécharger Facture-novembre-2026-compte-4471-2290-finale.pdf' })
      .waitFor();
    // A file the server refuses as too large: its card says so with the server's limit, no Retry.
    await page.route('**/clavard/uploads', (route) =>
      route.fulfill({
        status: 413,
        contentType: 'application/json',
        body: JSON.stringify({ code: 'attachment-too-large', message: 'too large', retryable: false }),
      }),
    );
    await widget.locator('input[type=file]').setInputFiles({
      name: 'photo-du-salon-en-pleine-resolution.png',
      mimeType: 'image/png',
      buffer: await PHOTO,
    });
    const refused = widget.locator('.file[data-failed]');
    await expect
      .poll(() => refused.locator('.file-error').textContent())
      .toBe('Ce fichier dépasse 10\u00a0Mo, la taille maximale acceptée ici.');
    expect(await refused.getByRole('button').allTextContents()).toEqual(['Annuler']);
    await page.unroute('**/clavard/uploads');
    await holdUploads(page);
    await widget
      .locator('input[type=file]')
      .setInputFiles({ name: 'arriere-du-modem.png', mimeType: 'image/png', buffer: await PHOTO });
    await widget.locator('.file progress').waitFor();
    expect(await widget.locator('.file progress').getAttribute('aria-label')).toBe(
      'Envoi de arriere-du-modem.png',
    );
    await widget.locator('.log').evaluate((log) => log.scrollTo(0, log.scrollHeight));
    expect(await axe(page)).toEqual([]);
    expect(await layoutProblems(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENS}files-fr-CA-light-phone.png` });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENS}files-fr-CA-dark-phone.png` });
    await page.emulateMedia({ colorScheme: 'light' });
    await widget.locator('.thumb').first().click();
    await widget.locator('dialog.viewer img').waitFor();
    expect(await axe(page)).toEqual([]);
  }, 60_000);
});
