// @vitest-environment happy-dom
import type { AttachmentContent, ConversationEvent } from '@clavard/protocol';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Attachments, AttachmentsContext, createAttachments } from '../src/attachments/context.js';
import { AttachmentView } from '../src/components/AttachmentView.js';
import { type ConsoleLocale, createTranslate, I18nContext } from '../src/i18n/translator.js';
import { type FakeAnswer, fakeFetch } from './support/file-fakes.js';
import { at, type ConsoleHarness, mountConsole, press, takeConversation } from './support/harness.js';

const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
const photo: AttachmentContent = {
  kind: 'attachment',
  id: 'f1',
  name: 'error.png',
  size: 48 * 1024,
  mediaType: 'image/png',
  width: 1200,
  height: 1600,
  thumbnailId: 'f1_t',
  caption: 'The error I get',
};
const pdf: AttachmentContent = {
  kind: 'attachment',
  id: 'f2',
  name: 'invoice.pdf',
  size: 48 * 1024,
  mediaType: 'application/pdf',
};

const filesOf = (
  answer: () => FakeAnswer | Promise<FakeAnswer> = () => ({
    status: 200,
    bytes: PNG_BYTES,
    type: 'image/png',
  }),
) => {
  const net = fakeFetch(answer);
  const attachments = createAttachments(
    { base: 'http://console.test/agent', token: 'tok-123', fetch: net.fetch },
    () => {},
  );
  return { net, attachments };
};

let container: HTMLElement | undefined;
let h: ConsoleHarness | undefined;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
  container = undefined;
  h?.dispose();
  h = undefined;
  vi.restoreAllMocks();
});

/** Renders one attachment in `locale`, with `attachments` provided; resolves once its fetch settled. */
async function show(content: AttachmentContent, attachments: Attachments, locale: ConsoleLocale = 'en') {
  const onView = vi.fn();
  container = document.createElement('div');
  document.body.append(container);
  const element = container;
  await act(async () => {
    render(
      <I18nContext.Provider value={{ locale, t: createTranslate(locale) }}>
        <AttachmentsContext.Provider value={attachments}>
          <AttachmentView content={content} onView={onView} />
        </AttachmentsContext.Provider>
      </I18nContext.Provider>,
      element,
    );
  });
  return { onView, element };
}

/** Lets the fake fetch and its blob settle. */
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

describe('an image in the transcript', () => {
  it('shows a placeholder of its shape, then its thumbnail as a button named by the caption', async () => {
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:http://console.test/t1');
    const revoked = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { net, attachments } = filesOf(async () => {
      await gate;
      return { status: 200, bytes: PNG_BYTES, type: 'image/png' };
    });
    const { element, onView } = await show(photo, attachments);
    // While it loads: a neutral box of the image's shape, so nothing jumps when it comes.
    const placeholder = element.querySelector('.thumb-placeholder');
    expect([placeholder?.getAttribute('width'), placeholder?.getAttribute('height')]).toEqual(['180', '240']);
    expect(element.querySelector('button.thumb')).toBeNull();
    release();
    await settle();
    const image = element.querySelector('button.thumb img') as HTMLImageElement;
    expect(image.alt).toBe('The error I get');
    expect(image.getAttribute('src')).toBe('blob:http://console.test/t1');
    expect([image.getAttribute('width'), image.getAttribute('height')]).toEqual(['180', '240']);
    expect(element.querySelector('.caption')?.textContent).toBe('The error I get');
    // The thumbnail, with the token in the header and nowhere in the URL.
    expect(net.seen).toEqual([
      expect.objectContaining({
        url: 'http://console.test/agent/files/f1_t',
        headers: { authorization: 'Bearer tok-123' },
      }),
    ]);
    expect(created).toHaveBeenCalledTimes(1);
    await act(async () => (element.querySelector('button.thumb') as HTMLButtonElement).click());
    expect(onView).toHaveBeenCalledWith(photo, element.querySelector('button.thumb'));
    await act(async () => render(null, element));
    expect(revoked).toHaveBeenCalledWith('blob:http://console.test/t1');
  });

  it('takes the file name as alt text when there is no caption', async () => {
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    const { attachments } = filesOf();
    const { caption: _caption, ...bare } = photo;
    const { element } = await show(bare, attachments);
    await settle();
    expect((element.querySelector('button.thumb img') as HTMLImageElement).alt).toBe('error.png');
    expect(element.querySelector('.caption')).toBeNull();
  });

  it('falls back to the card with the reason in words when the thumbnail cannot be fetched', async () => {
    const { attachments } = filesOf(() => ({
      status: 404,
      json: { code: 'not-found', message: 'no', retryable: false },
    }));
    const { element } = await show(photo, attachments);
    await settle();
    expect(element.querySelector('button.thumb')).toBeNull();
    expect(element.querySelector('.file-card .file-name')?.textContent).toBe('error.png');
    expect(element.querySelector('.file-error')?.textContent).toBe(
      'The image could not be shown: The file is not there (any more).',
    );
  });
});

describe('a file card', () => {
  it('says the name, the type and the size in English, with a Download button', async () => {
    const { attachments } = filesOf();
    const { element } = await show(pdf, attachments);
    expect(element.querySelector('.file-name')?.textContent).toBe('invoice.pdf');
    expect(element.querySelector('.file-meta')?.textContent).toBe('PDF document · 48 KB');
    const download = element.querySelector('button.file-download') as HTMLButtonElement;
    expect(download.textContent).toBe('Download');
    expect(download.getAttribute('aria-label')).toBe('Download invoice.pdf');
  });

  it('says them in Québec French', async () => {
    const { attachments } = filesOf();
    const { element } = await show(
      { ...pdf, name: 'notes.txt', mediaType: 'text/plain', size: 1536 * 1024 },
      attachments,
      'fr-CA',
    );
    expect(element.querySelector('.file-meta')?.textContent).toBe('Fichier texte · 1,5 Mo');
    expect(element.querySelector('button.file-download')?.textContent).toBe('Télécharger');
    const { element: second } = await show(pdf, attachments, 'fr-CA');
    expect(second.querySelector('.file-meta')?.textContent).toBe('Document PDF · 48 ko');
  });

  it('downloads with the token in the header, saved through a temporary link on a blob: URL', async () => {
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:http://console.test/d1');
    const clicked: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    const { net, attachments } = filesOf(() => ({
      status: 200,
      bytes: new Uint8Array([37, 80, 68, 70]),
      type: 'application/pdf',
    }));
    const { element } = await show(pdf, attachments);
    await act(async () => (element.querySelector('button.file-download') as HTMLButtonElement).click());
    await settle();
    expect(net.seen.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['http://console.test/agent/files/f2', 'Bearer tok-123'],
    ]);
    expect(clicked).toEqual([{ href: 'blob:http://console.test/d1', download: 'invoice.pdf' }]);
  });
});

describe('the image viewer', () => {
  const event = (content: AttachmentContent): ConversationEvent => ({
    type: 'message',
    conversationId: 'c1',
    seq: 3,
    at: at(40),
    id: 'm3',
    author: { role: 'visitor' },
    content,
  });

  it('opens from the thumbnail as a modal dialog, closes with Escape and gives the focus back', async () => {
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    const { net } = filesOf();
    h = await mountConsole(undefined, {
      attachments: () => createAttachments({ base: '/agent', token: 't', fetch: net.fetch }, () => {}),
    });
    await takeConversation(h, [event(photo)]);
    await settle();
    const thumb = h.get<HTMLButtonElement>('.transcript button.thumb');
    expect(thumb.getAttribute('aria-haspopup')).toBe('dialog');
    thumb.focus();
    await h.step(() => thumb.click());
    await settle();
    const dialog = h.get<HTMLDialogElement>('dialog.viewer');
    expect(dialog.open).toBe(true);
    expect(dialog.querySelector('h2')?.textContent).toBe('Image: error.png');
    expect(dialog.querySelector('.file-meta')?.textContent).toBe('Image · 48 KB · 1200 × 1600');
    expect((dialog.querySelector('.viewer-image img') as HTMLImageElement).alt).toBe('The error I get');
    expect([...dialog.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Download', 'Close']);
    expect(net.seen.map((r) => r.url)).toContain('/agent/files/f1');
    // The focus is in the dialog (on its first button in a browser); Escape from there.
    const close = [...dialog.querySelectorAll('button')].at(-1) as HTMLButtonElement;
    close.focus();
    await h.step(() => press(close, { key: 'Escape' }));
    expect(h.all('dialog.viewer')).toHaveLength(0);
    expect(document.activeElement).toBe(h.get('.transcript button.thumb'));
  });
});
