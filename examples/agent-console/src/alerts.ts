/**
 * Alerts for a long shift, both opt-in and kept in `localStorage` (a preference, not a secret): a short
 * tone, and a desktop notification, when a conversation starts waiting or a visitor writes while the
 * console's tab is hidden. The notification says what happened, never what the visitor wrote.
 */

/**
 * What the agent turned on.
 *
 * @example
 * ```ts
 * const prefs: AlertPrefs = { sound: true, notifications: false };
 * ```
 */
export interface AlertPrefs {
  sound: boolean;
  notifications: boolean;
}

const PREFS_KEY = 'clavard-console:alerts';

/**
 * The agent's alert preferences (both off until turned on).
 *
 * @example
 * ```ts
 * const prefs = loadAlertPrefs(localStorage);
 * ```
 */
export function loadAlertPrefs(storage: Storage | undefined): AlertPrefs {
  try {
    const value = JSON.parse(storage?.getItem(PREFS_KEY) ?? '{}') as Partial<AlertPrefs>;
    return { sound: value.sound === true, notifications: value.notifications === true };
  } catch {
    return { sound: false, notifications: false };
  }
}

/**
 * Keeps the agent's alert preferences.
 *
 * @example
 * ```ts
 * saveAlertPrefs(localStorage, { sound: true, notifications: true });
 * ```
 */
export function saveAlertPrefs(storage: Storage | undefined, prefs: AlertPrefs): void {
  try {
    storage?.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Blocked storage: the preference lasts as long as the page.
  }
}

/** A short two-note tone with the Web Audio API (no file to fetch, nothing for the CSP to allow). */
export function playTone(): void {
  const Context = globalThis.AudioContext;
  if (Context === undefined) return;
  const audio = new Context();
  const gain = audio.createGain();
  gain.gain.value = 0.08;
  gain.connect(audio.destination);
  [660, 880].forEach((frequency, index) => {
    const tone = audio.createOscillator();
    tone.frequency.value = frequency;
    tone.connect(gain);
    tone.start(audio.currentTime + index * 0.15);
    tone.stop(audio.currentTime + index * 0.15 + 0.12);
  });
  setTimeout(() => void audio.close(), 600);
}

/**
 * Shows a desktop notification when the agent allowed them.
 *
 * @example
 * ```ts
 * notifyDesktop('New conversation waiting', 'Clavard console');
 * ```
 */
export function notifyDesktop(text: string, title: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  new Notification(title, { body: text, tag: 'clavard-console' });
}
