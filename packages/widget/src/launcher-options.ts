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
  /**
   * Who is there, on the closed launcher: while agents are online and no conversation has started, the
   * faces (or initials) of up to three of them, from the server's availability, and their names in the
   * launcher's accessible name ("Open chat, Julie and Marc usually reply in a few minutes"). Known once
   * the widget is connected: with the script tag, once its panel is loaded.
   * @default false
   */
  faces?: boolean;
}
