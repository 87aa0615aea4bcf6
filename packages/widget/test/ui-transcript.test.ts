import type { ConversationEvent } from '@clavard/protocol';
import { describe, expect, it } from 'vitest';
import type { ChatEntry } from '../src/headless/index.js';
import { transcriptDate, transcriptText } from '../src/ui/transcript.js';
import { addBuiltInMessages, createTranslator } from '../src/ui-core/i18n.js';
import { EXTRAS_CATALOGUES } from '../src/ui-core/locales/extras-catalogues.js';

// The transcript is made by the end survey, one of the lazily loaded parts: their texts are there.
addBuiltInMessages(EXTRAS_CATALOGUES);

const zone = 'America/Toronto';

function confirmed(seq: number, at: string, event: Record<string, unknown>): ChatEntry {
  const full = { conversationId: 'c1', seq, at, ...event } as unknown as ConversationEvent;
  return { kind: 'event', key: `k${seq}`, seq, at, event: full, delivery: undefined };
}

const entries: ChatEntry[] = [
  confirmed(1, '2026-12-04T19:05:00.000Z', {
    type: 'message',
    id: 'm1',
    author: { role: 'visitor' },
    content: { kind: 'text', text: 'Hello' },
  }),
  confirmed(2, '2026-12-04T19:07:00.000Z', {
    type: 'message',
    id: 'm2',
    author: { role: 'agent', id: 'a-17', firstName: 'Julie' },
    content: { kind: 'text', text: 'Hi!' },
  }),
];

describe('transcript', () => {
  it('says the organisation, the date, the time and the time zone at the top, in English', () => {
    const translator = createTranslator({ locale: 'en', timeZone: zone });
    const lines = transcriptText(entries, { translator, organisation: 'Fibre Nord', timeZone: zone }).split(
      '\r\n',
    );
    expect(lines[0]).toBe('Conversation with Fibre Nord');
    expect(lines[1]).toMatch(/^Friday, December 4, 2026.*2:05\sPM \(America\/Toronto\)$/);
    expect(lines[2]).toBe('');
    expect(lines[3]).toMatch(/^\[2:05\sPM\] You: Hello$/);
    expect(lines[4]).toMatch(/^\[2:07\sPM\] Julie: Hi!$/);
  });

  it('says them in Quebec French, in the time zone asked for', () => {
    const translator = createTranslator({ locale: 'fr-CA', timeZone: 'UTC' });
    const lines = transcriptText(entries, { translator, organisation: 'Fibre Nord', timeZone: 'UTC' }).split(
      '\r\n',
    );
    expect(lines[0]).toBe('Conversation avec Fibre Nord');
    expect(lines[1]).toMatch(/^vendredi 4 décembre 2026.*19\sh\s05 \(UTC\)$/);
    expect(lines[3]).toMatch(/^\[19\sh\s05\] Vous\u00a0?: Hello$/);
  });

  it('dates a transcript with no confirmed entry by `now`', () => {
    const now = new Date('2026-12-05T01:00:00.000Z');
    expect(transcriptDate(now, 'en', 'UTC')).toMatch(/^Saturday, December 5, 2026.*1:00\sAM \(UTC\)$/);
    const translator = createTranslator({ locale: 'en' });
    const text = transcriptText([], { translator, organisation: 'Fibre Nord', now, timeZone: 'UTC' });
    expect(text.split('\r\n')[1]).toBe(transcriptDate(now, 'en', 'UTC'));
  });
});
