/**
 * Who the visitor is, as the console says it: the name and email the organisation's server vouched for
 * (a verified identity token), or "Anonymous visitor". The browser cannot claim an identity.
 *
 * @example
 * ```ts
 * visitorLabel({ userId: 'c-1042', name: 'Ana Tremblay', email: 'ana@example.com' }); // 'Ana Tremblay <ana@example.com> · identified'
 * ```
 */
export function visitorLabel(visitor: { userId: string; name?: string; email?: string } | undefined): string {
  if (!visitor) return 'Anonymous visitor';
  const name = visitor.name ?? visitor.userId;
  return `${name}${visitor.email ? ` <${visitor.email}>` : ''} · identified`;
}
