// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeXhr } from './support/file-fakes.js';
import { consoleWithFiles, type FilesHarness, file, frame } from './support/files-harness.js';

let h: FilesHarness | undefined;
beforeEach(() => {
  FakeXhr.made = [];
});
afterEach(() => {
  h?.dispose();
  h = undefined;
});

/** A drag event carrying `files`, as the browser makes them (happy-dom has no DataTransfer to fill). */
function dragOf(type: string, files: File[], types = ['Files']): Event {
  const event = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: { types, files, dropEffect: 'none' } });
  return event;
}

/** A paste carrying `files` and text. */
function pasteOf(files: File[]): Event {
  const event = new Event('paste', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'clipboardData', { value: { files, getData: () => '' } });
  return event;
}

const names = (harness: FilesHarness) =>
  harness.all('.upload-row .file-name').map((element) => element.textContent);

describe('dropping and pasting files', () => {
  it('shows a drop zone while files are dragged over the conversation, and attaches the dropped ones', async () => {
    h = await consoleWithFiles();
    const pane = h.get('section.conversation');
    const transcript = h.get('.transcript');
    await h.step(() => pane.dispatchEvent(dragOf('dragenter', [])));
    expect(h.get('.drop-zone').textContent).toBe('Drop the files here to attach them');
    // Crossing a child: enter it, leave the pane's own box; still over the pane.
    await h.step(() => transcript.dispatchEvent(dragOf('dragenter', [])));
    await h.step(() => pane.dispatchEvent(dragOf('dragleave', [])));
    expect(h.all('.drop-zone')).toHaveLength(1);
    const over = dragOf('dragover', []);
    await h.step(() => transcript.dispatchEvent(over));
    expect(over.defaultPrevented).toBe(true);
    const drop = dragOf('drop', [file('a.png', 10, 'image/png'), file('b.pdf', 10, 'application/pdf')]);
    await h.step(() => transcript.dispatchEvent(drop));
    expect(drop.defaultPrevented).toBe(true);
    expect(h.all('.drop-zone')).toHaveLength(0);
    await frame();
    await h.step();
    expect(names(h)).toEqual(['a.png', 'b.pdf']);
    expect(h.slots).toHaveLength(2);
  });

  it('ignores a drag of text: no drop zone, nothing attached', async () => {
    h = await consoleWithFiles();
    const pane = h.get('section.conversation');
    await h.step(() => pane.dispatchEvent(dragOf('dragenter', [], ['text/plain'])));
    expect(h.all('.drop-zone')).toHaveLength(0);
  });

  it('attaches an image pasted into the answer box, and lets a text paste through', async () => {
    h = await consoleWithFiles();
    const textarea = h.get<HTMLTextAreaElement>('#composer-text');
    const screenshot = pasteOf([file('image.png', 64, 'image/png')]);
    await h.step(() => textarea.dispatchEvent(screenshot));
    expect(screenshot.defaultPrevented).toBe(true);
    await frame();
    await h.step();
    expect(names(h)).toEqual(['image.png']);
    const words = pasteOf([]);
    await h.step(() => textarea.dispatchEvent(words));
    expect(words.defaultPrevented).toBe(false);
    expect(names(h)).toEqual(['image.png']);
  });
});
