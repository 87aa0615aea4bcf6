import type { RefObject } from 'preact';
import { useWidget } from './context.js';
import { Icon } from './Icon.js';
import type { Proactive } from './proactive.js';
import { useListeners } from './use-listeners.js';

/** Props of {@link ProactiveBubble}. */
export interface ProactiveBubbleProps {
  proactive: Proactive;
  /** Takes the focus when the bubble goes away from under it. */
  launcher: RefObject<HTMLButtonElement | null>;
}

/**
 * The proactive message: a small card above the launcher with the rule's text (plain text, its own
 * direction), which opens the panel, and a close button. Escape inside it dismisses it; the launcher
 * takes the focus the bubble had.
 *
 * @example
 * ```tsx
 * <ProactiveBubble proactive={proactive} launcher={launcherRef} />
 * ```
 */
export function ProactiveBubble({ proactive, launcher }: ProactiveBubbleProps) {
  const { t } = useWidget().translator;
  const dismiss = (): void => {
    proactive.dismiss();
    launcher.current?.focus();
  };
  const card = useListeners<HTMLDivElement>({
    keydown: (event) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      dismiss();
    },
  });
  const open = useListeners<HTMLButtonElement>({ click: () => proactive.click() });
  const close = useListeners<HTMLButtonElement>({ click: dismiss });
  const rule = proactive.bubble.value;
  if (!rule) return null;
  return (
    <div ref={card} className="proactive">
      <button ref={open} type="button" className="proactive-text" dir="auto">
        {rule.text}
      </button>
      <button
        ref={close}
        type="button"
        className="icon-button proactive-close"
        aria-label={t('proactive.dismiss')}
      >
        <Icon name="close" />
      </button>
    </div>
  );
}
