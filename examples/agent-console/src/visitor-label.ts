/**
 * Who the visitor is, as the console says it: the name and email the organisation's server vouched for
 * (a verified identity token, "identified"); else what the visitor typed in the pre-chat form ("not
 * verified"); else "Anonymous visitor". The browser cannot claim an identity.
 *
 * @example
 * ```ts
 * visitorLabel({ userId: 'c-1042', name: 'Ana Tremblay', email: 'ana@example.com' }); // 'Ana Tremblay <ana@example.com> · identified'
 * visitorLabel(undefined, { name: 'Ben' }); // 'Ben · not verified'
 * ```
 */
export function visitorLabel(
  visitor: { userId: string; name?: string; email?: string } | undefined,
  given?: { name?: string; email?: string },
): string {
  if (visitor) return `${contact(visitor.name ?? visitor.userId, visitor.email)} · identified`;
  if (given?.name !== undefined || given?.email !== undefined) {
    return `${contact(given.name, given.email)} · not verified`;
  }
  return 'Anonymous visitor';
}

const contact = (name: string | undefined, email: string | undefined): string =>
  name === undefined ? (email ?? '') : `${name}${email === undefined ? '' : ` <${email}>`}`;
