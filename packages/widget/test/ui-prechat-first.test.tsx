// @vitest-environment happy-dom
import type { PrechatForm } from '@clavard/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, mountWidget } from './support/ui-harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const PRECHAT: PrechatForm = {
  formId: 'pre-1',
  title: 'Before we start',
  reason: 'So that the right person answers you.',
  fields: [
    { name: 'name', type: 'text', label: 'Name', maxLength: 100 },
    {
      name: 'topic',
      type: 'select',
      label: 'Topic',
      required: true,
      options: [
        { value: 'Billing', label: 'Billing' },
        { value: 'Technical support', label: 'Technical support' },
      ],
    },
  ],
};

/** The server's welcome of a visitor with no conversation, asking the pre-chat form first. */
const welcomeAsking = (extra: Record<string, unknown> = {}) => ({
  type: 'session.welcome',
  v: '1.0',
  token: 't-first',
  resumed: false,
  availability: { online: true },
  prechat: PRECHAT,
  ...extra,
});

async function opened(): Promise<Harness> {
  const harness = await mountWidget({ open: true });
  harness.wire.holdForms = true;
  await harness.step(() => harness.wire.inject(welcomeAsking()));
  return harness;
}

const status = (harness: Harness) => harness.get('[role="status"]').textContent?.trim();

describe('the pre-chat form asked first', () => {
  it('comes in place of the composer, with the focus on its first field and a button that starts', async () => {
    h = await opened();
    const form = h.get<HTMLFormElement>('.form-card');
    expect(form.getAttribute('data-state')).toBe('open');
    expect(h.get('.form-title').textContent).toBe('Before we start');
    expect(h.all('.composer')).toHaveLength(0);
    expect(h.root.activeElement).toBe(h.get('.form-card [name="name"]'));
    expect(h.get('.form-card .form-submit').textContent).toBe('Start the conversation');
  });

  it('does not take the focus from the page', async () => {
    const search = document.body.appendChild(document.createElement('input'));
    try {
      search.focus();
      h = await mountWidget({ open: true });
      const harness = h;
      search.focus();
      await h.step(() => harness.wire.inject(welcomeAsking()));
      expect(h.get('.form-title').textContent).toBe('Before we start');
      expect(document.activeElement).toBe(search);
    } finally {
      search.remove();
    }
  });

  it('checks before sending, shows the server’s refusal, and gives way to the composer once accepted', async () => {
    h = await opened();
    const harness = h;
    const submit = () => harness.get<HTMLButtonElement>('.form-card .form-submit').click();
    await h.step(submit);
    expect(h.wire.held).toEqual([]);
    expect(h.get('.form-card [name="topic"]').getAttribute('aria-invalid')).toBe('true');

    const topic = h.get<HTMLSelectElement>('.form-card [name="topic"]');
    topic.value = 'Billing';
    await h.step(submit);
    expect(h.wire.held).toEqual([
      { type: 'form.submit', formId: 'pre-1', values: { name: '', topic: 'Billing' } },
    ]);
    expect(h.get('.form-card .form-submit').textContent).toBe('Sending…');

    await h.step(() =>
      harness.wire.inject({
        type: 'prechat.result',
        formId: 'pre-1',
        status: 'rejected',
        errors: { topic: 'Pick one of our topics.' },
      }),
    );
    expect(h.get('.form-card .form-error').textContent).toBe('Pick one of our topics.');

    await h.step(() => harness.wire.inject({ type: 'prechat.result', formId: 'pre-1', status: 'accepted' }));
    expect(h.all('.form-card')).toHaveLength(0);
    const composer = h.get<HTMLTextAreaElement>('.composer textarea');
    expect(h.root.activeElement).toBe(composer);
    expect(status(h)).toBe('Thank you. Write your question below.');
  });

  it('withdrawn by the server (nobody online any more), gives way to the composer without a thank-you', async () => {
    h = await opened();
    const harness = h;
    await h.step(() => harness.wire.inject(welcomeAsking({ prechat: undefined })));
    expect(h.all('.form-card')).toHaveLength(0);
    expect(h.all('.composer textarea')).toHaveLength(1);
    expect(status(h)).not.toContain('Thank you');
  });

  it('is not shown while a conversation is under way, nor below one that has just ended', async () => {
    h = await mountWidget({ open: true });
    const harness = h;
    const id = await h.startConversation();
    await h.step(() => harness.wire.inject(welcomeAsking()));
    expect(h.all('.form-card')).toHaveLength(0);
    expect(h.all('.composer textarea')).toHaveLength(1);
    await h.step(() => harness.server.agents.end(id));
    expect(h.all('#clavard-form-pre-1-title')).toHaveLength(0);
    // "New conversation": the form comes first again, below the ended conversation (in reading order).
    await h.step(() => harness.get<HTMLButtonElement>('.new-conversation').click());
    expect(h.get('#clavard-form-pre-1-title').textContent).toBe('Before we start');
    expect(h.get('.log > li:last-child #clavard-form-pre-1-title')).toBeTruthy();
    expect(h.all('.composer')).toHaveLength(0);
  });
});
