import type { en } from './locales/en.js';
import type { enExtras } from './locales/en-extras.js';

/** The English catalogue, both parts: what the panel says and what its lazily loaded parts say. */
type English = typeof en & typeof enExtras;

/**
 * A message with plural forms, chosen with `Intl.PluralRules` from the numeric parameter named by
 * `plural`. Only `other` is required; a missing form falls back to `other`.
 *
 * @example
 * ```ts
 * const unread: PluralMessage = { plural: 'count', one: '{count} unread message', other: '{count} unread messages' };
 * ```
 */
export interface PluralMessage {
  /** The parameter whose number chooses the form. */
  readonly plural: string;
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

/**
 * One entry of a catalogue: a text with `{name}` placeholders, or a {@link PluralMessage}. Plain text
 * only: parameters are inserted as text, and nothing is ever read as HTML.
 *
 * @example
 * ```ts
 * const joined: Message = '{name} has joined';
 * ```
 */
export type Message = string | PluralMessage;

/**
 * Every key the widget says something with; the English catalogue defines them (./locales/en.ts, and
 * ./locales/en-extras.ts for the parts loaded later).
 *
 * @example
 * ```ts
 * const key: MessageKey = 'launcher.open';
 * ```
 */
export type MessageKey = keyof English;

/**
 * A complete catalogue: one message for every {@link MessageKey}. A catalogue that misses a key does not
 * compile.
 *
 * @example
 * ```ts
 * const de: Messages = { ...en, 'launcher.open': 'Chat öffnen' };
 * ```
 */
export type Messages = { readonly [K in MessageKey]: Message };

/**
 * The part of a catalogue the panel itself says (./locales/en.ts's keys).
 *
 * @example
 * ```ts
 * const panel: PanelMessages = frCA;
 * ```
 */
export type PanelMessages = { readonly [K in keyof typeof en]: Message };

/**
 * The part of a catalogue the lazily loaded parts say (./locales/en-extras.ts's keys).
 *
 * @example
 * ```ts
 * const later: ExtrasMessages = frCAExtras;
 * ```
 */
export type ExtrasMessages = { readonly [K in keyof typeof enExtras]: Message };

/**
 * Some messages, to override or add to a catalogue; missing keys fall back to the built-in catalogue of
 * the language, then to English.
 *
 * @example
 * ```ts
 * const overrides: MessageOverrides = { 'greeting.default': 'Bonjour! Une question sur votre forfait?' };
 * ```
 */
export type MessageOverrides = { readonly [K in MessageKey]?: Message };

type PlaceholdersIn<Text> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholdersIn<Rest>
  : never;

type PlaceholdersOf<Entry> = Entry extends string
  ? PlaceholdersIn<Entry>
  : Entry extends { readonly plural: infer Plural extends string }
    ? Plural | PlaceholdersIn<Entry[Exclude<keyof Entry, 'plural'>]>
    : never;

/**
 * The names of the `{placeholders}` of a message, read from the English catalogue.
 *
 * @example
 * ```ts
 * type P = MessagePlaceholder<'agent.joined'>; // 'name'
 * ```
 */
export type MessagePlaceholder<K extends MessageKey> = PlaceholdersOf<English[K]>;

/**
 * The parameters a message needs: one value per placeholder. Numbers are formatted for the locale.
 *
 * @example
 * ```ts
 * const params: MessageParams<'launcher.unread'> = { count: 3 };
 * ```
 */
export type MessageParams<K extends MessageKey> = { readonly [P in MessagePlaceholder<K>]: string | number };

/**
 * The rest arguments of `t(key, ...)`: nothing for a message without placeholders, else its parameters.
 *
 * @example
 * ```ts
 * const args: MessageArgs<'agent.joined'> = [{ name: 'Julie' }];
 * ```
 */
export type MessageArgs<K extends MessageKey> = [MessagePlaceholder<K>] extends [never]
  ? []
  : [params: MessageParams<K>];
