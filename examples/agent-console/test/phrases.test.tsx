// @vitest-environment happy-dom

import { DEFAULT_PHRASES as LIBRARY } from '@clavard/reference-server';
import { afterEach, describe, expect, it } from 'vitest';
import { insertAt, phraseForShortcut, phrasesFor } from '../src/phrases.js';
import {
  type ConsoleHarness,
  mountConsole,
  press,
  sentTexts,
  takeConversation,
  typeInto,
} from './support/harness.js';

let h: ConsoleHarness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const composer = (harness: ConsoleHarness) => harness.get<HTMLTextAreaElement>('#composer-text');
const HOLD = "One moment please, I'm checking your file.";

describe('insertAt', () => {
  it('inserts at the caret with a space where words would touch', () => {
    expect(insertAt('Hi!', 3, 3, 'One moment.')).toEqual({ text: 'Hi! One moment.', caret: 15 });
  });

  it('replaces the selection', () => {
    expect(insertAt('Hello XXX bye', 6, 9, 'there')).toEqual({ text: 'Hello there bye', caret: 11 });
  });
});

describe('phrasesFor', () => {
  it("offers the phrases of the visitor's language, its language's for another region, English otherwise", () => {
    expect(phrasesFor(LIBRARY, 'fr-CA')[0]?.text).toContain('Bonjour');
    expect(phrasesFor(LIBRARY, 'fr-FR')[0]?.text).toContain('Bonjour');
    expect(phrasesFor(LIBRARY, 'de')[0]?.text).toContain('Hello');
    expect(phrasesFor(LIBRARY, undefined).every((phrase) => phrase.locale === 'en')).toBe(true);
  });
});

describe('phraseForShortcut', () => {
  const key = { altKey: true, ctrlKey: false, metaKey: false };
  const DEFAULT_PHRASES = phrasesFor(LIBRARY, 'en');

  it('picks the nth phrase for Alt+n, by physical key', () => {
    expect(phraseForShortcut(DEFAULT_PHRASES, { ...key, code: 'Digit2' })?.id).toBe('hold-file');
    expect(phraseForShortcut(DEFAULT_PHRASES, { ...key, code: 'Numpad1' })?.kind).toBe('greeting');
  });

  it('ignores digits without Alt, or with Ctrl', () => {
    expect(phraseForShortcut(DEFAULT_PHRASES, { ...key, altKey: false, code: 'Digit2' })).toBeUndefined();
    expect(phraseForShortcut(DEFAULT_PHRASES, { ...key, ctrlKey: true, code: 'Digit2' })).toBeUndefined();
  });
});

describe('the phrase library in the console', () => {
  it('inserts a hold phrase at the caret on a click', async () => {
    h = await mountConsole();
    await takeConversation(h);
    const input = composer(h);
    await h.step(() => typeInto(input, 'Thanks.'));
    input.setSelectionRange(7, 7);
    await h.step(() => h?.get('[data-phrase="hold-file"]').click());
    expect(composer(h).value).toBe(`Thanks. ${HOLD}`);
  });

  it('inserts the nth phrase with Alt+n from the composer', async () => {
    h = await mountConsole();
    await takeConversation(h);
    const input = composer(h);
    await h.step(() => typeInto(input, ''));
    let event: KeyboardEvent | undefined;
    await h.step(() => {
      event = press(input, { key: '™', code: 'Digit2', altKey: true });
    });
    expect(event?.defaultPrevented).toBe(true);
    expect(composer(h).value).toBe(HOLD);
  });

  it('lets the agent edit an inserted phrase before it is sent', async () => {
    h = await mountConsole();
    await takeConversation(h);
    await h.step(() => h?.button('Send').click());
    await h.step(() => h?.get('[data-phrase="question-order"]').click());
    await h.step(() =>
      typeInto(composer(h as ConsoleHarness), 'Could you give me your order number (8 digits), please?'),
    );
    await h.step(() => h?.button('Send').click());
    expect(sentTexts(h.link).at(-1)).toBe('Could you give me your order number (8 digits), please?');
  });

  it('fills the greeting with the agent first name', async () => {
    h = await mountConsole();
    await takeConversation(h);
    expect(h.get('[data-phrase="greeting-hello"]').getAttribute('title')).toBe(
      "Hello, I'm Julie. How can I help you today?",
    );
  });
});
