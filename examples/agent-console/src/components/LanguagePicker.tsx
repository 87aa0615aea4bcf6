import { CONSOLE_LOCALES, type ConsoleLocale, useI18n } from '../i18n/translator.js';
import { useLocaleSetter } from './locale-context.js';

/**
 * The console's language (English or Québec French), kept for the next visit.
 *
 * @example
 * ```tsx
 * <LanguagePicker />
 * ```
 */
export function LanguagePicker() {
  const { locale, t } = useI18n();
  const setLocale = useLocaleSetter();
  return (
    <label class="language">
      <span class="visually-hidden">{t('language.label')}</span>
      <select value={locale} onChange={(event) => setLocale(event.currentTarget.value as ConsoleLocale)}>
        {CONSOLE_LOCALES.map((option) => (
          <option key={option.locale} value={option.locale} lang={option.locale}>
            {option.name}
          </option>
        ))}
      </select>
    </label>
  );
}
