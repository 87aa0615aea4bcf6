import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/translator.js';

/** How long the button says "Copied". */
const COPIED_MS = 2000;

/**
 * A button that copies `text` to the clipboard and says so for a moment (announced to screen readers).
 * Without the clipboard (an insecure page, a refusal) nothing changes: the text stays on screen to
 * select.
 *
 * @example
 * ```tsx
 * <CopyButton text={url} label={t('desk.copy')} />
 * ```
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), COPIED_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = () => {
    globalThis.navigator?.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => undefined,
    );
  };
  return (
    <>
      <button type="button" onClick={copy}>
        {label}
      </button>
      <span class="copied" role="status">
        {copied ? t('desk.copied') : ''}
      </span>
    </>
  );
}
