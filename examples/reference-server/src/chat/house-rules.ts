/**
 * The organisation's house rules and phrase library. The server enforces the rules (a greeting before an
 * agent's first answer in a conversation, a closing text to end it) whatever console the agent uses; the
 * console receives the phrases in `agent.welcome` and helps the agent follow the rules. What a phrase is
 * and the greeting rule itself (`isGreeting`) are the agent API's (`@clavard/agent-api`).
 */
import { isGreeting, type Phrase, type PhraseKind } from '@clavard/agent-api';
import { ChatError } from '@clavard/protocol';

/**
 * The rules the server enforces, and the phrases.
 *
 * @example
 * ```ts
 * const rules: HouseRules = { requireGreeting: true, requireClosing: true, phrases: DEFAULT_PHRASES };
 * ```
 */
export interface HouseRules {
  /** An agent's first message in a conversation must start with one of the greeting phrases. */
  requireGreeting: boolean;
  /** `agent.end` must carry a closing text that is not blank. */
  requireClosing: boolean;
  phrases: readonly Phrase[];
}

/** A phrase factory for one language. */
const inLanguage =
  (locale: string) =>
  (id: string, kind: PhraseKind, label: string, text: string): Phrase => ({ id, locale, kind, label, text });
const en = inLanguage('en');
const fr = inLanguage('fr-CA');

/**
 * The library the reference server ships, in English and Québec French, in shortcut order (Alt+1 is the
 * first of the conversation's language).
 *
 * @example
 * ```ts
 * DEFAULT_PHRASES.filter((phrase) => phrase.locale === 'fr-CA' && phrase.kind === 'greeting');
 * ```
 */
export const DEFAULT_PHRASES: readonly Phrase[] = [
  en('greeting-hello', 'greeting', 'Hello', "Hello, I'm {name}. How can I help you today?"),
  en('hold-file', 'hold', 'Checking the file', "One moment please, I'm checking your file."),
  en(
    'hold-colleague',
    'hold',
    'Asking a colleague',
    "Thank you for your patience, I'm asking a colleague and will be right back.",
  ),
  en('question-order', 'question', 'Order number', 'Could you give me your order number, please?'),
  en('question-email', 'question', 'Email address', 'Which email address did you use for your account?'),
  en('question-more', 'question', 'Anything else', 'Is there anything else I can help you with?'),
  en('closing-thanks', 'closing', 'Thank you, goodbye', 'Thank you for contacting us. Have a nice day!'),
  en(
    'closing-solved',
    'closing',
    'Glad it is solved',
    "I'm glad we could solve this together. Goodbye and take care!",
  ),
  fr('greeting-hello', 'greeting', 'Bonjour', 'Bonjour, ici {name}. Comment puis-je vous aider aujourd’hui?'),
  fr('hold-file', 'hold', 'Vérification du dossier', 'Un instant s’il vous plaît, je vérifie votre dossier.'),
  fr(
    'hold-colleague',
    'hold',
    'Question à un collègue',
    'Merci de votre patience, je consulte un collègue et je reviens tout de suite.',
  ),
  fr('question-order', 'question', 'Numéro de commande', 'Pourriez-vous me donner votre numéro de commande?'),
  fr(
    'question-email',
    'question',
    'Adresse courriel',
    'Quelle adresse courriel avez-vous utilisée pour votre compte?',
  ),
  fr('question-more', 'question', 'Autre chose', 'Y a-t-il autre chose que je peux faire pour vous?'),
  fr('closing-thanks', 'closing', 'Merci, au revoir', 'Merci d’avoir communiqué avec nous. Bonne journée!'),
  fr(
    'closing-solved',
    'closing',
    'Content que ce soit réglé',
    'Je suis content qu’on ait pu régler ça ensemble. Au revoir et bonne journée!',
  ),
];

/** The rules of the reference server unless told otherwise: both required, the default phrases. */
export const DEFAULT_HOUSE_RULES: HouseRules = {
  requireGreeting: true,
  requireClosing: true,
  phrases: DEFAULT_PHRASES,
};

/**
 * Throws `greeting-required` when the rules ask for a greeting, nobody has answered in the conversation
 * yet, and `text` does not start with one.
 *
 * @example
 * ```ts
 * checkGreeting(rules, { answered: store.agentHasWritten(id), text, agentFirstName: 'Julie' });
 * ```
 */
export function checkGreeting(
  rules: HouseRules,
  message: { answered: boolean; text: string | undefined; agentFirstName: string },
): void {
  if (!rules.requireGreeting || message.answered) return;
  if (message.text !== undefined && isGreeting(message.text, rules.phrases, message.agentFirstName)) return;
  throw new ChatError('greeting-required', 'the first answer in a conversation must start with the greeting');
}

/**
 * Throws `closing-required` when the rules ask for a closing text and `closing` is blank.
 *
 * @example
 * ```ts
 * checkClosing(rules, frame.closing);
 * ```
 */
export function checkClosing(rules: HouseRules, closing: string | undefined): void {
  if (rules.requireClosing && (closing ?? '').trim() === '') {
    throw new ChatError('closing-required', 'a conversation ends with a closing text');
  }
}
