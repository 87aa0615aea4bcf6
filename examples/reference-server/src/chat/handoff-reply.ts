// The public answer that closes the loop where the customer complained: once their handoff's conversation
// has ended, the social tool (GET /api/handoffs/:id, `publicReply`) and the agent (beside the conversation)
// get a short reply in the organisation's voice, in the customer's language, reviewed in advance: the
// organisation's own text (`handoffs.publicReply`) or this one. Never anything of the customer's case.
import { formLanguage } from './language.js';

/** The organisation's reviewed public replies, per language (`en`, `fr`); missing ones are the defaults. */
export type PublicReplies = Readonly<Partial<Record<'en' | 'fr', string>>>;

/** The default replies: thanks, and that it was sorted out in private; French with its typography. */
export const DEFAULT_PUBLIC_REPLIES: Readonly<Record<'en' | 'fr', string>> = {
  en: 'We sorted this out with you in private. Thank you for your patience!',
  fr: 'Nous avons réglé la situation avec vous en privé. Merci de votre patience\u00a0!',
};

/**
 * The public reply for a customer who wrote in `locale` (French for any `fr-*`, else English).
 *
 * @example
 * ```ts
 * publicReply('fr-CA'); // 'Nous avons réglé la situation avec vous en privé. Merci de votre patience !'
 * ```
 */
export function publicReply(locale: string | null, replies: PublicReplies = {}): string {
  const language = formLanguage(locale);
  return replies[language] ?? DEFAULT_PUBLIC_REPLIES[language];
}
