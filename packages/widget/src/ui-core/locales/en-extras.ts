import type { Message } from '../messages.js';

/**
 * The English texts of the lazily loaded parts: the forms, identity verification, the leave-a-message
 * form, the end-of-conversation survey, the transcript and the files. They come with those parts
 * (`clavard-extras.js` for the script tag), so a page that never shows one never loads them; the rest is
 * in ./en.ts. Their keys are {@link MessageKey}s like the others: `messages` overrides them too.
 *
 * @example
 * ```ts
 * enExtras['end.title']; // 'How did it go?'
 * ```
 */
export const enExtras = {
  // Forms
  'form.prechat.title': 'Before we start',
  'form.prechat.start': 'Start the conversation',
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

  // Leave a message
  'offline.title': 'Leave a message',
  'offline.submit': 'Send message',
  'offline.sent': 'Thank you! Your message was received. We will answer by email.',

  // End of the conversation
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

  // Files
  'file.privacy': 'Location and camera details are removed from photos.',
  'file.attachment-too-large': 'This file is over {size}, the largest this chat takes.',
  'file.attachment-type-refused': 'Only images (PNG, JPEG, WebP, GIF), PDF and plain text can be sent.',
  'file.attachment-limit': 'This conversation has reached its limit of files.',
  'file.outbox-full': 'Files waiting to be sent are limited to 50 MB; wait for them to go.',
  'file.storage-unavailable': 'This file was lost when the page reloaded: choose it again.',
  'file.network': 'The file could not be sent: check the connection and try again.',
  'file.failed': 'This file could not be sent.',
  'file.uploading': 'Uploading {name}',
  'file.uploaded': '{name} sent',
  'file.notSent': '{name} not sent: {error}',
  'file.cancel': 'Cancel',
  'file.retry': 'Retry',
  'file.download': 'Download',
  'file.close': 'Close',
  'file.downloadFailed': 'The download failed. Try again.',
  'file.image': '{type} image',
  'file.pdf': 'PDF document',
  'file.text': 'Text file',
  'file.file': 'File',
  'file.units': 'B KB MB GB',
} as const satisfies Record<string, Message>;
