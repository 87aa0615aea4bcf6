import { CHAT_PATH, HELP_PATH } from './icon-paths.js';

/** The icons the widget draws, as SVG paths (24×24 viewBox). */
const PATHS = {
  chat: CHAT_PATH,
  /** A question mark in a disc: the launcher's `help` icon. */
  help: HELP_PATH,
  close:
    'M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7l-1.4-1.4L9.2 12 2.9 5.7l1.4-1.4 6.3 6.3 6.3-6.3z',
  minimize: 'M7.4 8.6 12 13.2l4.6-4.6L18 10l-6 6-6-6z',
  /** A door with an arrow leaving it: end the conversation. */
  leave: 'M4 3h9v2H6v14h7v2H4zm10.6 3.6L20 12l-5.4 5.4-1.4-1.4 3-3H9v-2h7.2l-3-3z',
  /**
   * A paperclip, drawn as a stroke (styles.ts: `.attach path`): the composer's "Attach files". Here, not in ./icon-paths.ts: that module is given to the
   * panel by the script tag's first file, which never draws a paperclip.
   */
  clip: 'M16 7v9a4 4 0 0 1-8 0V6a2.5 2.5 0 0 1 5 0v9.5a1 1 0 0 1-2 0V7',
} as const;

/** Props of {@link Icon}. */
export interface IconProps {
  name: keyof typeof PATHS;
}

/**
 * A decorative icon: hidden from assistive technology, the button around it carries the name.
 *
 * @example
 * ```tsx
 * <button aria-label={t('panel.close')}><Icon name="minimize" /></button>
 * ```
 */
export function Icon({ name }: IconProps) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
