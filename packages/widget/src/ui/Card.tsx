import type { MessageContent } from '@clavard/protocol';
import { IMAGE_PROTOCOLS, safeUrl } from '../ui-core/safe-url.js';

/** A link or product card, as sent by an agent. */
export type CardContent = Extract<MessageContent, { kind: 'link' | 'product' }>;

/** Props of {@link Card}. */
export interface CardProps {
  content: CardContent;
  locale: string;
  newTabLabel: string;
}

function formatPrice(
  price: NonNullable<Extract<CardContent, { kind: 'product' }>['price']>,
  locale: string,
): string {
  try {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency: price.currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(price.amount / 10 ** digits);
  } catch {
    return `${price.amount} ${price.currency}`; // an unknown currency code: show it as given, as text
  }
}

/**
 * A link or product card. Its URL must pass `safeUrl` (http, https, mailto, tel) to become a link; a
 * `new-tab` card (the default) opens with `target="_blank" rel="noopener noreferrer"`, a `same-tab` card
 * navigates the page (the chat client restores the conversation on the next page). An unsafe URL is shown
 * as text.
 *
 * @example
 * ```tsx
 * <Card content={{ kind: 'link', url: 'https://shop.example/fibre', title: 'Fibre' }} locale="en" newTabLabel="opens in a new tab" />
 * ```
 */
export function Card({ content, locale, newTabLabel }: CardProps) {
  const href = safeUrl(content.url);
  const image = content.imageUrl === undefined ? undefined : safeUrl(content.imageUrl, IMAGE_PROTOCOLS);
  const newTab = content.target !== 'same-tab';
  const body = (
    <>
      {image !== undefined && <img src={image} alt="" referrerpolicy="no-referrer" />}
      <span className="card-body" dir="auto">
        <span className="card-title">{content.title}</span>
        {content.description !== undefined && <span className="card-text">{content.description}</span>}
        {content.kind === 'product' && content.price !== undefined && (
          <span className="card-text">{formatPrice(content.price, locale)}</span>
        )}
        {href === undefined && <span className="card-url">{content.url}</span>}
      </span>
    </>
  );
  if (href === undefined) return <div className="card">{body}</div>;
  return newTab ? (
    <a className="card" href={href} target="_blank" rel="noopener noreferrer">
      {body}
      <span className="sr"> ({newTabLabel})</span>
    </a>
  ) : (
    <a className="card" href={href}>
      {body}
    </a>
  );
}
