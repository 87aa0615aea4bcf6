import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleModel } from '../console-model.js';
import { useI18n } from '../i18n/translator.js';
import { formatWhen } from '../when.js';
import { CopyButton } from './CopyButton.js';
import { HandoffForm } from './HandoffForm.js';
import { HandoffList } from './HandoffList.js';

/**
 * How often the desk asks for its handoffs again while it is shown and the page visible: the customer's
 * opening, an advisor taking it and its end appear within this time.
 *
 * @example
 * ```ts
 * setInterval(refresh, DESK_REFRESH_MS);
 * ```
 */
export const DESK_REFRESH_MS = 15_000;

/** Asks for the handoffs when the link opens, then every {@link DESK_REFRESH_MS} while the page is seen. */
function useRefresh(model: ConsoleModel) {
  const open = model.status.value === 'open';
  useEffect(() => {
    if (!open) return;
    model.requestHandoffs();
    const timer = setInterval(() => {
      if (!document.hidden) model.requestHandoffs();
    }, DESK_REFRESH_MS);
    // Back to the page: what happened meanwhile, now.
    const seen = () => {
      if (!document.hidden) model.requestHandoffs();
    };
    document.addEventListener('visibilitychange', seen);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', seen);
    };
  }, [model, open]);
}

/**
 * The handoff desk: the form of a new link, the link just made (to copy into the public reply), and the
 * team's handoffs with where each stands. The whole console of a community manager; a dialog for admins.
 *
 * @example
 * ```tsx
 * {model.role.value === 'community' ? <HandoffDesk model={model} /> : <HandoffDeskDialog model={model} />}
 * ```
 */
export function HandoffDesk({ model, nested = false }: { model: ConsoleModel; nested?: boolean }) {
  const { t, locale } = useI18n();
  useRefresh(model);
  const desk = model.handoffs.value;
  // In the admins' dialog, under its title.
  const Heading = nested ? 'h3' : 'h2';
  const made = desk?.created;
  // A time stays on one line (« 22 h 16 » has plain spaces).
  const when = (at: string) => formatWhen(at, locale, 'long').replace(/(\d) h (\d)/, '$1\u00a0h\u00a0$2');
  return (
    <div class="desk">
      <section class="desk-new">
        <p class="muted">{t('desk.intro')}</p>
        {/* Mounted before any link, so that a new one is announced. */}
        <p class="visually-hidden" role="status">
          {made ? <span key={made.id}>{t('desk.made')}</span> : null}
        </p>
        {made ? (
          <div class="desk-made">
            <p>{t('desk.made')}</p>
            <input
              readOnly
              value={made.url}
              aria-label={t('desk.link')}
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton text={made.url} label={t('desk.copy')} />
            <p class="muted">{t('desk.expires', { when: when(made.expiresAt) })}</p>
          </div>
        ) : null}
        <HandoffForm model={model} heading={Heading} />
      </section>
      <section class="desk-followed" aria-labelledby="desk-list-heading">
        <div class="desk-list-top">
          <Heading id="desk-list-heading">{t('desk.list')}</Heading>
          <button type="button" onClick={() => model.requestHandoffs()}>
            {t('desk.refresh')}
          </button>
        </div>
        <HandoffList handoffs={desk?.list ?? []} hasMore={desk?.hasMore ?? false} now={model.now.value} />
      </section>
    </div>
  );
}

/**
 * Admins: the handoff desk in a dialog, from the top bar.
 *
 * @example
 * ```tsx
 * {model.role.value === 'admin' ? <HandoffDeskDialog model={model} /> : null}
 * ```
 */
export function HandoffDeskDialog({ model }: { model: ConsoleModel }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  // Only while it is open: the desk asks the server again and again.
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        {t('desk.open')}
      </button>
      <dialog
        ref={dialog}
        class="report desk-dialog"
        aria-labelledby="desk-heading"
        onClose={() => setOpen(false)}
      >
        <div class="report-top">
          <h2 id="desk-heading">{t('desk.heading')}</h2>
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('desk.close')}
          </button>
        </div>
        {open ? <HandoffDesk model={model} nested /> : null}
      </dialog>
    </>
  );
}
