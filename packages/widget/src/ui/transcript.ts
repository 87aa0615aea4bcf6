import type { MessageContent } from '@clavard/protocol';
import type { ChatEntry, ConfirmedEntry } from '../headless/index.js';
import { agentDisplayName } from '../ui-core/agent-name.js';
import type { Translator } from '../ui-core/i18n.js';
import { authorName } from './author-name.js';

/** What {@link transcriptText} needs besides the entries. */
export interface TranscriptOptions {
  translator: Translator;
  /** The organisation's name, for the title and for system messages. */
  organisation: string;
  /** IANA time zone of the date line (give the translator's). @default the browser's time zone */
  timeZone?: string;
  /** The moment the date line shows when no entry has one yet. @default now */
  now?: Date;
}

/**
 * A moment with its date and time zone for `locale`, as the transcript's second line shows it:
 * `Friday, December 4, 2026 at 2:05 PM (America/Toronto)`, `vendredi 4 décembre 2026 à 14 h 05
 * (America/Toronto)` (Intl's words, which vary a little with the browser).
 *
 * @example
 * ```ts
 * transcriptDate('2026-12-04T19:05:00Z', 'en', 'America/Toronto');
 * ```
 */
export function transcriptDate(at: Date | string, locale: string, timeZone?: string): string {
  const format = new Intl.DateTimeFormat(locale, {
    dateStyle: 'full',
    timeStyle: 'short',
    ...(timeZone === undefined ? {} : { timeZone }),
  });
  return `${format.format(new Date(at))} (${format.resolvedOptions().timeZone})`;
}

const contentText = (content: MessageContent): string => {
  switch (content.kind) {
    case 'text':
    case 'quick-replies':
      return content.text;
    case 'link':
    case 'product':
      return `${content.title} <${content.url}>`;
    case 'attachment':
      return content.caption ? `[${content.name}] ${content.caption}` : `[${content.name}]`;
  }
};

/**
 * The conversation as plain text, for the visitor to download: a title with the organisation's name, the
 * date, time and time zone of the first entry (see {@link transcriptDate}), then one line per message
 * (time, author, text) and per notice (joined, transfer, verification decision, end with the closing
 * text). A form is one line saying answers were sent: form values are never in the client's entries, so
 * no answer, sensitive or not, can reach the file. Lines end with CRLF, for every text editor.
 *
 * @example
 * ```ts
 * transcriptText(client.messages.value, { translator, organisation: 'Fibre Nord', timeZone: 'America/Toronto' });
 * // 'Conversation with Fibre Nord\r\nFriday, December 4, 2026 at 2:05 PM (America/Toronto)\r\n\r\n[2:05 PM] You: Hello\r\n…'
 * ```
 */
export function transcriptText(entries: readonly ChatEntry[], options: TranscriptOptions): string {
  const { translator, organisation } = options;
  const { t } = translator;
  const first = entries.find((entry): entry is ConfirmedEntry => entry.kind === 'event');
  const start = first?.at ?? options.now ?? new Date();
  const lines = [
    t('transcript.title', { organisation }),
    transcriptDate(start, translator.locale, options.timeZone),
    '',
  ];
  for (const entry of entries) {
    if (entry.kind === 'pending') {
      lines.push(`${t('message.you')}: ${entry.text}`);
      continue;
    }
    const event = entry.event;
    const at = `[${translator.formatTime(entry.at)}]`;
    switch (event.type) {
      case 'message': {
        const name =
          event.author.role === 'visitor' ? t('message.you') : (authorName(event.author) ?? organisation);
        lines.push(`${at} ${name}: ${contentText(event.content)}`);
        break;
      }
      case 'agent.joined':
      case 'agent.left':
      case 'agent.transferred':
        lines.push(`${at} ${t(event.type, { name: agentDisplayName(event.agent) })}`);
        break;
      case 'form.request':
        lines.push(`${at} ${t('transcript.form', { title: event.title ?? event.kind })}`);
        break;
      case 'form.result':
        // Said only once the server accepted the answers: a form never submitted says nothing more.
        if (event.verified !== undefined) {
          lines.push(`${at} ${t(event.verified ? 'verification.verified' : 'verification.failed')}`);
        } else if (event.status === 'accepted') {
          lines.push(`${at} ${t('form.sent')}`);
        }
        break;
      case 'conversation.ended':
        lines.push(`${at} ${t('conversation.ended')}${event.closing ? ` ${event.closing}` : ''}`);
        break;
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
