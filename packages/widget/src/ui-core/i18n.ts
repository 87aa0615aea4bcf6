import { ChatError } from '@clavard/protocol';
import { createTimeFormatter, type DateInput, formatRelativeWait } from './intl-format.js';
import { canonicalLocale, isRtl } from './locale.js';
import { en } from './locales/en.js';
import { frCA } from './locales/fr-CA.js';
import type {
  Message,
  MessageArgs,
  MessageKey,
  MessageOverrides,
  Messages,
  PluralMessage,
} from './messages.js';

/**
 * Options of {@link createTranslator}.
 *
 * @example
 * ```ts
 * const options: TranslatorOptions = { locale: 'fr-CA', messages: { 'greeting.default': 'Allô!' } };
 * ```
 */
export interface TranslatorOptions {
  /** BCP 47 language tag of the visitor, e.g. `navigator.language`; `fr_CA` is accepted too. */
  locale: string;
  /**
   * Messages for this locale, over the built-in catalogue of its language (or of its base language:
   * `fr-FR` uses the `fr-CA` one), then English. Pass a whole catalogue to add a language. A key this
   * version does not know (settings written for a newer widget) is kept and never asked for; each value
   * must still be a text or plural forms.
   */
  messages?: MessageOverrides;
  /** IANA time zone for {@link Translator.formatTime}. @default the browser's time zone */
  timeZone?: string;
}

/**
 * Says things in one locale. Made by {@link createTranslator}; its methods can be passed around unbound.
 *
 * @example
 * ```ts
 * const { t } = createTranslator({ locale: 'en' });
 * t('agent.typing', { name: 'Julie' }); // 'Julie is typing…'
 * ```
 */
export interface Translator {
  /** The canonical locale, e.g. `fr-CA`. */
  readonly locale: string;
  /** The text direction of the locale, for the `dir` attribute. */
  readonly dir: 'ltr' | 'rtl';
  /**
   * The message for `key`, with its `{placeholders}` replaced by `params` as plain text (numbers are
   * formatted for the locale, and inserted values are not read again for placeholders).
   */
  t<K extends MessageKey>(key: K, ...params: MessageArgs<K>): string;
  /** The time of day of a moment, e.g. `2:05 PM` or `14 h 05`. */
  formatTime(date: DateInput): string;
  /** An expected wait, e.g. `in 3 minutes` or `dans 3 minutes`. */
  formatRelativeWait(seconds: number): string;
}

/**
 * The built-in catalogues, by language tag. The lazily loaded parts bring their own texts (ui/Lazy.tsx
 * adds them with {@link addBuiltInMessages}); until then their keys are found in none.
 */
const BUILT_IN: Array<readonly [string, Partial<Messages> | undefined]> = [
  ['en', en],
  ['fr-CA', frCA],
];

/**
 * Adds built-in catalogues that came later, such as the texts of the lazily loaded parts, for every
 * translator made or to be made. A catalogue added twice counts once.
 *
 * @example
 * ```ts
 * addBuiltInMessages([['en', enExtras], ['fr-CA', frCAExtras]]);
 * ```
 */
export function addBuiltInMessages(
  catalogues: ReadonlyArray<readonly [tag: string, messages: Partial<Messages>]>,
): void {
  for (const entry of catalogues) if (!BUILT_IN.some(([, known]) => known === entry[1])) BUILT_IN.push(entry);
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

/**
 * Makes a {@link Translator} for a locale: English and Quebec French are built in, any other language is
 * added by passing its messages (missing ones fall back to English).
 *
 * @throws ChatError `invalid-option` for an invalid locale or a message that is neither text nor plural forms.
 * @example
 * ```ts
 * const { t, dir } = createTranslator({ locale: 'fr-CA' });
 * t('launcher.unread', { count: 3 }); // '3 messages non lus'
 * t('agent.transferred', { name: 'Julie' }); // 'Vous clavardez maintenant avec Julie'
 * ```
 */
export function createTranslator(options: TranslatorOptions): Translator {
  const locale = canonicalLocale(options.locale);
  const overrides = checkedOverrides(options.messages);
  // The catalogues to look in, made again when built-in ones were added since.
  let catalogues: Readonly<Record<string, Message>>[] = [];
  let madeFrom = 0;
  let pluralRules: Intl.PluralRules | undefined;
  let numberFormat: Intl.NumberFormat | undefined;
  let timeFormat: ((date: DateInput) => string) | undefined;

  const lookup = (key: string): Message => {
    if (madeFrom !== BUILT_IN.length) {
      madeFrom = BUILT_IN.length;
      catalogues = [...(overrides === undefined ? [] : [overrides]), ...builtInChain(locale)];
    }
    for (const catalogue of catalogues) {
      if (Object.hasOwn(catalogue, key)) {
        const message = catalogue[key];
        if (message !== undefined) return message;
      }
    }
    return key; // only reachable from untyped callers: show the key rather than nothing
  };

  const format = (value: unknown): string => {
    if (typeof value !== 'number') return String(value);
    numberFormat ??= new Intl.NumberFormat(locale);
    return numberFormat.format(value);
  };

  const t = <K extends MessageKey>(key: K, ...args: MessageArgs<K>): string => {
    const params: Readonly<Record<string, unknown>> = args[0] ?? {};
    const own = (name: string) =>
      typeof params === 'object' && params !== null && Object.hasOwn(params, name);
    const message = lookup(key);
    let text: string;
    if (typeof message === 'string') {
      text = message;
    } else {
      const count = own(message.plural) ? Number(params[message.plural]) : Number.NaN;
      pluralRules ??= new Intl.PluralRules(locale);
      const form = Number.isFinite(count) ? pluralRules.select(count) : 'other';
      text = message[form] ?? message.other;
    }
    return text.replace(PLACEHOLDER, (whole, name: string) => (own(name) ? format(params[name]) : whole));
  };

  return {
    locale,
    dir: isRtl(locale) ? 'rtl' : 'ltr',
    t,
    formatTime: (date) => {
      timeFormat ??= createTimeFormatter(
        locale,
        options.timeZone === undefined ? {} : { timeZone: options.timeZone },
      );
      return timeFormat(date);
    },
    formatRelativeWait: (seconds) => formatRelativeWait(seconds, locale),
  };
}

/** The built-in catalogues to look in, most specific first: the exact locale's, its language's, English. */
function builtInChain(locale: string): Readonly<Record<string, Message>>[] {
  const language = languageOf(locale);
  const rank = (tag: string) =>
    tag === locale ? 0 : languageOf(tag) === language ? 1 : tag === 'en' ? 2 : 3;
  return BUILT_IN.filter(([tag, messages]) => messages !== undefined && rank(tag) < 3)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([, messages]) => messages as Readonly<Record<string, Message>>);
}

function languageOf(tag: string): string {
  return tag.split('-')[0] ?? tag;
}

/** Overrides as a null-prototype copy of their own known keys, so a polluted `Object.prototype` adds nothing. */
function checkedOverrides(messages: MessageOverrides | undefined): Record<string, Message> | undefined {
  if (messages === undefined) return undefined;
  if (typeof messages !== 'object' || messages === null) {
    throw new ChatError('invalid-option', 'messages must be an object of message texts', { cause: messages });
  }
  const checked: Record<string, Message> = Object.create(null);
  for (const [key, message] of Object.entries(messages)) {
    // A key this version does not know (written for another one) is kept, and never asked for.
    if (!isMessage(message)) {
      throw new ChatError('invalid-option', `message "${key}" must be a text or plural forms with "other"`, {
        cause: message,
      });
    }
    checked[key] = message;
  }
  return checked;
}

function isMessage(value: unknown): value is Message {
  if (typeof value === 'string') return true;
  if (typeof value !== 'object' || value === null) return false;
  const plural = value as Partial<Record<keyof PluralMessage, unknown>>;
  return (
    typeof plural.plural === 'string' &&
    typeof plural.other === 'string' &&
    PLURAL_FORMS.every((form) => plural[form] === undefined || typeof plural[form] === 'string')
  );
}
