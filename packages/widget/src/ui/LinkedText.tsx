import { splitLinks } from '../ui-core/linkify.js';

/** Props of {@link LinkedText}. */
export interface LinkedTextProps {
  text: string;
  /** Appended to each link's accessible name: links in messages open in a new tab. */
  newTabLabel: string;
}

/**
 * Untrusted plain text with its web, e-mail and phone links made into safe links (http, https, mailto,
 * tel only, checked by `splitLinks`); everything else, `javascript:` included, stays text.
 *
 * @example
 * ```tsx
 * <LinkedText text="See https://shop.example/help" newTabLabel={t('link.newTab')} />
 * ```
 */
export function LinkedText({ text, newTabLabel }: LinkedTextProps) {
  return (
    <>
      {splitLinks(text).map((segment, index) =>
        segment.kind === 'link' ? (
          <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer">
            {segment.text}
            <span className="sr"> ({newTabLabel})</span>
          </a>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
