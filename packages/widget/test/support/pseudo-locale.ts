/**
 * The pseudo-locale `en-XA` for layout tests and screenshots, made from the English catalogue: every
 * letter accented, every text about 40 % longer (filler words, as long translations are, never longer
 * words), and wrapped in `⟦…⟧` so a clipped end shows. Placeholders (`{name}`) are kept as they are.
 * Test support only: it is never part of a published bundle.
 */
import type { Message, Messages } from '../../src/ui-core/messages.js';

/** The tag the pseudo-locale is mounted with (a private-use region: no engine knows it). */
export const PSEUDO_LOCALE = 'en-XA';

const ACCENTED: Readonly<Record<string, string>> = {
  a: 'á',
  c: 'ç',
  e: 'é',
  i: 'ï',
  n: 'ñ',
  o: 'ö',
  u: 'ü',
  y: 'ý',
  A: 'Å',
  C: 'Ç',
  E: 'É',
  I: 'Î',
  N: 'Ñ',
  O: 'Ö',
  U: 'Û',
  Y: 'Ý',
};

/** Words added to lengthen a text: of the lengths real words have. */
const FILLER = ['ļöŕéɱ', 'ïƥšüɱ', 'ðöļöŕ', 'šïţ', 'áɱéţ', 'çöñšéçţéţüŕ', 'áðïƥïšçïñĝ', 'éļïţ', 'šéð', 'ðö'];

const PLACEHOLDER = /(\{[A-Za-z_][A-Za-z0-9_]*\})/;

/** `text` with its letters accented (not inside placeholders). */
const accent = (text: string): string =>
  text
    .split(PLACEHOLDER)
    .map((part) => (PLACEHOLDER.test(part) ? part : [...part].map((char) => ACCENTED[char] ?? char).join('')))
    .join('');

/**
 * One text of the pseudo-locale: accented, lengthened by filler words to at least 1.4 times its length,
 * between `⟦` and `⟧`.
 *
 * @example
 * ```ts
 * pseudoText('End chat'); // '⟦Éñð çháţ ļöŕéɱ⟧'
 * ```
 */
export function pseudoText(text: string): string {
  const target = Math.ceil(text.length * 1.4);
  let out = accent(text);
  for (let index = 0; out.length < target; index += 1) out += ` ${FILLER[index % FILLER.length]}`;
  return `⟦${out}⟧`;
}

const pseudoMessage = (message: Message): Message => {
  if (typeof message === 'string') return pseudoText(message);
  const forms: Record<string, string> = { plural: message.plural, other: pseudoText(message.other) };
  for (const form of ['zero', 'one', 'two', 'few', 'many'] as const) {
    const text = message[form];
    if (text !== undefined) forms[form] = pseudoText(text);
  }
  return forms as unknown as Message;
};

/**
 * The whole pseudo-locale catalogue, made from `source` (the English one), for `mount({ messages })`.
 *
 * @example
 * ```ts
 * mount({ transport, brand, locale: PSEUDO_LOCALE, messages: pseudoCatalogue(en) });
 * ```
 */
export function pseudoCatalogue(source: Messages): Messages {
  const out: Record<string, Message> = {};
  for (const [key, message] of Object.entries(source)) out[key] = pseudoMessage(message);
  return out as Messages;
}
