import type { Message } from '../messages.js';

/**
 * The English catalogue of the panel: every text it shows or announces itself (the lazily loaded parts'
 * texts are in ./en-extras.ts). Its keys, with those, define {@link MessageKey}, and its `{placeholders}`
 * the parameters `t()` asks for.
 *
 * @example
 * ```ts
 * en['launcher.open']; // 'Open chat'
 * ```
 */
export const en = {
  // Launcher and panel
  'launcher.open': 'Open chat',
  'launcher.close': 'Close chat',
  'launcher.unread': { plural: 'count', one: '{count} unread message', other: '{count} unread messages' },
  'panel.label': 'Chat with {organisation}',
  'panel.close': 'Minimize chat',
  'proactive.dismiss': 'Dismiss message',

  // Header and availability
  'header.availability.online': 'We usually answer in a few minutes',
  'header.availability.offline': 'We are away; leave a message',
  'header.availability.back': 'We are away until {when}; leave a message',

  // Who is there, before the first message ({names}: 'Julie and Marc'; {when}: one of presence.when.*)
  'presence.reply': {
    plural: 'count',
    one: '{names} usually replies {when}',
    other: '{names} usually reply {when}',
  },
  'presence.when.minute': 'in under a minute',
  'presence.when.minutes': 'in a few minutes',

  // Agents
  'agent.joined': '{name} has joined',
  'agent.transferred': 'You are now chatting with {name}',
  'agent.typing': '{name} is typing…',
  'agent.left': '{name} had to leave; another agent will answer you soon',

  // Messages
  'log.newMessages': 'New messages',
  'message.you': 'You',
  'message.status.sending': 'Sending…',
  'message.status.sent': 'Sent',
  'message.status.delivered': 'Delivered',
  'message.status.read': 'Read',
  'message.status.failed': 'Not sent',
  'message.retry': 'Retry',
  'message.announce': '{name}: {text}',
  'message.announceFile': '{name} sent a file: {file}',
  'history.discontinuity': 'Some earlier messages could not be loaded',
  'part.loading': 'Loading…',
  'part.failed': 'This part of the chat could not be loaded.',
  'link.newTab': 'opens in a new tab',
  'greeting.default': 'Hi! How can we help you today?',

  // A handoff link that does not continue a case here
  'handoff.used':
    'This link was already opened in another browser. Write to us here to start a new conversation.',
  'handoff.expired': 'This link has expired. Write to us here to start a new conversation.',
  'handoff.invalid': 'This link is not valid. Write to us here to start a new conversation.',

  // Composer
  'composer.label': 'Message',
  'composer.placeholder': 'Write a message…',
  'composer.remaining': {
    plural: 'remaining',
    one: '{remaining} character left',
    other: '{remaining} characters left',
  },
  'composer.send': 'Send',
  'composer.attach': 'Attach files',
  'composer.drop': 'Drop files to send them',
  'composer.newConversation': 'New conversation',
  'composer.startsNew': 'Your next message starts a new conversation.',

  // Connection
  'connection.connecting': 'Connecting…',
  'connection.reconnecting': 'Reconnecting…',
  'connection.offline': 'You are offline. Messages will be sent when the connection returns.',
  'connection.stillTrying': 'Still trying to reconnect…',
  'connection.restored': 'Connected again',

  // Consent
  'consent.text':
    'Before we chat: we keep your messages and details to answer you. You can ask us to erase them at any time.',
  'consent.policy': 'Privacy policy',
  'consent.agree': 'I agree',

  // Queue
  'queue.position': 'You are number {position} in line',
  'queue.eta': 'Estimated wait: about {minutes}\u00a0min',

  // Forms
  'form.prechat.thanks': 'Thank you. Write your question below.',

  // Identity verification
  'verification.verified': 'Identity verified',
  'verification.failed': 'We could not verify your identity.',

  // Leave a message
  'offline.intro': 'We are away right now. Leave a message and we will answer by email.',

  // End of the conversation
  'conversation.ended': 'This conversation has ended.',
  'chat.end': 'End chat',
  'chat.endConfirm': 'End this conversation?',
  'chat.cancel': 'Cancel',
} as const satisfies Record<string, Message>;
