/**
 * The phrase library: greeting, hold, standard questions and closing phrases an agent inserts into the
 * composer with a click or Alt+1…9, then edits before sending. Plain text only; `{name}` is the agent's
 * first name.
 */

/** What a phrase is for; greeting and closing phrases are required at the start and the end. */
export type PhraseKind = 'greeting' | 'hold' | 'question' | 'closing';

/**
 * One phrase of the library.
 *
 * @example
 * ```ts
 * const hold: Phrase = { id: 'hold-file', kind: 'hold', label: 'Checking the file', text: "One moment please, I'm checking your file." };
 * ```
 */
export interface Phrase {
  id: string;
  kind: PhraseKind;
  /** A short name on the button. */
  label: string;
  /** The text inserted; `{name}` becomes the agent's first name. */
  text: string;
}

/**
 * The library shipped with the console, in shortcut order (Alt+1 is the first).
 *
 * @example
 * ```ts
 * const greeting = DEFAULT_PHRASES.find((phrase) => phrase.kind === 'greeting');
 * ```
 */
export const DEFAULT_PHRASES: readonly Phrase[] = [
  {
    id: 'greeting-hello',
    kind: 'greeting',
    label: 'Hello',
    text: "Hello, I'm {name}. How can I help you today?",
  },
  {
    id: 'hold-file',
    kind: 'hold',
    label: 'Checking the file',
    text: "One moment please, I'm checking your file.",
  },
  {
    id: 'hold-colleague',
    kind: 'hold',
    label: 'Asking a colleague',
    text: "Thank you for your patience, I'm asking a colleague and will be right back.",
  },
  {
    id: 'question-order',
    kind: 'question',
    label: 'Order number',
    text: 'Could you give me your order number, please?',
  },
  {
    id: 'question-email',
    kind: 'question',
    label: 'Email address',
    text: 'Which email address did you use for your account?',
  },
  {
    id: 'question-more',
    kind: 'question',
    label: 'Anything else',
    text: 'Is there anything else I can help you with?',
  },
  {
    id: 'closing-thanks',
    kind: 'closing',
    label: 'Thank you, goodbye',
    text: 'Thank you for contacting us. Have a nice day!',
  },
  {
    id: 'closing-solved',
    kind: 'closing',
    label: 'Glad it is solved',
    text: "I'm glad we could solve this together. Goodbye and take care!",
  },
];

/** Names of the phrase groups, in display order. */
export const PHRASE_KINDS: readonly { kind: PhraseKind; title: string }[] = [
  { kind: 'greeting', title: 'Greeting' },
  { kind: 'hold', title: 'Hold' },
  { kind: 'question', title: 'Questions' },
  { kind: 'closing', title: 'Closing' },
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
 * firstPhrase(DEFAULT_PHRASES, 'greeting', 'Julie'); // "Hello, I'm Julie. How can I help you today?"
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
 * phraseForShortcut(DEFAULT_PHRASES, { altKey: true, ctrlKey: false, metaKey: false, code: 'Digit2' }); // the 'hold-file' phrase
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
