import type { LocalizedText } from './localized-text.js';

/**
 * The look of the closed launcher, {@link MountOptions.launcher}.
 *
 * @example
 * ```ts
 * const launcher: LauncherOptions = { icon: 'https://shop.example/chat-icon.svg', label: 'Questions? Chat with us' };
 * ```
 */
export interface LauncherOptions {
  /**
   * `'chat'` (a speech bubble), `'help'` (a question mark in a disc), or the https/http URL of a square
   * image drawn 28 px wide; an image that fails to load is replaced by the chat icon.
   * @default 'chat'
   */
  icon?: 'chat' | 'help' | (string & {});
  /**
   * A short text shown beside the icon (at most 80 characters; ellipsised when the screen is too narrow),
   * one text or one per locale (the first one serves the other locales). It also becomes the launcher's
   * accessible name, with the unread count. Hidden while the panel is open.
   */
  label?: LocalizedText;
}
