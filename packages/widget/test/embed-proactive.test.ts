// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readEmbedConfig } from '../src/embed/embed-config.js';
import { readPanelConfig } from '../src/embed/embed-panel-config.js';
import { checkProactive as resolveTagRule } from '../src/embed/proactive-options-embed.js';
import { checkProactive } from '../src/proactive-options.js';

const read = (attributes: Record<string, string>) => {
  const script = document.createElement('script');
  const all = { 'data-url': 'wss://chat.example/ws', 'data-brand-name': 'Fibre Nord', ...attributes };
  for (const [name, value] of Object.entries(all)) script.setAttribute(name, value);
  const first = readEmbedConfig(script, 'https://shop.example/plans/fibre', 'shop.example');
  // clavard.js only notes the rule (to load the panel when idle); the panel reads and checks it.
  const { options, problems } = readPanelConfig(script, 'https://shop.example/plans/fibre', first.options);
  return { proactive: options.proactive, problems: [...first.problems, ...problems], noted: first.proactive };
};

describe('the script tag’s proactive message', () => {
  it('is absent without data-proactive-* attributes', () => {
    expect(read({})).toEqual({ proactive: undefined, problems: [], noted: false });
  });

  it('copies the attributes into one rule, which mount() accepts', () => {
    const { proactive, problems } = read({
      'data-proactive-text': 'Questions about our plans? Julie is online',
      'data-proactive-text-fr': 'Une question sur nos forfaits? Julie est en ligne',
      'data-proactive-after': '30',
      'data-proactive-path': '/plans/*',
      'data-proactive-offline': '',
    });
    expect(problems).toEqual([]);
    expect(read({ 'data-proactive-after': '30' }).noted).toBe(true);
    expect(proactive).toEqual([
      {
        id: 'tag',
        text: {
          en: 'Questions about our plans? Julie is online',
          fr: 'Une question sur nos forfaits? Julie est en ligne',
        },
        afterSeconds: 30,
        path: '/plans/*',
        whenOffline: true,
      },
    ]);
    expect(checkProactive(proactive, 'fr-CA')[0]?.text).toBe(
      'Une question sur nos forfaits? Julie est en ligne',
    );
    const plain = read({
      'data-proactive-text': 'Hi',
      'data-proactive-after': '2.5',
      'data-proactive-id': 'home',
    });
    expect(plain.proactive).toEqual([{ id: 'home', text: 'Hi', afterSeconds: 2.5, whenOffline: false }]);
    expect(checkProactive(plain.proactive, 'en')).toHaveLength(1);
  });

  it('resolves to what mount() would, in the panel file (which does not check the rule again)', () => {
    const { proactive } = read({
      'data-proactive-text': ' Questions? ',
      'data-proactive-text-fr': 'Des questions?',
      'data-proactive-after': '5',
    });
    for (const locale of ['en', 'fr-CA', 'fr-FR', 'es'])
      expect(resolveTagRule(proactive, locale)).toEqual(checkProactive(proactive, locale));
    expect(resolveTagRule(proactive, 'fr-FR')[0]?.text).toBe('Des questions?');
    expect(resolveTagRule(undefined, 'en')).toEqual([]);
  });

  it('drops a wrong rule with one problem line naming the attributes, and mount() would refuse the same values', () => {
    const wrong = {
      'data-proactive-text': ' ',
      'data-proactive-after': '-3',
      'data-proactive-path': 'plans/*',
      'data-proactive-offline': 'yes',
      'data-proactive-id': 'a b',
    };
    const { proactive, problems } = read(wrong);
    expect(proactive).toBeUndefined();
    expect(problems).toEqual([
      'data-proactive-text, -after, -path, -offline, -id wrong (see the README); no proactive message',
    ]);
    expect(read({ 'data-proactive-text': 'Hi' }).problems[0]).toMatch(/^data-proactive-after wrong/);
    expect(read({ 'data-proactive-text': 'Hi', 'data-proactive-after': '3601' }).problems).toHaveLength(1);
    expect(
      read({ 'data-proactive-text': 'x'.repeat(201), 'data-proactive-after': '1' }).problems,
    ).toHaveLength(1);
    // The same limits as mount(): what the tag refuses, checkProactive refuses too.
    for (const rule of [
      { id: 'tag', text: ' ', afterSeconds: 1 },
      { id: 'tag', text: 'x'.repeat(201), afterSeconds: 1 },
      { id: 'tag', text: 'Hi', afterSeconds: 3601 },
      { id: 'tag', text: 'Hi', afterSeconds: 1, path: 'plans/*' },
      { id: 'a b', text: 'Hi', afterSeconds: 1 },
    ])
      expect(() => checkProactive([rule], 'en')).toThrow(/proactive\[0\]/);
  });
});
