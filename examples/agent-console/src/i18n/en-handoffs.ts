/**
 * The English texts of the handoff desk, where a community manager makes handoff links for public posts
 * and follows them. Spread into the English catalogue.
 *
 * @example
 * ```ts
 * export const en = { ...enHandoffs, … };
 * ```
 */
export const enHandoffs = {
  'accounts.role.community': 'Community manager',
  'desk.open': 'Handoff links',
  'desk.heading': 'Handoff links',
  'desk.close': 'Close',
  'desk.intro':
    'Answer a public post with a private chat: the customer opens the link, and an advisor continues with the case in hand.',
  'desk.new': 'New handoff link',
  'desk.channel': 'Where the customer wrote',
  'desk.channel.x': 'X',
  'desk.channel.facebook': 'Facebook',
  'desk.channel.instagram': 'Instagram',
  'desk.channel.linkedin': 'LinkedIn',
  'desk.channel.google': 'Google review',
  'desk.channel.other': 'Other',
  'desk.handle': 'Public handle',
  'desk.postUrl': 'Link to the post',
  'desk.postUrlHint': 'Starts with https://',
  'desk.summary': 'What it is about',
  'desk.summaryHint':
    'The customer reads this in the greeting: a few words, nothing private ({n} characters at most).',
  'desk.details': 'Details for the advisor',
  'desk.detailsHint': 'What you already collected, such as an order number. Only the advisor sees them.',
  'desk.detailLabel': 'Detail {n}: label',
  'desk.detailValue': 'Detail {n}: value',
  'desk.detailLabelExample': 'Order',
  'desk.detailValueExample': 'A-1042',
  'desk.addDetail': 'Add a detail',
  'desk.removeDetail': 'Remove detail {n}',
  'desk.topic': 'Topic',
  'desk.anyTopic': 'Any topic',
  'desk.advisor': 'Advisor (optional)',
  'desk.anyAdvisor': 'The first one available',
  'desk.advisorHint': 'If they are signed in, the greeting names them and the chat waits for them first.',
  'desk.create': 'Make the link',
  'desk.made': 'Link ready: post it in your public reply.',
  'desk.link': 'Handoff link',
  'desk.expires': 'One customer, until {when}.',
  'desk.copy': 'Copy the link',
  'desk.copyReply': 'Copy the reply',
  'desk.copied': 'Copied',
  'desk.list': 'Handoffs',
  'desk.refresh': 'Refresh',
  'desk.empty': 'No handoff link yet.',
  'desk.more': 'The newest {n} are shown.',
  'desk.status.waiting': 'Waiting for the customer',
  'desk.status.opened': 'Opened, waiting for an advisor',
  'desk.status.taken': 'With {name}',
  'desk.status.resolved': 'Resolved',
  'desk.status.expired': 'Expired unopened',
  'desk.by': '{name}, {when}',
  'desk.madeBy': 'Made by',
  'desk.opened': 'Opened',
  'desk.taken': 'Taken',
  'desk.resolved': 'Resolved',
  'desk.publicReply': 'Public reply to post',
  'desk.openPost': 'Open the post',
} as const;
