import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import { Avatar } from './Avatar.js';
import { useWidget } from './context.js';
import { Icon } from './Icon.js';
import { presenceSentence, teamOf } from './TeamRow.js';
import { useListeners } from './use-listeners.js';

/** Props of {@link Launcher}. */
export interface LauncherProps {
  buttonRef: Ref<HTMLButtonElement>;
  panelId: string;
}

/**
 * The button that opens and closes the panel, with the unread count as a badge and in its accessible
 * name. Round with the chosen icon (or image, the chat icon if it fails to load); with a label, a pill
 * whose visible text is also its name; with `faces`, the faces of up to three online agents in place of
 * the icon, and their names in its accessible name. Open, it is the round close button.
 *
 * @example
 * ```tsx
 * <Launcher buttonRef={launcherRef} panelId="clavard-panel" />
 * ```
 */
export function Launcher({ buttonRef, panelId }: LauncherProps) {
  const { client, model, translator, launcher } = useWidget();
  const { t } = translator;
  const ref = useListeners<HTMLButtonElement>(
    {
      click: () => {
        model.open.value = !model.open.value;
      },
    },
    buttonRef,
  );
  const [broken, setBroken] = useState<string>();
  const imageRef = useListeners<HTMLImageElement>({ error: () => setBroken(launcher.imageUrl) });
  const open = model.open.value;
  const unread = client.unread.value;
  const text = open ? undefined : launcher.label;
  const faces = launcher.faces && !open ? teamOf(client) : [];
  const name = open ? t('launcher.close') : (text ?? t('launcher.open'));
  const team =
    faces.length > 0
      ? `, ${presenceSentence(translator, faces, client.availability.value?.expectedWaitSeconds)}`
      : '';
  const label = !open && unread > 0 ? `${name}, ${t('launcher.unread', { count: unread })}` : name + team;
  const image = open || launcher.imageUrl === broken ? undefined : launcher.imageUrl;
  return (
    <button
      ref={ref}
      type="button"
      className="launcher"
      aria-label={label}
      aria-expanded={open}
      aria-controls={open ? panelId : undefined}
      data-label={text === undefined && faces.length === 0 ? undefined : ''}
    >
      {faces.length > 0 ? (
        <span className="launcher-faces" aria-hidden="true">
          {faces.map((agent, index) => (
            // Initials drawn by CSS: the button's visible text stays its label (WCAG 2.5.3).
            <Avatar
              key={`${index} ${agent.avatarUrl}`}
              agent={agent}
              locale={translator.locale}
              className="launcher-face"
              drawn
            />
          ))}
        </span>
      ) : image === undefined ? (
        <Icon name={open ? 'close' : launcher.icon} />
      ) : (
        <img ref={imageRef} src={image} alt="" referrerpolicy="no-referrer" />
      )}
      {text !== undefined && (
        <span className="launcher-label" title={text} dir="auto">
          {text}
        </span>
      )}
      {!open && unread > 0 && (
        <span className="badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </button>
  );
}
