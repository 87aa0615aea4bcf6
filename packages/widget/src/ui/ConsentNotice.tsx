import { useEffect, useRef } from 'preact/hooks';
import { safeUrl } from '../ui-core/safe-url.js';
import { useWidget } from './context.js';
import { useListeners } from './use-listeners.js';

/**
 * Before the visitor consents (when the organisation asks): the notice, the privacy policy link (new tab)
 * and "I agree", which takes the focus. Nothing is stored and no connection is open until it is pressed.
 *
 * @example
 * ```tsx
 * <ConsentNotice />
 * ```
 */
export function ConsentNotice() {
  const { translator, consent, agree } = useWidget();
  const { t } = translator;
  const button = useRef<HTMLButtonElement>(null);
  const ref = useListeners<HTMLButtonElement>({ click: () => agree() }, button);
  useEffect(() => {
    button.current?.focus();
  }, []);
  const policy = consent?.policyUrl === undefined ? undefined : safeUrl(consent.policyUrl);
  return (
    <div className="consent">
      <p dir="auto">{consent?.text ?? t('consent.text')}</p>
      {policy !== undefined && (
        <a href={policy} target="_blank" rel="noopener noreferrer">
          {t('consent.policy')}
          <span className="sr"> ({t('link.newTab')})</span>
        </a>
      )}
      <button ref={ref} type="button" className="send consent-agree">
        {t('consent.agree')}
      </button>
    </div>
  );
}
