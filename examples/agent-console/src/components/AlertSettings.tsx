import { useState } from 'preact/hooks';
import { type AlertPrefs, loadAlertPrefs, saveAlertPrefs } from '../alerts.js';
import { useI18n } from '../i18n/translator.js';

const localStore = (): Storage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
};

/**
 * The agent's opt-in alerts: a tone, and desktop notifications (asking the browser's permission when
 * turned on), for new conversations and messages while the tab is hidden.
 *
 * @example
 * ```tsx
 * <AlertSettings />
 * ```
 */
export function AlertSettings() {
  const { t } = useI18n();
  const [prefs, setPrefs] = useState<AlertPrefs>(() => loadAlertPrefs(localStore()));
  const change = (next: AlertPrefs) => {
    setPrefs(next);
    saveAlertPrefs(localStore(), next);
  };
  return (
    <fieldset class="alert-settings">
      <legend>{t('topbar.alerts')}</legend>
      <label class="choice">
        <input
          type="checkbox"
          checked={prefs.sound}
          onChange={(event) => change({ ...prefs, sound: event.currentTarget.checked })}
        />
        {t('topbar.sound')}
      </label>
      <label class="choice">
        <input
          type="checkbox"
          checked={prefs.notifications}
          onChange={(event) => {
            const on = event.currentTarget.checked;
            change({ ...prefs, notifications: on });
            if (on && typeof Notification !== 'undefined' && Notification.permission === 'default') {
              void Notification.requestPermission();
            }
          }}
        />
        {t('topbar.notifications')}
      </label>
    </fieldset>
  );
}
