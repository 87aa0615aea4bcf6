// @vitest-environment happy-dom

import { createMemoryTransportPair } from '@clavard/adapters/memory';
import { mount } from '@clavard/widget';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveMountOptions } from '../src/mount-options.js';
import { type Harness, mountWidget } from './support/ui-harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const base = { transport: createMemoryTransportPair().client, brand: { name: 'Fibre Nord' } };
const away = {
  en: 'Closed until 9 a.m.; leave us a message.',
  fr: 'Fermé jusqu’à 9 h; laissez-nous un message.',
};
const offer = {
  title: { en: 'Fibre 1 Gbit', 'fr-CA': 'Fibre 1 Gbit/s' },
  description: { en: 'Twice the speed', fr: 'Deux fois plus rapide' },
  url: 'https://shop.example/fibre',
};

describe('texts a site owner gives per locale', () => {
  it('picks each for the visitor: the locale, else its language; offer texts fall back to the first', () => {
    const fr = resolveMountOptions({
      ...base,
      locale: 'fr-CA',
      away,
      offer,
      consent: { version: '1', text: away },
    });
    expect(fr.away).toBe(away.fr);
    expect(fr.offer).toMatchObject({ title: 'Fibre 1 Gbit/s', description: 'Deux fois plus rapide' });
    expect(fr.consent?.text).toBe(away.fr);
    const de = resolveMountOptions({ ...base, locale: 'de', away, offer });
    expect(de.away).toBeUndefined(); // the catalogue's then
    expect(de.offer).toMatchObject({ title: 'Fibre 1 Gbit', description: 'Twice the speed' });
  });

  it('refuses an empty or non-text entry with a typed error naming it', () => {
    expect(() => resolveMountOptions({ ...base, away: { en: 'ok', fr: '' } })).toThrow(
      /option "away.fr" must be a non-empty text/,
    );
    expect(() => resolveMountOptions({ ...base, offer: { ...offer, title: { en: 3 } } } as never)).toThrow(
      /option "offer.title.en" must be a non-empty text/,
    );
    expect(() => mount({ ...base, greeting: 42 } as never)).toThrow(
      /option "greeting" must be a text or an object/,
    );
  });

  it('shows the away message in the visitor’s language while nobody is available', async () => {
    h = await mountWidget({ open: true, locale: 'fr-CA', away });
    await h.step(() => h?.server.setAvailability({ online: false }));
    expect(h.get('.notice[data-offline]').textContent).toBe(away.fr);
  });
});
