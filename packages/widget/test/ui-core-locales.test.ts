import { en, frCA, type Message } from '@clavard/widget/ui-core';
import { describe, expect, it } from 'vitest';

const catalogues = { en, 'fr-CA': frCA } as const;

/** Every text of a message: itself, or each of its plural forms. */
function textsOf(message: Message): string[] {
  if (typeof message === 'string') return [message];
  return Object.entries(message)
    .filter(([form]) => form !== 'plural')
    .map(([, text]) => String(text));
}

function placeholdersOf(message: Message): string[] {
  const names = new Set(
    textsOf(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])),
  );
  if (typeof message !== 'string') names.add(message.plural);
  return [...names].filter((name): name is string => name !== undefined).sort();
}

const frenchTexts = Object.entries(frCA).flatMap(([key, message]) =>
  textsOf(message).map((text) => [key, text]),
);

describe('the built-in catalogues', () => {
  it('have the same keys', () => {
    expect(Object.keys(frCA).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en))('use the same placeholders for %s', (key) => {
    const english = en[key as keyof typeof en];
    const french = frCA[key as keyof typeof frCA];
    expect(placeholdersOf(french)).toEqual(placeholdersOf(english));
  });

  it.each(Object.entries(catalogues))('have no markup in %s', (_locale, catalogue) => {
    for (const message of Object.values(catalogue)) {
      for (const text of textsOf(message)) expect(text).not.toMatch(/[<>]|&\w+;/);
    }
  });

  it.each(Object.entries(catalogues))(
    'use the ellipsis character, not three dots, in %s',
    (_locale, catalogue) => {
      for (const message of Object.values(catalogue)) {
        for (const text of textsOf(message)) expect(text).not.toContain('...');
      }
    },
  );

  it.each(Object.entries(catalogues))('have no empty text in %s', (_locale, catalogue) => {
    for (const message of Object.values(catalogue)) {
      for (const text of textsOf(message)) expect(text.trim()).not.toBe('');
    }
  });

  it('say what the issue asks for in English', () => {
    expect(en['header.availability.online']).toBe('We usually answer in a few minutes');
    expect(en['header.availability.offline']).toBe('We are away; leave a message');
    expect(en['connection.offline']).toBe(
      'You are offline. Messages will be sent when the connection returns.',
    );
    expect(en['history.discontinuity']).toBe('Some earlier messages could not be loaded');
  });
});

describe('the Quebec French catalogue', () => {
  it.each(frenchTexts)('puts a no-break space before : ? ! in %s', (_key, text) => {
    expect(text).not.toMatch(/[^\u00a0\u202f][:?!]/u);
    expect(text).not.toMatch(/^[:?!]/u);
  });

  it.each(frenchTexts)('puts no-break spaces inside « » in %s', (_key, text) => {
    expect(text).not.toMatch(/«[^\u00a0\u202f]|[^\u00a0\u202f]»/u);
  });

  it.each(frenchTexts)('uses the typographic apostrophe in %s', (_key, text) => {
    expect(text).not.toContain("'");
  });

  it('speaks of « clavardage », not of « chat »', () => {
    expect(frCA['launcher.open']).toBe('Ouvrir le clavardage');
    for (const [, text] of frenchTexts) expect(text).not.toMatch(/\bchat\b/iu);
  });

  it('never says « e-mail »', () => {
    for (const [, text] of frenchTexts) expect(text).not.toMatch(/e-?mail/iu);
  });

  it('quotes with « » around no-break spaces', () => {
    for (const [, text] of frenchTexts) {
      expect(text).not.toMatch(/«(?!\u00a0)|(?<!\u00a0)»/u);
      expect(text).not.toMatch(/[“”]/u);
    }
  });
});
