// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeXhr } from './support/file-fakes.js';
import { consoleWithFiles, type FilesHarness, file, frame, pick } from './support/files-harness.js';
import {
  agentMessage,
  type ConsoleHarness,
  takenConversation,
  typeInto,
  welcomeFrame,
} from './support/harness.js';

let h: FilesHarness | undefined;
beforeEach(() => {
  FakeXhr.made = [];
});
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const rows = (harness: ConsoleHarness) => harness.all<HTMLLIElement>('.upload-row');
const fileFrames = (harness: ConsoleHarness) =>
  harness.link.sentOf('agent.message').filter((frame) => frame.attachmentId !== undefined);

describe('attaching files in the composer', () => {
  it('offers an Attach files button and a picker of the accepted types, several at once', async () => {
    h = await consoleWithFiles();
    const attach = h.get<HTMLButtonElement>('button.attach');
    expect(attach.getAttribute('aria-label')).toBe('Attach files');
    const input = h.get<HTMLInputElement>('input[type="file"]');
    expect(input.multiple).toBe(true);
    expect(input.accept).toBe('image/png,image/jpeg,image/webp,image/gif,application/pdf,text/plain');
  });

  it('uploads with progress, then sends the file with the composer text as caption once stored', async () => {
    h = await consoleWithFiles();
    await pick(h, file('form.pdf', 2048, 'application/pdf'));
    expect(h.slots).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/agent/uploads',
        headers: expect.objectContaining({ authorization: 'Bearer tok' }),
        body: { clientId: 'u1', name: 'form.pdf', size: 2048, conversationId: 'c1' },
      }),
    ]);
    const [xhr] = FakeXhr.made;
    expect([xhr?.method, xhr?.url, xhr?.headers.authorization]).toEqual([
      'PUT',
      '/agent/uploads/f-u1',
      'Bearer tok',
    ]);
    const progress = h.get<HTMLProgressElement>('.upload-row progress');
    expect(progress.getAttribute('aria-label')).toBe('Upload of form.pdf');
    expect(rows(h)[0]?.querySelector('.file-meta')?.textContent).toBe('2 KB · Uploading…');
    await h.step(() => xhr?.progress(1024, 2048));
    expect(h.get<HTMLProgressElement>('.upload-row progress').value).toBe(50);

    await h.step(() =>
      typeInto(h?.get<HTMLTextAreaElement>('#composer-text') as HTMLTextAreaElement, 'The form to sign'),
    );
    await h.step(() => h?.button('Send').click());
    // Not stored yet: nothing goes.
    expect(fileFrames(h)).toEqual([]);
    expect(rows(h)[0]?.querySelector('.file-meta')?.textContent).toBe('2 KB · Sent once uploaded');
    await h.step(() => xhr?.respond(200, { id: 'f-u1', status: 'stored', attachment: {} }));
    expect(fileFrames(h)).toEqual([
      {
        type: 'agent.message',
        conversationId: 'c1',
        clientId: 'u1',
        content: { kind: 'text', text: 'The form to sign' },
        attachmentId: 'f-u1',
      },
    ]);
    expect(rows(h)).toHaveLength(0);
    expect(h.get('.transcript .pending .file-name').textContent).toBe('form.pdf');
    expect(h.get<HTMLTextAreaElement>('#composer-text').value).toBe('');
  });

  it('sends several files in order, each its own message, the caption on the first only', async () => {
    h = await consoleWithFiles();
    await pick(h, file('a.png', 10, 'image/png'), file('b.png', 10, 'image/png'));
    expect(rows(h).map((row) => row.querySelector('.file-name')?.textContent)).toEqual(['a.png', 'b.png']);
    await h.step(() =>
      typeInto(h?.get<HTMLTextAreaElement>('#composer-text') as HTMLTextAreaElement, 'Both screens'),
    );
    await h.step(() => h?.button('Send').click());
    // The second is stored first: it waits for the first.
    await h.step(() => FakeXhr.made[1]?.respond(200, { id: 'f-u2', status: 'stored' }));
    expect(fileFrames(h)).toEqual([]);
    await h.step(() => FakeXhr.made[0]?.respond(200, { id: 'f-u1', status: 'stored' }));
    expect(fileFrames(h).map((f) => [f.clientId, f.attachmentId, f.content])).toEqual([
      ['u1', 'f-u1', { kind: 'text', text: 'Both screens' }],
      ['u2', 'f-u2', { kind: 'text', text: '' }],
    ]);
  });

  it('cancels an upload: the request is aborted and the row goes', async () => {
    h = await consoleWithFiles();
    await pick(h, file('big.pdf', 4096, 'application/pdf'));
    const cancel = h.get<HTMLButtonElement>('.upload-row button');
    expect([cancel.textContent, cancel.getAttribute('aria-label')]).toEqual(['Cancel', 'Cancel big.pdf']);
    await h.step(() => cancel.click());
    expect(FakeXhr.made[0]?.aborted).toBe(true);
    expect(rows(h)).toHaveLength(0);
    expect(document.activeElement).toBe(h.get('#composer-text'));
  });

  it('says a network failure in words and retries with the same clientId', async () => {
    h = await consoleWithFiles();
    await pick(h, file('scan.pdf', 100, 'application/pdf'));
    await h.step(() => FakeXhr.made[0]?.fail());
    expect(rows(h)[0]?.dataset.state).toBe('failed');
    expect(h.get('.upload-row .file-error').textContent).toBe(
      'The upload failed: check the connection, then retry.',
    );
    // The announcement is an effect of that render, run after the next frame.
    await frame();
    await h.step();
    expect(h.get('.uploads [aria-live="polite"]').textContent).toBe('scan.pdf was not uploaded.');
    const retry = h.button('Retry');
    expect(retry.getAttribute('aria-label')).toBe('Retry scan.pdf');
    await h.step(() => retry.click());
    await frame();
    await h.step();
    expect(h.slots.map((s) => (s.body as { clientId: string }).clientId)).toEqual(['u1', 'u1']);
    await h.step(() => FakeXhr.made[1]?.respond(200, { id: 'f-u1', status: 'stored' }));
    expect(h.get('.upload-row .file-meta').textContent).toBe(
      '100 bytes · Ready: sent with your next message',
    );
    await frame();
    await h.step();
    expect(h.get('.uploads [aria-live="polite"]').textContent).toBe('scan.pdf is uploaded.');
  });

  it('refuses a file over 10 MB at once, and says the server’s refusals in words, without Retry', async () => {
    h = await consoleWithFiles(() => ({
      status: 415,
      json: { code: 'attachment-type-refused', message: 'type', retryable: false },
    }));
    await pick(h, file('huge.png', 10 * 1024 * 1024 + 1, 'image/png'), file('page.html', 20, 'text/html'));
    const errors = h.all('.upload-row .file-error').map((p) => p.textContent);
    expect(errors).toEqual([
      'This file is over 10 MB, the largest the chat takes.',
      'Only images (PNG, JPEG, WebP, GIF), PDF and plain text can be sent.',
    ]);
    expect(h.slots).toHaveLength(1);
    expect(h.all('.upload-row button').map((b) => b.textContent)).toEqual(['Cancel', 'Cancel']);
  });

  it('refuses at once what is over the limit the server said in its welcome', async () => {
    h = await consoleWithFiles();
    await h.deliver(welcomeFrame({ attachments: { maxBytes: 1024 * 1024, perConversation: 20 } }));
    await pick(h, file('scan.png', 2 * 1024 * 1024, 'image/png'), file('small.png', 1000, 'image/png'));
    const errors = h.all('.upload-row .file-error').map((p) => p.textContent);
    expect(errors).toEqual(['This file is over 1 MB, the largest the chat takes.']);
    expect(h.slots).toHaveLength(1);
  });

  it('sends a file message again after a reconnect with the same clientId', async () => {
    h = await consoleWithFiles();
    await pick(h, file('form.pdf', 10, 'application/pdf'));
    await h.step(() => FakeXhr.made[0]?.respond(200, { id: 'f-u1', status: 'stored' }));
    await h.step(() => h?.button('Send').click());
    expect(fileFrames(h)).toHaveLength(1);
    await h.deliver(welcomeFrame({ conversations: [takenConversation([agentMessage(3)])] }));
    expect(fileFrames(h).map((f) => [f.clientId, f.attachmentId])).toEqual([
      ['u1', 'f-u1'],
      ['u1', 'f-u1'],
    ]);
  });
});
