/**
 * The console's languages: English and Québec French, chosen by the agent (kept in `localStorage`,
 * first taken from the browser's language). `t` fills `{name}`-style placeholders; a missing one stays
 * visible rather than breaking the text.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { type Catalogue, en, type MessageKey } from './en.js';
import { frCA } from './fr-CA.js';

export type { MessageKey };

/** A language the console speaks. */
export type ConsoleLocale = 'en' | 'fr-CA';

/** The languages offered, each named in itself. */
export const CONSOLE_LOCALES: readonly { locale: ConsoleLocale; name: string }[] = [
  { locale: 'en', name: 'English' },
  { locale: 'fr-CA', name: 'Français (Canada)' },
];

const CATALOGUES: Record<ConsoleLocale, Catalogue> = { en, 'fr-CA': frCA };

/** Fills a text for one language. */
export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

/**
 * `t` for a language.
 *
 * @example
 * ```ts
 * createTranslate('fr-CA')('queue.heading', { count: 2 }); // 'En attente (2)'
 * ```
 */
export function createTranslate(locale: ConsoleLocale): Translate {
  const catalogue = CATALOGUES[locale];
  return (key, params = {}) =>
    catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(params, name) ? String(params[name]) : whole,
    );
}

/**
 * The language to start in: the one kept, else French for a French browser, else English.
 *
 * @example
 * ```ts
 * pickLocale(localStorage.getItem(LOCALE_KEY), navigator.language); // 'fr-CA'
 * ```
 */
export function pickLocale(kept: string | null | undefined, browser: string | undefined): ConsoleLocale {
  if (kept === 'en' || kept === 'fr-CA') return kept;
  return browser?.toLowerCase().startsWith('fr') ? 'fr-CA' : 'en';
}

/** Where the agent's language is kept (a preference, not a secret). */
export const LOCALE_KEY = 'clavard-console:locale';

/** The language of the console and its `t`, for every component. */
export interface I18n {
  locale: ConsoleLocale;
  t: Translate;
}

/** Provides {@link I18n}; English until told otherwise. */
export const I18nContext = createContext<I18n>({ locale: 'en', t: createTranslate('en') });

/**
 * The console's `t` and language, in a component.
 *
 * @example
 * ```tsx
 * const { t } = useI18n();
 * return <h2>{t('queue.heading', { count: 3 })}</h2>;
 * ```
 */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
