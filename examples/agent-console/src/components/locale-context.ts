import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ConsoleLocale } from '../i18n/translator.js';

/** Changes the console's language; provided by `App`. */
export const LocaleSetterContext = createContext<(locale: ConsoleLocale) => void>(() => undefined);

/**
 * The function that changes the console's language.
 *
 * @example
 * ```tsx
 * const setLocale = useLocaleSetter();
 * ```
 */
export function useLocaleSetter(): (locale: ConsoleLocale) => void {
  return useContext(LocaleSetterContext);
}
