// @vitest-environment happy-dom
import { ChatError } from '@clavard/protocol';
import { mount } from '@clavard/widget';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { spoken, tick } from './support/survey.js';
import { type Harness, julie, mountWidget } from './support/ui-harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
  vi.restoreAllMocks();
});

const offer = {
  title: 'Fibre 1 Gbit',
  url: 'https://shop.example/fibre',
  description: 'Twice the speed for $10 more',
};

async function endedByJulie(harness: Harness): Promise<string> {
  const id = await harness.startConversation(julie);
  await harness.step(() =>
    harness.server.agents.send(id, julie.id, { kind: 'text', text: 'Your plan is changed.' }),
  );
  await harness.step(() => harness.server.agents.end(id, 'Thank you for contacting us.'));
  return id;
}

describe('the end of a conversation', () => {
  it('asks whether it was solved, a 1–5 rating and a note to the agent by first name, sends them, then thanks', async () => {
    h = await mountWidget({ open: true });
    const id = await endedByJulie(h);
    expect(h.get('.closing').textContent).toBe('Thank you for contacting us.');
    expect(h.all('.end legend').map((legend) => legend.textContent)).toEqual([
      'Was your problem solved?',
      'Rate this conversation',
    ]);
    expect(h.all('.end input[name="score"]')).toHaveLength(5);
    expect(h.get('.end label[for$="-note"]').textContent).toBe('A note for Julie (optional)');

    tick(h, 'Yes');
    tick(h, '5 – Excellent');
    const note = h.get<HTMLTextAreaElement>('.end textarea');
    note.value = '  Thanks Julie, very quick!  ';
    await h.step(() => h?.get<HTMLButtonElement>('.end .form-submit').click());
    expect(h.server.conversations().find((c) => c.id === id)?.rating).toEqual({
      conversationId: id,
      solved: true,
      score: 5,
      note: 'Thanks Julie, very quick!',
    });
    expect(h.all('.end form')).toEqual([]);
    expect(h.get('.end [role="status"]').textContent).toBe('Thank you for your feedback!');
  });

  it('draws the rating as five large buttons that stay one radio group, each named in full', async () => {
    h = await mountWidget({ open: true, locale: 'fr-CA' });
    await endedByJulie(h);
    const scale = h.get('.end fieldset.scale');
    const choices = [...scale.querySelectorAll('.choice')];
    expect(choices.map((choice) => choice.querySelector('input')?.type)).toEqual(Array(5).fill('radio'));
    expect(choices.map(spoken)).toEqual([
      '1 – Très mauvais',
      '2 – Mauvais',
      '3 – Correct',
      '4 – Bon',
      '5 – Excellent',
    ]);
    expect(choices.map((choice) => choice.querySelector('[aria-hidden="true"]')?.textContent)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    expect(h.all('.end fieldset.buttons:not(.scale) .choice').map(spoken)).toEqual(['Oui', 'Non']);
  });

  it('sends only what the visitor answered', async () => {
    h = await mountWidget({ open: true });
    const id = await endedByJulie(h);
    tick(h, 'No');
    await h.step(() => h?.get<HTMLButtonElement>('.end .form-submit').click());
    expect(h.server.conversations().find((c) => c.id === id)?.rating).toEqual({
      conversationId: id,
      solved: false,
    });
  });

  it("shows the organisation's offer after the feedback, never before", async () => {
    h = await mountWidget({ open: true, offer });
    await endedByJulie(h);
    expect(h.all('.offer')).toEqual([]);
    expect(h.root.textContent).not.toContain('Fibre 1 Gbit');
    await h.step(() => h?.get<HTMLButtonElement>('.end .form-submit').click());
    expect(h.get('.offer .form-label').textContent).toBe('You may also like');
    const card = h.get<HTMLAnchorElement>('.offer a.card');
    expect(card.href).toBe('https://shop.example/fibre');
    expect(card.rel).toBe('noopener noreferrer');
    expect(card.textContent).toContain('Twice the speed for $10 more');
  });

  it('downloads the transcript as plain text: messages, notices and the closing, with no form answer', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation(julie);
    await h.step(() =>
      h?.server.agents.requestForm(id, {
        formId: 'verify-1',
        kind: 'verification',
        title: 'Verify your identity',
        fields: [{ name: 'dob', type: 'text', label: 'Date of birth', required: true, sensitive: true }],
      }),
    );
    const dob = h.get<HTMLInputElement>('#clavard-form-verify-1-dob');
    dob.value = '1990-04-25';
    await h.step(() => h?.get<HTMLButtonElement>('.form-card .form-submit').click());
    await h.step(() => h?.server.agents.end(id, 'Goodbye!'));

    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:transcript';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const download = h
      .all<HTMLButtonElement>('.end button')
      .find((b) => b.textContent === 'Download the transcript');
    await h.step(() => download?.click());
    expect(clicked).toEqual([expect.stringMatching(/^transcript-\d{4}-\d{2}-\d{2}\.txt$/)]);
    expect(blobs[0]?.type).toBe('text/plain;charset=utf-8');
    const text = (await blobs[0]?.text()) ?? '';
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Conversation with Fibre Nord');
    expect(lines[1]).toMatch(/\d{4}.* \(.+\)$/);
    expect(lines.slice(3, -1).map((line) => line.replace(/^\[[^\]]+\] /, ''))).toEqual([
      'You: Hello',
      'Julie has joined',
      '[Form: Verify your identity. Answers not included.]',
      'Identity verified',
      'This conversation has ended. Goodbye!',
    ]);
    expect(text).not.toContain('1990-04-25');
  });

  it('says a form was answered only when it was: one left unanswered, one sent', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation(julie);
    await h.step(() =>
      h?.server.agents.requestForm(id, {
        formId: 'left',
        kind: 'custom',
        title: 'Your order',
        fields: [{ name: 'order', type: 'text', label: 'Order number' }],
      }),
    );
    await h.step(() =>
      h?.server.agents.requestForm(id, {
        formId: 'sent',
        kind: 'custom',
        title: 'Your plan',
        fields: [{ name: 'plan', type: 'text', label: 'Plan' }],
      }),
    );
    h.get<HTMLInputElement>('#clavard-form-sent-plan').value = 'Famille';
    await h.step(() => h?.get<HTMLButtonElement>('#clavard-form-sent-plan').form?.requestSubmit());
    await h.step(() => h?.server.agents.end(id, 'Goodbye!'));
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:transcript';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const download = h
      .all<HTMLButtonElement>('.end button')
      .find((b) => b.textContent === 'Download the transcript');
    await h.step(() => download?.click());
    const lines = ((await blobs[0]?.text()) ?? '')
      .split('\r\n')
      .map((line) => line.replace(/^\[[^\]]+\] /, ''));
    expect(lines.filter((line) => line.startsWith('[Form') || line.startsWith('Thank you'))).toEqual([
      '[Form: Your order. Answers not included.]',
      '[Form: Your plan. Answers not included.]',
      'Thank you, your answers were sent.',
    ]);
  });

  it('lets the visitor end the chat from the header, after a confirmation that takes the focus', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation(julie);
    const end = h.get<HTMLButtonElement>('.header .end-chat');
    expect(end.getAttribute('aria-label')).toBe('End chat');
    expect(end.title).toBe('End chat');
    await h.step(() => end.click());
    expect(h.get('.end-bar p').textContent).toBe('End this conversation?');
    expect(end.getAttribute('aria-expanded')).toBe('true');
    const [confirm, cancel] = h.all<HTMLButtonElement>('.end-bar button');
    expect(h.root.activeElement).toBe(confirm);
    await h.step(() => cancel?.click());
    expect(h.all('.end-bar')).toEqual([]);
    expect(h.root.activeElement).toBe(end);
    expect(h.server.conversations()[0]?.status).not.toBe('ended');

    await h.step(() => end.click());
    await h.step(() => h?.all<HTMLButtonElement>('.end-bar button')[0]?.click());
    expect(h.server.conversations().find((c) => c.id === id)?.status).toBe('ended');
    expect(h.all('.header .end-chat')).toEqual([]);
    expect(h.get('.end .form-title').textContent).toBe('How did it go?');
  });

  it('speaks French', async () => {
    h = await mountWidget({ open: true, locale: 'fr-CA' });
    await endedByJulie(h);
    expect(h.get('.end .form-title').textContent).toBe('Comment cela s’est-il passé\u00a0?');
    expect(h.get('.end label[for$="-note"]').textContent).toBe('Un mot pour Julie (facultatif)');
    expect(h.get('.end .form-submit').textContent).toBe('Envoyer mes commentaires');
  });
});

describe('the offer option', () => {
  it.each([
    ['a text', 'Fibre'],
    ['no url', { title: 'Fibre' }],
    ['an empty title', { title: ' ', url: 'https://shop.example' }],
    ['a non-text description', { title: 'Fibre', url: 'https://shop.example', description: 3 }],
  ])('refuses %s with invalid-option', (_what, value) => {
    let thrown: unknown;
    try {
      mount({
        transport: undefined as never,
        url: 'wss://chat.example/ws',
        brand: { name: 'X' },
        offer: value as never,
      });
    } catch (error) {
      thrown = error;
    }
    expect(ChatError.isInstance(thrown) && thrown.code).toBe('invalid-option');
    expect(String((thrown as Error).message)).toContain('offer');
  });
});
