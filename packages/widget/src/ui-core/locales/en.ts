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
  'form.prechat.title': 'Before we start',
  'form.prechat.start': 'Start the conversation',
  'form.prechat.thanks': 'Thank you. Write your question below.',
  'form.custom.title': 'A few details',
  'form.optional': '(optional)',
  'form.submit': 'Submit',
  'form.sending': 'Sending…',
  'form.sent': 'Thank you, your answers were sent.',
  'form.choose': 'Choose…',
  'form.hidden': 'Hidden as you type, and never saved in this browser.',
  'form.datePlaceholder': 'YYYY-MM-DD',
  'form.error.required': 'This field is required.',
  'form.error.email': 'Enter a valid email address, like name@example.com.',
  'form.error.pattern': 'This value is not in the expected format.',
  'form.error.number': 'Enter a number.',
  'form.error.date': 'Enter a date as YYYY-MM-DD.',
  'form.error.tooLong': {
    plural: 'max',
    one: 'Use at most {max} character.',
    other: 'Use at most {max} characters.',
  },
  'form.error.summary': {
    plural: 'count',
    one: '{count} field needs your attention.',
    other: '{count} fields need your attention.',
  },
  'form.error.notSent': 'Your answers could not be sent. Check the connection and try again.',

  // Identity verification
  'verification.title': 'Verify your identity',
  'verification.explanation':
    'What you enter here is only used to confirm who you are. It is hidden as you type, sent securely, and never saved in this browser or in the transcript.',
  'verification.submit': 'Verify',
  'verification.verified': 'Identity verified',
  'verification.failed': 'We could not verify your identity.',

  // Leave a message
  'offline.title': 'Leave a message',
  'offline.intro': 'We are away right now. Leave a message and we will answer by email.',
  'offline.submit': 'Send message',
  'offline.sent': 'Thank you! Your message was received. We will answer by email.',

  // End of the conversation
  'conversation.ended': 'This conversation has ended.',
  'chat.end': 'End chat',
  'chat.endConfirm': 'End this conversation?',
  'chat.cancel': 'Cancel',
  'end.title': 'How did it go?',
  'end.solved.question': 'Was your problem solved?',
  'end.solved.yes': 'Yes',
  'end.solved.no': 'No',
  'end.rating.label': 'Rate this conversation',
  'end.rating.1': '1 – Very poor',
  'end.rating.2': '2 – Poor',
  'end.rating.3': '3 – Okay',
  'end.rating.4': '4 – Good',
  'end.rating.5': '5 – Excellent',
  'end.note.label': 'A note for {name} (optional)',
  'end.note.labelTeam': 'A note for the team (optional)',
  'end.submit': 'Send feedback',
  'end.thanks': 'Thank you for your feedback!',
  'end.transcript': 'Download the transcript',
  'end.offer': 'You may also like',
  'transcript.title': 'Conversation with {organisation}',
  'transcript.form': '[Form: {title}. Answers not included.]',
} as const satisfies Record<string, Message>;
