// @vitest-environment happy-dom
import { ChatError } from '@clavard/protocol';
import { mount } from '@clavard/widget';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, mountWidget, press, typeInto } from './support/ui-harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const recording = () => {
  const saved = new Map<string, string>();
  const writes: string[] = [];
  return {
    saved,
    writes,
    get: (key: string) => saved.get(key) ?? null,
    set: (key: string, value: string) => {
      writes.push(key);
      saved.set(key, value);
    },
    remove: (key: string) => {
      writes.push(`-${key}`);
      saved.delete(key);
    },
  };
};

const consent = { version: '2026-11', policyUrl: 'https://shop.example/privacy' };

describe('consent', () => {
  it('until the visitor agrees: only the notice, no connection, nothing written', async () => {
    const storage = recording();
    h = await mountWidget({ open: true, storage, consent });
    expect(h.get('.consent p').textContent).toContain('Before we chat');
    const policy = h.get<HTMLAnchorElement>('.consent a');
    expect(policy.href).toBe('https://shop.example/privacy');
    expect(policy.target).toBe('_blank');
    expect(policy.rel).toBe('noopener noreferrer');
    const agree = h.get<HTMLButtonElement>('.consent-agree');
    expect(agree.textContent).toBe('I agree');
    expect(h.root.activeElement).toBe(agree);
    expect(h.all('#clavard-composer')).toEqual([]);
    await h.step();
    expect(h.server.connectionCount).toBe(0);
    expect(h.wire.status).toBe('idle');
    expect(storage.writes).toEqual([]);
  });

  it('once agreed: connects, remembers the consent, and sends it (time, version, policy) with the first message', async () => {
    const storage = recording();
    h = await mountWidget({ open: true, storage, consent });
    await h.step(() => h?.get<HTMLButtonElement>('.consent-agree').click());
    expect(h.server.connectionCount).toBe(1);
    expect(JSON.parse(storage.get('clavard:default:consent') ?? '{}')).toEqual({
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      ...consent,
    });
    const input = h.get<HTMLTextAreaElement>('#clavard-composer');
    await h.step(() => typeInto(input, 'Hello'));
    await h.step(() => press(input, 'Enter'));
    expect(h.server.conversations()[0]?.consent).toEqual({ at: expect.any(String), ...consent });
  });

  it('is not asked again on the next page for the same version, and is for a new one', async () => {
    const storage = recording();
    h = await mountWidget({ open: true, storage, consent });
    await h.step(() => h?.get<HTMLButtonElement>('.consent-agree').click());
    h.dispose();
    h = await mountWidget({ open: true, storage, consent });
    expect(h.all('.consent')).toEqual([]);
    expect(h.server.connectionCount).toBe(1);
    h.dispose();
    h = await mountWidget({ open: true, storage, consent: { ...consent, version: '2027-01' } });
    expect(h.get('.consent-agree').textContent).toBe('I agree');
  });

  it('speaks French and shows the organisation’s own text when given', async () => {
    h = await mountWidget({
      open: true,
      locale: 'fr-CA',
      consent: { version: '1', text: 'Texte de la boutique.' },
    });
    expect(h.get('.consent p').textContent).toBe('Texte de la boutique.');
    expect(h.get('.consent-agree').textContent).toBe('J’accepte');
    expect(h.all('.consent a')).toEqual([]);
  });

  it.each([
    ['a text', 'yes'],
    ['no version', { policyUrl: 'https://shop.example/privacy' }],
    ['an empty version', { version: ' ' }],
  ])('refuses %s with invalid-option', (_what, value) => {
    let thrown: unknown;
    try {
      mount({ url: 'wss://chat.example/ws', brand: { name: 'X' }, consent: value as never });
    } catch (error) {
      thrown = error;
    }
    expect(ChatError.isInstance(thrown) && thrown.code).toBe('invalid-option');
    expect(String((thrown as Error).message)).toContain('consent');
  });
});
