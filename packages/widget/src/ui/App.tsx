import { type ReadonlySignal, useSignalEffect } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { WidgetContext, type WidgetContextValue } from './context.js';
import { Launcher } from './Launcher.js';
import { Lazy } from './Lazy.js';
import { LiveRegion } from './LiveRegion.js';
import { Panel } from './Panel.js';
import type { Proactive } from './proactive.js';

/** Props of {@link App}. */
export interface AppProps {
  context: WidgetContextValue;
  position: 'left' | 'right';
  theme: 'light' | 'dark' | 'auto';
  /** The proactive messages, shown as a bubble above the launcher, once their code (in the extras) is here. */
  proactive?: ReadonlySignal<Proactive | undefined>;
}

const PANEL_ID = 'clavard-panel';

/**
 * The whole widget: the live region, the panel when open, then the launcher (so Tab goes from the
 * conversation to the launcher). Closing gives focus
 * back to the launcher (the Escape listener is on the shadow root, see `mountInto`).
 *
 * @example
 * ```tsx
 * render(<App context={context} position="right" theme="auto" />, container);
 * ```
 */
export function App({ context, position, theme, proactive }: AppProps) {
  const { model, translator } = context;
  const launcher = useRef<HTMLButtonElement>(null);
  const composer = useRef<HTMLTextAreaElement>(null);
  const wasOpen = useRef(model.open.peek());
  useSignalEffect(() => {
    const open = model.open.value;
    if (wasOpen.current && !open) launcher.current?.focus();
    wasOpen.current = open;
  });
  const open = model.open.value;
  const messages = proactive?.value;
  const close = (): void => {
    model.open.value = false;
  };
  return (
    <WidgetContext.Provider value={context}>
      <div
        className="root"
        dir={translator.dir}
        lang={translator.locale}
        data-theme={theme}
        data-position={position}
        data-open={open ? '' : undefined}
      >
        <LiveRegion />
        {open && <Panel id={PANEL_ID} inputRef={composer} onClose={close} />}
        {messages && !open && (
          <Lazy
            render={({ ProactiveBubble }) => <ProactiveBubble proactive={messages} launcher={launcher} />}
          />
        )}
        <Launcher buttonRef={launcher} panelId={PANEL_ID} />
      </div>
    </WidgetContext.Provider>
  );
}
