/**
 * The phrase library the server sends in `agent.welcome`, and the greeting rule both sides apply: the
 * server refuses an agent's first answer that does not start with a greeting (`greeting-required`), the
 * console checks first so that the agent is asked before anything is sent.
 */

/**
 * What a phrase is for; greeting and closing phrases are the ones the house rules ask for.
 *
 * @example
 * ```ts
 * const kind: PhraseKind = 'closing';
 * ```
 */
export type PhraseKind = 'greeting' | 'hold' | 'question' | 'closing';

/**
 * One phrase of the library, in one language. `{name}` is the agent's first name.
 *
 * @example
 * ```ts
 * const hold: Phrase = { id: 'hold-file', locale: 'en', kind: 'hold', label: 'Checking the file', text: "One moment please, I'm checking your file." };
 * ```
 */
export interface Phrase {
  id: string;
  /** The language of the text: `en` or `fr-CA` (or any BCP 47 tag the organisation uses). */
  locale: string;
  kind: PhraseKind;
  /** A short name on the button. */
  label: string;
  text: string;
}

/** Case, spacing, apostrophes and punctuation do not make a greeting another one. */
const normalize = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[\s.,;:!?¡¿…«»"-]+/gu, ' ')
    .trim();

/**
 * Whether `text` starts with one of the greeting phrases (any language), filled with the agent's first
 * name; what follows the greeting is the agent's own.
 *
 * @example
 * ```ts
 * const hello: Phrase = { id: 'greeting-hello', locale: 'en', kind: 'greeting', label: 'Hello', text: "Hello, I'm {name}." };
 * isGreeting("Hello, I'm Julie. About your invoice…", [hello], 'Julie'); // true
 * isGreeting('Your invoice is fixed.', [hello], 'Julie'); // false
 * ```
 */
export function isGreeting(text: string, phrases: readonly Phrase[], agentFirstName: string): boolean {
  const said = normalize(text);
  return phrases.some((phrase) => {
    if (phrase.kind !== 'greeting') return false;
    const greeting = normalize(phrase.text.replaceAll('{name}', agentFirstName));
    return greeting !== '' && (said === greeting || said.startsWith(`${greeting} `));
  });
}
