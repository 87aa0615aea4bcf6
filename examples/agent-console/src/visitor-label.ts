import { createTranslate, type Translate } from './i18n/translator.js';

const english = createTranslate('en');

/**
 * Who the visitor is, in one line: the customer the organisation identified (a verified token), or the
 * name and email they gave in the pre-chat form, marked not verified, or an anonymous visitor.
 *
 * @example
 * ```ts
 * visitorLabel(undefined, { name: 'Ana', email: 'ana@example.com' }); // 'Ana <ana@example.com> · not verified'
 * ```
 */
export function visitorLabel(
  visitor: { userId: string; name?: string; email?: string } | undefined,
  given?: { name?: string; email?: string },
  t: Translate = english,
): string {
  if (visitor) return `${contact(visitor.name ?? visitor.userId, visitor.email)} · ${t('label.identified')}`;
  if (given?.name !== undefined || given?.email !== undefined) {
    return `${contact(given.name, given.email)} · ${t('label.notVerified')}`;
  }
  return t('context.anonymous');
}

const contact = (name: string | undefined, email: string | undefined): string =>
  name === undefined ? (email ?? '') : `${name}${email === undefined ? '' : ` <${email}>`}`;
