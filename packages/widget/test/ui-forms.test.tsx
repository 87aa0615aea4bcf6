// @vitest-environment happy-dom
import { REDACTED } from '@clavard/adapters/memory';
import type { FormField } from '@clavard/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Harness, mountWidget } from './support/ui-harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const verificationFields: FormField[] = [
  { name: 'dob', type: 'date', label: 'Date of birth', required: true, sensitive: true },
  {
    name: 'postal',
    type: 'text',
    label: 'Postal code',
    required: true,
    pattern: '[A-Z]\\d[A-Z] ?\\d[A-Z]\\d',
  },
  { name: 'last4', type: 'number', label: 'Last four digits of the account', sensitive: true },
];

/** The value a visitor types into a field of the form card. */
function fill(harness: Harness, name: string, value: string): void {
  const input = harness.get<HTMLInputElement | HTMLTextAreaElement>(`.form-card [name="${name}"]`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** A map that records what the widget saves, to search it for sensitive values. */
function recordingStorage() {
  const saved = new Map<string, string>();
  return {
    saved,
    get: (key: string) => saved.get(key) ?? null,
    set: (key: string, value: string) => {
      saved.set(key, value);
    },
    remove: (key: string) => {
      saved.delete(key);
    },
  };
}

async function askVerification(harness: Harness, fields = verificationFields): Promise<string> {
  const id = await harness.startConversation();
  await harness.step(() =>
    harness.server.agents.requestForm(id, {
      formId: 'verify-1',
      kind: 'verification',
      reason: 'We check this before we look at your account.',
      fields,
    }),
  );
  return id;
}

const submit = (harness: Harness) => harness.get<HTMLButtonElement>('.form-card .form-submit');

describe('a form asked inside the conversation', () => {
  it('shows the title, why it is asked, how the data is used, labelled fields, and masks the sensitive ones', async () => {
    h = await mountWidget({ open: true });
    await askVerification(h);
    const card = h.get('form.form-card');
    expect(h.get('.form-card .form-title').textContent).toBe('Verify your identity');
    expect(card.getAttribute('aria-labelledby')).toBe(h.get('.form-card .form-title').id);
    const texts = h.all('.form-card .form-text').map((p) => p.textContent);
    expect(texts[0]).toBe('We check this before we look at your account.');
    expect(texts[1]).toContain('never saved in this browser');
    const labels = h.all('.form-card label').map((label) => label.textContent);
    expect(labels).toEqual(['Date of birth', 'Postal code', 'Last four digits of the account (optional)']);
    const dob = h.get<HTMLInputElement>('#clavard-form-verify-1-dob');
    expect(dob.type).toBe('password');
    expect(dob.autocomplete).toBe('off');
    expect(dob.placeholder).toBe('YYYY-MM-DD');
    expect(h.get<HTMLInputElement>('#clavard-form-verify-1-postal').type).toBe('text');
    expect(h.get<HTMLInputElement>('#clavard-form-verify-1-last4').type).toBe('password');
    expect(h.get<HTMLInputElement>('#clavard-form-verify-1-last4').inputMode).toBe('decimal');
    // The explanation says it once; a sensitive field of another form says it by the field.
    expect(dob.getAttribute('aria-describedby')).toBeNull();
    expect(submit(h).textContent).toBe('Verify');
  });

  it('invalid: says what is wrong by each field, focuses the first, announces a summary, and sends nothing', async () => {
    h = await mountWidget({ open: true });
    await askVerification(h);
    const sent: string[] = [];
    h.server.on('form', (form) => sent.push(form.formId));
    fill(h, 'postal', 'not a code');
    await h.step(() => submit(h as Harness).click());
    const dob = h.get<HTMLInputElement>('#clavard-form-verify-1-dob');
    expect(dob.getAttribute('aria-invalid')).toBe('true');
    expect(h.get('#clavard-form-verify-1-dob-error').textContent).toBe('This field is required.');
    expect(dob.getAttribute('aria-describedby')).toContain('clavard-form-verify-1-dob-error');
    expect(h.get('#clavard-form-verify-1-postal-error').textContent).toBe(
      'This value is not in the expected format.',
    );
    expect(h.all('#clavard-form-verify-1-last4-error')).toEqual([]);
    expect(h.root.activeElement).toBe(dob);
    expect(h.get('[role="status"]').textContent?.trim()).toBe('2 fields need your attention.');
    expect(sent).toEqual([]);
  });

  it('valid: waits with "Sending…", then shows "Identity verified" and a sent line; the server keeps no sensitive value and neither does the browser', async () => {
    const storage = recordingStorage();
    h = await mountWidget(
      { open: true, storage },
      { verifyForm: ({ values }) => values.dob === '1990-04-25' },
    );
    const id = await askVerification(h);
    fill(h, 'dob', '1990-04-25');
    fill(h, 'postal', 'H2X 1Y4');
    fill(h, 'last4', '4821');
    h.wire.holdForms = true;
    await h.step(() => submit(h as Harness).click());
    expect(submit(h).textContent).toBe('Sending…');
    expect(submit(h).disabled).toBe(true);
    expect(h.get<HTMLInputElement>('#clavard-form-verify-1-dob').disabled).toBe(true);
    expect(h.get('form.form-card').dataset.state).toBe('sending');

    const [frame] = h.wire.held.splice(0);
    h.wire.holdForms = false;
    await h.step(() => frame && h?.wire.send(frame));
    expect(h.all('form.form-card')).toEqual([]);
    expect(h.get('.form-card[data-state="sent"] .form-sent').textContent).toBe(
      'Thank you, your answers were sent.',
    );
    expect(h.get('.notice[data-verified]').textContent).toBe('Identity verified');
    expect(h.server.conversations()[0]?.forms[0]?.values).toEqual({
      dob: REDACTED,
      postal: 'H2X 1Y4',
      last4: REDACTED,
    });
    h.widget.client.disconnect();
    const everything = [...storage.saved.values()].join('\n');
    expect(everything).toContain(id);
    expect(everything).not.toContain('1990-04-25');
    expect(everything).not.toContain('4821');
    expect(h.root.textContent).not.toContain('1990-04-25');
  });

  it('says "We could not verify your identity" when the server decides so', async () => {
    h = await mountWidget({ open: true }, { verifyForm: () => false });
    await askVerification(h);
    fill(h, 'dob', '1990-04-25');
    fill(h, 'postal', 'H2X 1Y4');
    await h.step(() => submit(h as Harness).click());
    expect(h.get('.notice[data-verified="false"]').textContent).toBe('We could not verify your identity.');
  });

  it("server error: shows the server's message by its field and lets the visitor send again", async () => {
    h = await mountWidget({ open: true });
    const id = await askVerification(h);
    fill(h, 'dob', '1990-04-25');
    fill(h, 'postal', 'H2X 1Y4');
    h.wire.holdForms = true;
    await h.step(() => submit(h as Harness).click());
    const seq = h.server.events(id).length + 1;
    await h.step(() =>
      h?.wire.inject({
        type: 'form.result',
        conversationId: id,
        seq,
        at: new Date().toISOString(),
        formId: 'verify-1',
        status: 'rejected',
        errors: { postal: 'We do not serve this postal code.', dob: 'required' },
      }),
    );
    expect(h.get('#clavard-form-verify-1-postal-error').textContent).toBe(
      'We do not serve this postal code.',
    );
    expect(h.get('#clavard-form-verify-1-dob-error').textContent).toBe('This field is required.');
    expect(submit(h).disabled).toBe(false);
    expect(submit(h).textContent).toBe('Verify');
  });

  it('a connection lost while sending: says the answers were not sent and lets the visitor send again, values kept', async () => {
    h = await mountWidget({ open: true });
    await askVerification(h);
    fill(h, 'dob', '1990-04-25');
    fill(h, 'postal', 'H2X 1Y4');
    h.wire.holdForms = true;
    await h.step(() => submit(h as Harness).click());
    h.wire.held.length = 0;
    h.wire.holdForms = false;
    await h.step(() => h?.server.restart());
    expect(h.get('.form-card [role="alert"]').textContent).toBe(
      'Your answers could not be sent. Check the connection and try again.',
    );
    expect(submit(h).disabled).toBe(false);
    // The first reconnect comes within the backoff's first delay (at most a few seconds).
    await h.step(() => vi.advanceTimersByTimeAsync(10_000));
    expect(h.widget.client.status.value).toBe('online');
    expect(h.get<HTMLInputElement>('#clavard-form-verify-1-postal').value).toBe('H2X 1Y4');
    await h.step(() => submit(h as Harness).click());
    expect(h.get('.notice[data-verified]').textContent).toBe('Identity verified');
  });

  it('renders a leave-a-message form with its own title, intro, a select, a textarea, a checkbox, and the offline thanks', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation();
    await h.step(() =>
      h?.server.agents.requestForm(id, {
        formId: 'offline-1',
        kind: 'offline',
        fields: [
          { name: 'email', type: 'email', label: 'Email', required: true },
          {
            name: 'topic',
            type: 'select',
            label: 'Topic',
            options: [
              { value: 'billing', label: 'Billing' },
              { value: 'tech', label: 'Technical support' },
            ],
          },
          { name: 'message', type: 'textarea', label: 'Message', required: true },
          { name: 'copy', type: 'checkbox', label: 'Send me a copy' },
        ],
      }),
    );
    expect(h.get('.form-card .form-title').textContent).toBe('Leave a message');
    expect(h.get('.form-card .form-text').textContent).toContain('We are away right now.');
    expect(h.all('.form-card select option').map((o) => o.textContent)).toEqual([
      'Choose…',
      'Billing',
      'Technical support',
    ]);
    expect(submit(h).textContent).toBe('Send message');
    fill(h, 'email', 'ana@');
    await h.step(() => submit(h as Harness).click());
    expect(h.get('#clavard-form-offline-1-email-error').textContent).toBe(
      'Enter a valid email address, like name@example.com.',
    );
    fill(h, 'email', 'ana@example.com');
    fill(h, 'message', 'Please call me back about my bill.');
    const select = h.get<HTMLSelectElement>('.form-card select');
    select.value = 'billing';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    const copy = h.get<HTMLInputElement>('.form-card input[type="checkbox"]');
    copy.checked = true;
    copy.dispatchEvent(new Event('input', { bubbles: true }));
    await h.step(() => submit(h as Harness).click());
    expect(h.server.conversations()[0]?.forms[0]).toMatchObject({
      kind: 'offline',
      status: 'accepted',
      values: {
        email: 'ana@example.com',
        topic: 'billing',
        message: 'Please call me back about my bill.',
        copy: 'true',
      },
    });
    expect(h.get('.form-card .form-sent').textContent).toBe(
      'Thank you! Your message was received. We will answer by email.',
    );
  });

  it('in other forms, says by each sensitive field that it is hidden and not saved', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation();
    await h.step(() =>
      h?.server.agents.requestForm(id, {
        formId: 'custom-1',
        kind: 'custom',
        fields: [{ name: 'pin', type: 'text', label: 'Phone PIN', sensitive: true }],
      }),
    );
    expect(h.get('.form-card .form-title').textContent).toBe('A few details');
    const pin = h.get<HTMLInputElement>('#clavard-form-custom-1-pin');
    expect(pin.type).toBe('password');
    expect(h.get(`#${pin.getAttribute('aria-describedby')}`).textContent).toBe(
      'Hidden as you type, and never saved in this browser.',
    );
  });

  it('speaks French: title, labels, checks and the submit button', async () => {
    h = await mountWidget({ open: true, locale: 'fr-CA' });
    await askVerification(h);
    expect(h.get('.form-card .form-title').textContent).toBe('Vérification de votre identité');
    expect(submit(h).textContent).toBe('Vérifier');
    await h.step(() => submit(h as Harness).click());
    expect(h.get('#clavard-form-verify-1-dob-error').textContent).toBe('Ce champ est obligatoire.');
    expect(h.get('[role="status"]').textContent?.trim()).toBe('2\u00a0champs demandent votre attention.');
  });
});

describe('nobody available', () => {
  it('says so before the visitor writes, under the greeting', async () => {
    h = await mountWidget({ open: true });
    await h.step(() => h?.server.setAvailability({ online: false }));
    expect(h.get('.notice[data-offline]').textContent).toBe(
      'We are away right now. Leave a message and we will answer by email.',
    );
    await h.step(() => h?.server.setAvailability({ online: true }));
    expect(h.all('.notice[data-offline]')).toEqual([]);
  });
});
