// @vitest-environment happy-dom
// Files in the widget: the composer's paperclip (only when the server takes files), the visitor's file on
// its way (progress, Cancel, the error in words, Retry), images as thumbnails with a viewer, other files as
// cards, in English and French. The file code's network side is replaced by `transfer` below.
import { type AttachmentContent, ChatError } from '@clavard/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileControllerOptions } from '../src/headless/files/file-controller.js';
import type { OutboxItem } from '../src/headless/outbox.js';
import { formatSize, typeInWords } from '../src/ui/files/file-texts.js';
import { addBuiltInMessages, createTranslator } from '../src/ui-core/i18n.js';
import { EXTRAS_CATALOGUES } from '../src/ui-core/locales/extras-catalogues.js';
import { type Harness, julie, mountWidget, press } from './support/ui-harness.js';

/** The file code, faked: uploads wait for the test (`uploads`), reads answer from `files`. */
const transfer = vi.hoisted(() => ({
  uploads: [] as Array<{
    name: string;
    progress: (done: number, total: number) => void;
    resolve: (id: string) => void;
    reject: (error: Error) => void;
  }>,
  files: new Map<string, Blob>(),
}));
vi.mock('../src/headless/files-source.js', () => ({
  // A FileController whose uploads wait for the test; their progress goes where the client reads it.
  importFiles: async (options: FileControllerOptions) => {
    const setProgress = (clientId: string, value?: { loaded: number; total: number }) => {
      const next = new Map(options.progress.peek());
      if (value) next.set(clientId, value);
      else next.delete(clientId);
      options.progress.value = next;
    };
    return {
      upload: (item: OutboxItem) =>
        new Promise<string>((resolve, reject) =>
          transfer.uploads.push({
            name: item.file?.name ?? '',
            progress: (loaded, total) => setProgress(item.clientId, { loaded, total }),
            resolve: (id) => {
              setProgress(item.clientId);
              resolve(id);
            },
            reject: (error) => {
              setProgress(item.clientId);
              reject(error);
            },
          }),
        ),
      abort: () => undefined,
      fetchFile: async (id: string) => {
        const blob = transfer.files.get(id);
        if (!blob) throw new ChatError('not-found', id);
        return blob;
      },
      dispose: () => undefined,
    };
  },
}));

let h: Harness | undefined;
const urls = { made: [] as string[], revoked: [] as string[] };
beforeEach(() => {
  transfer.uploads.length = 0;
  transfer.files.clear();
  urls.made.length = 0;
  urls.revoked.length = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => {
    const url = `blob:test/${urls.made.length}`;
    urls.made.push(url);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void urls.revoked.push(url));
});
afterEach(() => {
  h?.dispose();
  h = undefined;
  vi.restoreAllMocks();
});

/** A widget whose server takes files (10 MiB each): the welcome says so, as the reference server's does. */
async function withFiles(locale = 'en'): Promise<Harness> {
  const harness = await mountWidget({ open: true, locale, filesUrl: 'https://files.test' });
  await harness.startConversation(julie);
  const { id, epoch, status } = harness.widget.client.conversation.value ?? {};
  const seqs = harness.widget.client.messages.value.map((row) => (row.kind === 'event' ? row.seq : 0));
  await harness.step(() =>
    harness.wire.inject({
      type: 'session.welcome',
      v: '1.1',
      token: 't-files',
      resumed: true,
      availability: { online: true },
      attachments: { maxBytes: 10 * 1024 * 1024, perConversation: 20 },
      conversation: { id, epoch, status, lastSeq: Math.max(0, ...seqs) },
    }),
  );
  return harness;
}

const png = (name = 'photo.png') => new File([new Uint8Array(2048)], name, { type: 'image/png' });

/** The visitor chooses `files` with the paperclip's file input. */
async function choose(harness: Harness, ...files: File[]): Promise<void> {
  const input = harness.get<HTMLInputElement>('.composer input[type=file]');
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  await harness.step(() => input.dispatchEvent(new Event('change')));
  await harness.step();
}

const PHOTO: AttachmentContent = {
  kind: 'attachment',
  id: 'f-photo',
  name: 'router.jpg',
  size: 480_000,
  mediaType: 'image/jpeg',
  width: 1600,
  height: 1200,
  thumbnailId: 'f-photo-thumb',
};
const PDF: AttachmentContent = {
  kind: 'attachment',
  id: 'f-pdf',
  name: 'invoice-2026-11.pdf',
  size: 48 * 1024,
  mediaType: 'application/pdf',
};

describe('the paperclip', () => {
  it('is not there when the server takes no files', async () => {
    h = await mountWidget({ open: true, filesUrl: 'https://files.test' });
    await h.startConversation();
    expect(h.all('.attach')).toHaveLength(0);
    expect(h.all('input[type=file]')).toHaveLength(0);
  });

  it('is a named button with a hidden input of the types the server takes, in French too', async () => {
    h = await withFiles('fr-CA');
    expect(h.get('.attach').getAttribute('aria-label')).toBe('Joindre des fichiers');
    const input = h.get<HTMLInputElement>('input[type=file]');
    expect(input.hidden).toBe(true);
    expect(input.multiple).toBe(true);
    expect(input.accept).toBe('image/png,image/jpeg,image/webp,image/gif,application/pdf,text/plain');
  });
});

describe('a file on its way', () => {
  it('shows its name, size and progress, says photos lose their details, and Cancel takes it back', async () => {
    h = await withFiles();
    await choose(h, png());
    expect(h.get('.file-note').textContent).toBe('Location and camera details are removed from photos.');
    const card = h.get('.group[data-mine] .file');
    expect(card.querySelector('.file-name')?.textContent).toBe('photo.png');
    expect(card.querySelector('.file-about')?.textContent).toBe('2\u00a0KB');
    await h.step(() => transfer.uploads[0]?.progress(1024, 2048));
    const bar = h.get<HTMLProgressElement>('.file progress');
    expect(bar.getAttribute('aria-label')).toBe('Uploading photo.png');
    expect([bar.value, bar.max]).toEqual([1024, 2048]);
    await h.step(() => h?.get<HTMLButtonElement>('.file .link-button').click());
    expect(h.all('.file')).toHaveLength(0);
  });

  it('is announced once sent: its row gives way to the confirmed message', async () => {
    h = await withFiles();
    await choose(h, png('sent.png'));
    await h.step(() => transfer.uploads[0]?.resolve('f-sent'));
    await h.step();
    expect(h.all('.file progress')).toHaveLength(0);
    expect(h.get('[aria-live]').textContent?.trim()).toBe('sent.png sent');
  });

  it('says why it failed; Retry only where another try can help', async () => {
    h = await withFiles();
    await choose(h, png('big.png'));
    await h.step(() =>
      transfer.uploads[0]?.reject(new ChatError('attachment-too-large', 'too large', { retryable: false })),
    );
    expect(h.get('.file-error').textContent).toBe(
      'This file is over 10\u00a0MB, the largest this chat takes.',
    );
    expect(h.get('[aria-live]').textContent?.trim()).toBe(
      'big.png not sent: This file is over 10\u00a0MB, the largest this chat takes.',
    );
    expect(h.all('.file .link-button').map((button) => button.textContent)).toEqual(['Cancel']);
    await choose(h, png('later.png'));
    await h.step(() =>
      transfer.uploads[1]?.reject(new ChatError('server-error', 'oops', { retryable: false })),
    );
    const failed = h.all('.file[data-failed]').at(-1);
    expect(failed?.querySelector('.file-error')?.textContent).toBe('This file could not be sent.');
    const retry = [...(failed?.querySelectorAll('button') ?? [])].find((b) => b.textContent === 'Retry');
    await h.step(() => retry?.click());
    expect(transfer.uploads).toHaveLength(3);
  });
});

describe('files of the conversation', () => {
  it('shows an image as a thumbnail: a placeholder of its ratio, then the image, its URL revoked when it leaves the page', async () => {
    h = await withFiles();
    transfer.files.set('f-photo-thumb', new Blob(['thumb'], { type: 'image/jpeg' }));
    const id = h.widget.client.conversation.value?.id ?? '';
    await h.step(() => h?.server.agents.send(id, 'a1', { ...PHOTO, caption: 'The router' }));
    await h.step(); // the thumbnail's bytes
    const thumb = h.get('.thumb');
    const img = thumb.querySelector('img');
    expect(img?.getAttribute('src')).toBe('blob:test/0');
    expect(img?.getAttribute('alt')).toBe('The router');
    expect([img?.getAttribute('width'), img?.getAttribute('height')]).toEqual(['220', '165']);
    expect(h.get('.caption').textContent).toBe('The router');
    await h.step(() => h?.widget.close());
    expect(urls.revoked).toContain('blob:test/0');
  });

  it('draws the placeholder while the thumbnail comes', async () => {
    h = await withFiles();
    const id = h.widget.client.conversation.value?.id ?? '';
    await h.step(() => h?.server.agents.send(id, 'a1', PHOTO));
    const placeholder = h.get('.thumb svg');
    expect(placeholder.getAttribute('viewBox')).toBe('0 0 220 165');
    expect(placeholder.getAttribute('aria-label')).toBe('router.jpg');
  });

  it('shows other files as a card with their type and size in words, in English and French', async () => {
    addBuiltInMessages(EXTRAS_CATALOGUES);
    const en = createTranslator({ locale: 'en' });
    const fr = createTranslator({ locale: 'fr-CA' });
    expect([typeInWords('application/pdf', en.t), formatSize(48 * 1024, en)]).toEqual([
      'PDF document',
      '48\u00a0KB',
    ]);
    expect([typeInWords('application/pdf', fr.t), formatSize(48 * 1024, fr)]).toEqual([
      'Document PDF',
      '48\u00a0ko',
    ]);
    expect(formatSize(1.5 * 1024 * 1024, fr)).toBe('1,5\u00a0Mo');
    h = await withFiles('fr-CA');
    const id = h.widget.client.conversation.value?.id ?? '';
    await h.step(() => h?.server.agents.send(id, 'a1', PDF));
    expect(h.get('.file .file-about').textContent).toBe('Document PDF · 48\u00a0ko');
    expect(h.get('.file button').getAttribute('aria-label')).toBe('Télécharger invoice-2026-11.pdf');
    expect(h.get('[aria-live]').textContent?.trim()).toBe(
      'Julie a envoyé un fichier\u00a0: invoice-2026-11.pdf',
    );
  });

  it('opens the viewer from the thumbnail; Escape closes it and the focus goes back', async () => {
    h = await withFiles();
    transfer.files.set('f-photo-thumb', new Blob(['thumb']));
    transfer.files.set('f-photo', new Blob(['full']));
    const id = h.widget.client.conversation.value?.id ?? '';
    await h.step(() => h?.server.agents.send(id, 'a1', PHOTO));
    await h.step();
    const thumb = h.get<HTMLButtonElement>('.thumb');
    await h.step(() => thumb.click());
    await h.step(); // the image's bytes
    const viewer = h.get<HTMLDialogElement>('dialog.viewer');
    expect(viewer.open).toBe(true);
    expect(h.root.activeElement?.textContent).toBe('Close');
    expect(viewer.querySelector('img')?.getAttribute('src')).toMatch(/^blob:test\//);
    // Tab from the last button goes back to the first.
    await h.step(() => press(viewer.querySelector('button:last-of-type') as Element, 'Tab'));
    expect(h.root.activeElement?.textContent).toBe('Download');
    await h.step(() => press(viewer, 'Escape'));
    expect(h.all('dialog.viewer')).toHaveLength(0);
    expect(h.root.activeElement).toBe(thumb);
  });
});
