// @vitest-environment happy-dom
import { ChatError } from '@clavard/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Harness, julie, mountWidget } from './support/ui-harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const storage = () => {
  const saved = new Map<string, string>();
  return {
    saved,
    get: (key: string) => saved.get(key) ?? null,
    set: (key: string, value: string) => void saved.set(key, value),
    remove: (key: string) => void saved.delete(key),
  };
};

describe('identify', () => {
  it('passes the token to the server and prefills the name and email a form asks for', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation(julie);
    const identities: string[] = [];
    const original = h.wire.send.bind(h.wire);
    h.wire.send = (frame) => {
      if (frame.type === 'session.identify') identities.push(frame.identity);
      original(frame);
    };
    h.widget.identify({ token: 'signed-by-the-shop', name: 'Ana Tremblay', email: 'ana@example.com' });
    expect(identities).toEqual(['signed-by-the-shop']);
    await h.step(() =>
      h?.server.agents.requestForm(id, {
        formId: 'prechat-1',
        kind: 'prechat',
        fields: [
          { name: 'name', type: 'text', label: 'Name' },
          { name: 'email', type: 'email', label: 'Email', required: true },
          { name: 'topic', type: 'text', label: 'Topic' },
        ],
      }),
    );
    expect(h.get<HTMLInputElement>('#clavard-form-prechat-1-name').value).toBe('Ana Tremblay');
    expect(h.get<HTMLInputElement>('#clavard-form-prechat-1-email').value).toBe('ana@example.com');
    expect(h.get<HTMLInputElement>('#clavard-form-prechat-1-topic').value).toBe('');
  });

  it.each([
    ['no token', { name: 'Ana' }],
    ['an empty token', { token: '' }],
    ['a number as email', { token: 't', email: 42 }],
    ['a text', 'token'],
  ])('refuses %s with invalid-option', async (_what, input) => {
    h = await mountWidget({});
    let thrown: unknown;
    try {
      h.widget.identify(input as never);
    } catch (error) {
      thrown = error;
    }
    expect(ChatError.isInstance(thrown) && thrown.code).toBe('invalid-option');
  });
});

describe('shutdown and forget', () => {
  it('shutdown empties the widget and the stored state, and the server ends the session', async () => {
    const kept = storage();
    h = await mountWidget({ open: true, storage: kept });
    await h.startConversation(julie);
    await h.step(() => h?.server.agents.send(h.widget.client.conversation.value?.id ?? '', julie.id, 'Hi'));
    await h.step(() => vi.advanceTimersByTimeAsync(300)); // past the debounced write
    expect([...kept.saved.keys()]).toEqual(['clavard:default']);
    const ended: string[] = [];
    h.server.on('session', ({ change }) => ended.push(change));
    await h.step(() => h?.widget.shutdown());
    expect(ended).toEqual(['ended']);
    expect(kept.saved.size).toBe(0);
    expect(h.all('.bubble').map((b) => b.textContent)).toEqual(['Hi! How can we help you today?']);
    expect(h.all('.header .end-chat')).toEqual([]);
  });

  it('forget has the server erase the conversations', async () => {
    h = await mountWidget({ open: true });
    await h.startConversation(julie);
    expect(h.server.conversations()).toHaveLength(1);
    await h.step(() => h?.widget.forget());
    expect(h.server.conversations()).toEqual([]);
    expect(h.all('.group[data-mine]')).toEqual([]);
  });
});
