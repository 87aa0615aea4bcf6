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
  'messages.new': 'New messages',
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
  'composer.disabled.offline': 'You are offline. You can write again when the connection returns.',
  'composer.disabled.ended': 'This conversation has ended. Choose “New conversation” to write to us again.',

  // Connection
  'connection.connecting': 'Connecting…',
  'connection.reconnecting': 'Reconnecting…',
  'connection.offline': 'You are offline. Messages will be sent when the connection returns.',
  'connection.stillTrying': 'Still trying to reconnect…',
  'connection.restored': 'Connected again',

  // Queue
  'queue.position': 'You are number {position} in line',
  'queue.eta': 'Estimated wait: about {minutes}\u00a0min',

  // Forms
  'form.prechat.title': 'Before we start',
  'form.name': 'Name',
  'form.email': 'Email',
  'form.topic': 'Topic',
  'form.required': 'required',
  'form.optional': 'optional',
  'form.start': 'Start chat',
  'form.submit': 'Submit',
  'form.redacted': '(hidden)',
  'form.error.required': 'This field is required.',
  'form.error.email': 'Enter a valid email address, like name@example.com.',
  'form.error.pattern': 'This value is not in the expected format.',
  'form.error.tooLong': {
    plural: 'max',
    one: 'Use at most {max} character.',
    other: 'Use at most {max} characters.',
  },

  // Identity verification
  'verification.title': 'Verify your identity',
  'verification.explanation':
    'To protect your account, we need to confirm who you are. What you enter here is sent securely, hidden once sent, and never saved in this browser.',
  'verification.submit': 'Verify',

  // Leave a message
  'offline.title': 'Leave a message',
  'offline.intro': 'We are away right now. Leave a message and we will answer by email.',
  'offline.submit': 'Send message',
  'offline.sent': 'Thank you! We will get back to you soon.',

  // End of the conversation
  'chat.end': 'End chat',
  'chat.endConfirm': 'End this conversation?',
  'chat.cancel': 'Cancel',
  'conversation.ended': 'This conversation has ended.',
  'end.solved.question': 'Was your problem solved?',
  'end.solved.yes': 'Yes',
  'end.solved.no': 'No',
  'end.rating.label': 'Rate this conversation',
  'end.rating.value': { plural: 'rating', one: '{rating} star out of 5', other: '{rating} stars out of 5' },
  'end.rating.1': 'Very poor',
  'end.rating.2': 'Poor',
  'end.rating.3': 'Okay',
  'end.rating.4': 'Good',
  'end.rating.5': 'Excellent',
  'end.note.label': 'Leave a note for {name}',
  'end.submit': 'Send feedback',
  'end.transcript': 'Download transcript',
  'end.thanks': 'Thank you!',
  'end.newChat': 'New conversation',
} as const satisfies Record<string, Message>;
