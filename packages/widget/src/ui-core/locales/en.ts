import type { Message } from '../messages.js';

/**
 * The English catalogue: every text the widget shows or announces. Its keys define
 * {@link MessageKey}, and its `{placeholders}` the parameters `t()` asks for.
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

  // Header and availability
  'header.availability.online': 'We usually answer in a few minutes',
  'header.availability.offline': 'We are away; leave a message',

  // Agents
  'agent.joined': '{name} has joined',
  'agent.transferred': 'You are now chatting with {name}',
  'agent.typing': '{name} is typing…',
  'agent.left': '{name} left',

  // Messages
  'message.you': 'You',
  'message.status.sending': 'Sending…',
  'message.status.sent': 'Sent',
  'message.status.delivered': 'Delivered',
  'message.status.read': 'Read',
  'message.status.failed': 'Not sent',
  'message.retry': 'Retry',
  'message.announce': '{name}: {text}',
  'history.discontinuity': 'Some earlier messages could not be loaded',
  'link.newTab': 'opens in a new tab',
  'greeting.default': 'Hi! How can we help you today?',

  // Composer
  'composer.label': 'Message',
  'composer.placeholder': 'Write a message…',
  'composer.remaining': {
    plural: 'remaining',
    one: '{remaining} character left',
    other: '{remaining} characters left',
  },
  'composer.send': 'Send',
  'composer.disabled.ended': 'This conversation has ended. Choose “New conversation” to write to us again.',
  'composer.newConversation': 'New conversation',
  'composer.startsNew': 'Your next message starts a new conversation.',

  // Connection
  'connection.connecting': 'Connecting…',
  'connection.reconnecting': 'Reconnecting…',
  'connection.offline': 'You are offline. Messages will be sent when the connection returns.',
  'connection.stillTrying': 'Still trying to reconnect…',
  'connection.restored': 'Connected again',

  // End of the conversation
  'conversation.ended': 'This conversation has ended.',
} as const satisfies Record<string, Message>;
