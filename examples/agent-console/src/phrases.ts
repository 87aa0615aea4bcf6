/**
 * The phrase library: greeting, hold, standard questions and closing phrases an agent inserts into the
 * composer with a click or Alt+1…9, then edits before sending. Plain text only; `{name}` is the agent's
 * first name. The library is the organisation's, sent by the server in `agent.welcome`.
 */

import type { Phrase, PhraseKind } from '@clavard/agent-api';

export type { Phrase, PhraseKind };

/**
 * The phrases of the conversation's language: the visitor's locale, or its language (`fr-FR` gets
 * `fr-CA`), or English. The organisation's library comes from the server, every language in one list.
 *
 * @example
 * ```ts
 * phrasesFor(library, 'fr-CA').map((phrase) => phrase.text);
 * ```
 */
export function phrasesFor(phrases: readonly Phrase[], locale: string | undefined): Phrase[] {
  const wanted = (locale ?? 'en').toLowerCase();
  const language = wanted.split('-')[0];
  const exact = phrases.filter((phrase) => phrase.locale.toLowerCase() === wanted);
  if (exact.length > 0) return exact;
  const same = phrases.filter((phrase) => phrase.locale.toLowerCase().split('-')[0] === language);
  if (same.length > 0) return same;
  return phrases.filter((phrase) => phrase.locale.toLowerCase().split('-')[0] === 'en');
}

/** The phrase groups, in display order (their names are the console's texts `phrases.kind.*`). */
export const PHRASE_KINDS: readonly { kind: PhraseKind }[] = [
  { kind: 'greeting' },
  { kind: 'hold' },
  { kind: 'question' },
  { kind: 'closing' },
];

/**
 * The phrase's text for this agent: `{name}` becomes the first name. Text in, text out: nothing is ever
 * parsed as markup.
 *
 * @example
 * ```ts
 * fillPhrase("Hello, I'm {name}.", 'Julie'); // "Hello, I'm Julie."
 * ```
 */
export function fillPhrase(text: string, agentFirstName: string): string {
  return text.replaceAll('{name}', agentFirstName);
}

/**
 * The first phrase of a kind, filled for the agent, or '' when the library has none.
 *
 * @example
 * ```ts
 * firstPhrase(phrasesFor(library, 'en'), 'greeting', 'Julie'); // "Hello, I'm Julie. How can I help you today?"
 * ```
 */
export function firstPhrase(phrases: readonly Phrase[], kind: PhraseKind, agentFirstName: string): string {
  const phrase = phrases.find((candidate) => candidate.kind === kind);
  return phrase === undefined ? '' : fillPhrase(phrase.text, agentFirstName);
}

/**
 * Inserts `insert` into `text` over the selection `[start, end)`, with a space on either side where the
 * words would otherwise touch. Returns the new text and where the caret goes (after the insertion).
 *
 * @example
 * ```ts
 * insertAt('Hi!', 3, 3, 'One moment.'); // { text: 'Hi! One moment.', caret: 15 }
 * ```
 */
export function insertAt(
  text: string,
  start: number,
  end: number,
  insert: string,
): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  const before = text.slice(0, from);
  const after = text.slice(to);
  const lead = before.length > 0 && !/\s$/.test(before) ? ' ' : '';
  const trail = after.length > 0 && !/^\s/.test(after) ? ' ' : '';
  const middle = `${lead}${insert}${trail}`;
  return { text: `${before}${middle}${after}`, caret: before.length + lead.length + insert.length };
}

/**
 * The phrase a key press asks for: Alt+1…9 picks the 1st…9th phrase (by physical key, so it works
 * whatever Alt+digit types on the keyboard layout). Undefined for any other key.
 *
 * @example
 * ```ts
 * phraseForShortcut(phrasesFor(library, 'en'), { altKey: true, ctrlKey: false, metaKey: false, code: 'Digit2' }); // the 'hold-file' phrase
 * ```
 */
export function phraseForShortcut(
  phrases: readonly Phrase[],
  key: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; code: string },
): Phrase | undefined {
  if (!key.altKey || key.ctrlKey || key.metaKey) return undefined;
  const match = /^(?:Digit|Numpad)([1-9])$/.exec(key.code);
  if (!match) return undefined;
  return phrases[Number(match[1]) - 1];
}
