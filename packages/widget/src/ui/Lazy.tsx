import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { addBuiltInMessages } from '../ui-core/i18n.js';
import { useWidget } from './context.js';
import { type ExtrasModule, importExtras } from './extras-source.js';
import { useListeners } from './use-listeners.js';

/** The one load of the extras for this page (retried after a failure), and its result once it came. */
let ready: ExtrasModule | undefined;
let pending: Promise<ExtrasModule> | undefined;

/**
 * Starts loading the lazily loaded components, unless they are loaded or on their way; resolves with
 * them. A failed load is forgotten, so the next call tries again.
 *
 * @example
 * ```ts
 * const { FormCard } = await loadExtras();
 * ```
 */
export function loadExtras(): Promise<ExtrasModule> {
  if (ready) return Promise.resolve(ready);
  pending ??= importExtras().then(
    (extras) => {
      addBuiltInMessages(extras.EXTRAS_CATALOGUES); // their texts, before anything of theirs is drawn
      ready = extras;
      return extras;
    },
    (error: unknown) => {
      pending = undefined;
      throw error;
    },
  );
  return pending;
}

/**
 * The load of the extras under way, if any (for tests that wait for it, as a visitor would).
 *
 * @example
 * ```ts
 * await extrasLoading()?.catch(() => undefined);
 * ```
 */
export const extrasLoading = (): Promise<ExtrasModule> | undefined => (ready ? undefined : pending);

/** Props of {@link Lazy}. */
export interface LazyProps {
  /** What to render once the extras are here. */
  render: (extras: ExtrasModule) => ComponentChildren;
  /**
   * What to show until then instead of "Loading…", and instead of the Retry line when they could not be
   * loaded (offline): then they are loaded again as soon as the browser is back online.
   */
  fallback?: ComponentChildren;
}

/**
 * Renders a part of the UI from the lazily loaded extras (./extras.ts): at once when they are loaded,
 * else "Loading…" until they are, and when they could not be loaded a short line with a Retry button.
 * The failure is also reported through the widget's `on('error')` by the loader.
 *
 * @example
 * ```tsx
 * <Lazy render={({ FormCard }) => <FormCard request={event} />} />
 * ```
 */
export function Lazy({ render, fallback }: LazyProps) {
  const waits = fallback !== undefined;
  const { translator } = useWidget();
  const { t } = translator;
  const [extras, setExtras] = useState(ready);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (extras) return;
    let live = true;
    const again = () => live && setAttempt((count) => count + 1);
    loadExtras().then(
      (loaded) => live && setExtras(loaded),
      () => {
        if (!live) return;
        setFailed(true);
        if (waits) addEventListener('online', again, { once: true });
      },
    );
    return () => {
      live = false;
      removeEventListener('online', again);
    };
  }, [extras, attempt, waits]);
  const retry = useListeners<HTMLButtonElement>({
    click: () => {
      setFailed(false);
      setAttempt((count) => count + 1);
    },
  });
  if (extras) return <>{render(extras)}</>;
  if (fallback !== undefined) return <>{fallback}</>;
  if (!failed) return <p className="notice">{t('part.loading')}</p>;
  return (
    <p className="notice" role="alert">
      {t('part.failed')}{' '}
      <button ref={retry} type="button" className="link-button">
        {t('message.retry')}
      </button>
    </p>
  );
}
