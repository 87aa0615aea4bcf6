import type { Ref } from 'preact';
import { useWidget } from './context.js';
import { Icon } from './Icon.js';
import { useListeners } from './use-listeners.js';

/** Props of {@link Launcher}. */
export interface LauncherProps {
  buttonRef: Ref<HTMLButtonElement>;
  panelId: string;
}

/**
 * The round button that opens and closes the panel, with the unread count as a badge and in its
 * accessible name.
 *
 * @example
 * ```tsx
 * <Launcher buttonRef={launcherRef} panelId="clavard-panel" />
 * ```
 */
export function Launcher({ buttonRef, panelId }: LauncherProps) {
  const { client, model, translator } = useWidget();
  const { t } = translator;
  const ref = useListeners<HTMLButtonElement>(
    {
      click: () => {
        model.open.value = !model.open.value;
      },
    },
    buttonRef,
  );
  const open = model.open.value;
  const unread = client.unread.value;
  const label = open
    ? t('launcher.close')
    : unread > 0
      ? `${t('launcher.open')}, ${t('launcher.unread', { count: unread })}`
      : t('launcher.open');
  return (
    <button
      ref={ref}
      type="button"
      className="launcher"
      aria-label={label}
      aria-expanded={open}
      aria-controls={open ? panelId : undefined}
    >
      <Icon name={open ? 'close' : 'chat'} />
      {!open && unread > 0 && (
        <span className="badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </button>
  );
}
