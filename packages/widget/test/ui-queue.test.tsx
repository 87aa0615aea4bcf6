// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, julie, mountWidget, press, typeInto } from './support/ui-harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

describe('queue', () => {
  it('shows the place in line and the estimated wait as they change, announces a new place, keeps the composer open, and goes away when an agent joins', async () => {
    h = await mountWidget({ open: true });
    await h.step(() => h?.widget.send('Hello'));
    const id = h.widget.client.conversation.value?.id ?? '';
    expect(h.get('.queue').hidden).toBe(false);
    expect(h.get('.queue').textContent).toBe('You are number 1 in line');

    await h.step(() =>
      h?.wire.inject({ type: 'queue.update', conversationId: id, position: 3, etaSeconds: 200 }),
    );
    expect(h.get('.queue').textContent).toBe('You are number 3 in line · Estimated wait: about 4\u00a0min');
    expect(h.get('[role="status"]:not(.queue)').textContent?.trim()).toBe(
      'You are number 3 in line · Estimated wait: about 4\u00a0min',
    );

    const input = h.get<HTMLTextAreaElement>('#clavard-composer');
    expect(input.disabled).toBe(false);
    await h.step(() => typeInto(input, 'Still here'));
    await h.step(() => press(input, 'Enter'));
    expect(h.server.messages(id).map((m) => m.content)).toEqual([
      { kind: 'text', text: 'Hello' },
      { kind: 'text', text: 'Still here' },
    ]);

    await h.step(() => h?.server.agents.join(id, julie));
    expect(h.get('.queue').hidden).toBe(true);
  });

  it('says it in French', async () => {
    h = await mountWidget({ open: true, locale: 'fr-CA' });
    await h.step(() => h?.widget.send('Bonjour'));
    const id = h.widget.client.conversation.value?.id ?? '';
    await h.step(() =>
      h?.wire.inject({ type: 'queue.update', conversationId: id, position: 2, etaSeconds: 60 }),
    );
    expect(h.get('.queue').textContent).toBe(
      'Votre position dans la file d’attente\u00a0: 2 · Attente estimée\u00a0: environ 1\u00a0min',
    );
  });
});
