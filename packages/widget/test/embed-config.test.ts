// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { consentTexts } from '../src/embed/consent-texts.js';
import { readEmbedConfig } from '../src/embed/embed-config.js';
import { readPanelConfig } from '../src/embed/embed-panel-config.js';
import { en } from '../src/ui-core/locales/en.js';
import { frCA } from '../src/ui-core/locales/fr-CA.js';

const scriptWith = (attributes: Record<string, string>): HTMLScriptElement => {
  const script = document.createElement('script');
  for (const [name, value] of Object.entries({
    'data-url': 'wss://chat.example/ws',
    'data-brand-name': 'Fibre Nord',
    ...attributes,
  })) {
    script.setAttribute(name, value);
  }
  return script;
};

/**
 * What the widget gets from a tag: `clavard.js` reads the launcher's attributes (readEmbedConfig), the
 * panel the others when it loads (readPanelConfig); the problems of both, in that order.
 */
const readAll = (script: HTMLScriptElement, page: string, fallbackName: string) => {
  const first = readEmbedConfig(script, page, fallbackName);
  const panel = readPanelConfig(script, page, first.options);
  return { options: panel.options, problems: [...first.problems, ...panel.problems] };
};

describe('the script tag’s data-url', () => {
  const read = (attributes: Record<string, string>, page = 'https://shop.example/cart') => {
    const { endpoint, guess } = readEmbedConfig(scriptWith(attributes), page, 'shop.example');
    return { endpoint, guess };
  };

  it('takes a path on the page’s scheme: SSE, and says so in one line', () => {
    expect(read({ 'data-url': '/ws' })).toEqual({
      endpoint: { kind: 'sse', url: 'https://shop.example/ws' },
      guess: 'clavard: sse https://shop.example/ws (from data-url "/ws")',
    });
  });

  it('gives a path the WebSocket scheme with data-transport, and says so', () => {
    expect(read({ 'data-url': '/ws', 'data-transport': 'websocket' }, 'http://shop.example/')).toEqual({
      endpoint: { kind: 'websocket', url: 'ws://shop.example/ws' },
      guess: 'clavard: websocket ws://shop.example/ws (from data-url "/ws")',
    });
  });

  it('says so when data-transport changes the scheme of an absolute URL', () => {
    expect(read({ 'data-url': 'https://chat.example/clavard', 'data-transport': 'websocket' }).guess).toBe(
      'clavard: websocket wss://chat.example/clavard (from data-url "https://chat.example/clavard")',
    );
  });

  it('says nothing when the URL is used as written', () => {
    expect(read({ 'data-url': 'wss://chat.example/ws' }).guess).toBeUndefined();
    expect(read({ 'data-url': 'https://chat.example/clavard' }).guess).toBeUndefined();
  });
});

describe('the script tag’s offer attributes', () => {
  it('make the end-of-conversation offer', () => {
    const { options, problems } = readAll(
      scriptWith({
        'data-offer-title': 'Fibre 1 Gbit',
        'data-offer-url': 'https://shop.example/fibre',
        'data-offer-description': 'Twice the speed',
        'data-offer-image': 'https://shop.example/fibre.png',
      }),
      'https://shop.example/',
      'shop.example',
    );
    expect(problems).toEqual([]);
    expect(options.offer).toEqual({
      kind: 'link',
      title: 'Fibre 1 Gbit',
      url: 'https://shop.example/fibre',
      description: 'Twice the speed',
      imageUrl: 'https://shop.example/fibre.png',
    });
  });

  it('are dropped with a problem when the url is missing, and nothing else is lost', () => {
    const { options, problems } = readAll(
      scriptWith({ 'data-offer-title': 'Fibre 1 Gbit', 'data-locale': 'fr-CA' }),
      'https://shop.example/',
      'shop.example',
    );
    expect(options.offer).toBeUndefined();
    expect(options.locale).toBe('fr-CA');
    expect(problems).toEqual([
      expect.stringMatching(/^data-offer-\* ignored \(.*offer\.url.*\); no offer shown$/),
    ]);
  });

  it('resolve page-relative URLs against the page', () => {
    const { options } = readAll(
      scriptWith({
        'data-offer-title': 'Mesh Wi-Fi',
        'data-offer-url': '/mesh',
        'data-offer-image': 'mesh.png',
      }),
      'https://shop.example/plans/',
      'shop.example',
    );
    expect(options.offer).toEqual({
      kind: 'link',
      title: 'Mesh Wi-Fi',
      url: 'https://shop.example/mesh',
      imageUrl: 'https://shop.example/plans/mesh.png',
    });
  });

  it('are not needed', () => {
    const { options, problems } = readAll(scriptWith({}), 'https://shop.example/', 'shop.example');
    expect(options.offer).toBeUndefined();
    expect(problems).toEqual([]);
  });
});

describe('the script tag’s consent attributes', () => {
  it('ask for consent with the version, the policy (page-relative resolved) and the text', () => {
    const { options, problems } = readAll(
      scriptWith({
        'data-consent-version': '2026-11',
        'data-consent-policy': '/privacy',
        'data-consent-text': 'Ok?',
      }),
      'https://shop.example/plans/',
      'shop.example',
    );
    expect(problems).toEqual([]);
    expect(options.consent).toEqual({
      version: '2026-11',
      policyUrl: 'https://shop.example/privacy',
      text: 'Ok?',
    });
  });

  it('refuse a policy that is not a web address (it would fail every message), and report it', () => {
    const { options, problems } = readAll(
      scriptWith({ 'data-consent-version': '2026-11', 'data-consent-policy': 'javascript:alert(1)' }),
      'https://shop.example/',
      'shop.example',
    );
    expect(options.consent?.policyUrl).toBeUndefined();
    expect(problems).toEqual([expect.stringMatching(/consent\.policyUrl/)]);
  });

  it('refuse a policy that is not a URL at all without stopping the tag, and still ask for consent', () => {
    const { options, problems } = readAll(
      scriptWith({ 'data-consent-version': '2026-11', 'data-consent-policy': 'http://' }),
      'https://shop.example/',
      'shop.example',
    );
    expect(options.consent).toEqual({ version: '2026-11' });
    expect(problems).toEqual([expect.stringMatching(/^data-consent-\* \(.*consent\.policyUrl.*\)/)]);
  });

  it('still ask for consent when an attribute is wrong, and report it', () => {
    const { options, problems } = readAll(
      scriptWith({ 'data-consent-version': '2026-11', 'data-consent-text': ' ' }),
      'https://shop.example/',
      'shop.example',
    );
    expect(options.consent).toEqual({ version: '2026-11' });
    expect(problems).toEqual([expect.stringMatching(/^data-consent-\* \(.*consent\.text.*\)/)]);
  });
});

describe('the consent file’s texts', () => {
  it.each([
    ['en', en],
    ['fr-CA', frCA],
  ] as const)('are the catalogue’s in %s', (locale, catalogue) => {
    const texts = consentTexts(locale);
    expect([texts.text, texts.policy, texts.agree, texts.newTab]).toEqual([
      catalogue['consent.text'],
      catalogue['consent.policy'],
      catalogue['consent.agree'],
      catalogue['link.newTab'],
    ]);
  });
});

describe('the script tag’s texts per language', () => {
  const texts = {
    'data-greeting': 'Hi! How can we help?',
    'data-greeting-fr': 'Bonjour! Comment pouvons-nous vous aider?',
    'data-greeting-fr-CA': 'Allô! Comment pouvons-nous vous aider?',
    'data-away': 'We are back at 9 a.m.',
    'data-away-fr': 'Nous sommes de retour à 9 h.',
    'data-offer-title': 'Fibre 1 Gbit',
    'data-offer-title-fr': 'Fibre 1 Gbit/s',
    'data-offer-url': 'https://shop.example/fibre',
    'data-consent-version': '2',
    'data-consent-text': 'We keep your messages.',
    'data-consent-text-fr': 'Nous conservons vos messages.',
  };
  const read = (locale: string) =>
    readAll(scriptWith({ ...texts, 'data-locale': locale }), 'https://shop.example/', 'shop').options;

  it('gives the visitor the text of their locale, else of their language, else the one without a suffix', () => {
    expect(read('fr-CA')).toMatchObject({
      greeting: 'Allô! Comment pouvons-nous vous aider?',
      away: 'Nous sommes de retour à 9 h.',
      offer: { title: 'Fibre 1 Gbit/s' },
      consent: { text: 'Nous conservons vos messages.' },
    });
    expect(read('fr-BE')).toMatchObject({
      greeting: 'Bonjour! Comment pouvons-nous vous aider?',
      offer: { title: 'Fibre 1 Gbit/s' },
    });
    expect(read('de')).toMatchObject({
      greeting: 'Hi! How can we help?',
      away: 'We are back at 9 a.m.',
      offer: { title: 'Fibre 1 Gbit' },
      consent: { text: 'We keep your messages.' },
    });
  });

  it('follows the browser’s language without data-locale, as mount() does', () => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('fr-FR');
    const { options } = readAll(scriptWith(texts), 'https://shop.example/', 'shop');
    expect(options.greeting).toBe('Bonjour! Comment pouvons-nous vous aider?');
  });

  it('drops an empty text with its reason', () => {
    const { options, problems } = readAll(
      scriptWith({ 'data-locale': 'fr', 'data-greeting-fr': ' ' }),
      'https://shop.example/',
      'shop',
    );
    expect(options.greeting).toBeUndefined();
    expect(problems.join(' ')).toMatch(/^data-greeting=" " ignored/);
  });
});

describe('the script tag’s launcher attributes', () => {
  const read = (attributes: Record<string, string>) =>
    readAll(scriptWith(attributes), 'https://shop.example/plans/', 'shop.example');

  it('give the icon (an image URL resolved against the page) and the label', () => {
    expect(read({ 'data-launcher-icon': 'help', 'data-launcher-label': 'Questions?' })).toMatchObject({
      options: { launcher: { icon: 'help', label: 'Questions?' } },
      problems: [],
    });
    expect(read({ 'data-launcher-icon': 'icons/chat.svg' }).options.launcher).toEqual({
      icon: 'chat',
      imageUrl: 'https://shop.example/plans/icons/chat.svg',
    });
  });

  it('serve French locales data-launcher-label-fr, and the others data-launcher-label', () => {
    const data = {
      'data-launcher-label': 'Questions? Chat with us',
      'data-launcher-label-fr': 'Des questions?',
    };
    for (const [locale, label] of [
      ['fr-CA', 'Des questions?'],
      ['fr-FR', 'Des questions?'],
      ['en', 'Questions? Chat with us'],
      ['de', 'Questions? Chat with us'],
    ]) {
      const { options, problems } = read({ ...data, 'data-locale': locale as string });
      expect(problems).toEqual([]);
      expect(options.launcher.label).toBe(label);
    }
  });

  it('are dropped one by one with a problem when wrong, and nothing else is lost', () => {
    const { options, problems } = read({
      'data-launcher-icon': 'javascript:alert(1)',
      'data-launcher-label': 'Questions?',
      'data-theme': 'dark',
    });
    expect(options.launcher).toEqual({ icon: 'chat', label: 'Questions?' });
    expect(options.theme).toBe('dark');
    expect(problems).toEqual([
      expect.stringMatching(/^data-launcher-icon="javascript:alert\(1\)" ignored \(.*launcher\.icon.*\)$/),
    ]);
    const french = read({ 'data-locale': 'fr', 'data-launcher-label-fr': ' ' });
    expect(french.options.launcher).toEqual({ icon: 'chat' });
    expect(french.problems).toEqual([
      expect.stringMatching(/^data-launcher-label=" " ignored \(.*launcher\.label.*\)$/),
    ]);
  });

  it('continue handoff links unless data-handoff="false", and report a wrong value (the default stands)', () => {
    expect(read({}).options.handoff).toBe(true);
    expect(read({ 'data-handoff': 'false' }).options.handoff).toBe(false);
    const wrong = read({ 'data-handoff': 'no' });
    expect(wrong.options.handoff).toBe(true);
    expect(wrong.problems).toEqual(['data-handoff="no" must be "true" or "false"; default used']);
  });

  it('show who is there with data-launcher-faces', () => {
    expect(read({ 'data-launcher-faces': '' }).options.launcher).toEqual({ icon: 'chat', faces: true });
    expect(read({ 'data-launcher-faces': 'false' }).options.launcher).toEqual({ icon: 'chat' });
  });

  it('label only French visitors with a French label alone', () => {
    const data = { 'data-launcher-label-fr': 'Des questions?' };
    expect(read({ ...data, 'data-locale': 'fr-CA' }).options.launcher).toEqual({
      icon: 'chat',
      label: 'Des questions?',
    });
    expect(read({ ...data, 'data-locale': 'en' }).options.launcher).toEqual({ icon: 'chat' });
  });
});

describe('which file reads which attribute', () => {
  const wrong = {
    'data-brand-color': 'blurple',
    'data-position': 'top',
    'data-greeting': ' ',
    'data-brand-logo': 'javascript:alert(1)',
    'data-proactive-text': 'Hi',
  };

  it('clavard.js checks what the launcher needs, and only notes that a proactive rule is there', () => {
    const { options, problems, proactive } = readEmbedConfig(
      scriptWith(wrong),
      'https://shop.example/',
      'shop',
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^data-brand-color="blurple" ignored \(mount: option "brand\.color" .*\); default used$/,
      ),
      expect.stringMatching(/^data-position="top" ignored \(mount: option "position" .*\); default used$/),
    ]);
    expect(options).toMatchObject({ position: 'right', brand: { name: 'Fibre Nord', color: undefined } });
    expect(proactive).toBe(true);
  });

  it('the panel checks the others with mount()’s rules and words its problems the same way', () => {
    const script = scriptWith(wrong);
    const first = readEmbedConfig(script, 'https://shop.example/', 'shop');
    const { options, problems } = readPanelConfig(script, 'https://shop.example/', first.options);
    expect(problems).toEqual([
      expect.stringMatching(
        /^data-brand-logo="javascript:alert\(1\)" ignored \(mount: option "brand\.logoUrl" .*\); default used$/,
      ),
      expect.stringMatching(/^data-greeting=" " ignored \(mount: option "greeting" .*\); default used$/),
      'data-proactive-after wrong (see the README); no proactive message',
    ]);
    expect(options).toMatchObject({ greeting: undefined, proactive: undefined, position: 'right' });
    expect(options.brand.logoUrl).toBeUndefined();
  });
});
