/**
 * What both stores make of their rows, whichever engine read them: an event from its stored payload, a
 * visitor's context, a form asked in a conversation.
 */
import type { ConversationEvent, FormField, FormKind } from '@clavard/protocol';
import type { FormRow } from './rows.js';
import type { VisitorContext } from './store-types.js';

/**
 * The event a row of `events` holds: its payload was written from a typed event, so reading it back
 * gives that event.
 *
 * @example
 * ```ts
 * rows.map((row) => eventFromRow(conversationId, row));
 * ```
 */
export const eventFromRow = (
  conversationId: string,
  row: { seq: number; type: string; payload: string; at: number },
): ConversationEvent =>
  ({
    ...(JSON.parse(row.payload) as object),
    type: row.type,
    conversationId,
    seq: row.seq,
    at: new Date(row.at).toISOString(),
  }) as ConversationEvent;

/**
 * A visitor's context from their row's columns; nothing for a column left empty.
 *
 * @example
 * ```ts
 * contextFromRow({ page_url: 'https://shop.example/plans', page_title: null, time_zone: 'America/Toronto' });
 * ```
 */
export const contextFromRow = (row: {
  page_url: string | null;
  page_title: string | null;
  time_zone: string | null;
}): VisitorContext => ({
  ...(row.page_url === null
    ? {}
    : { page: { url: row.page_url, ...(row.page_title === null ? {} : { title: row.page_title }) } }),
  ...(row.time_zone === null ? {} : { timeZone: row.time_zone }),
});

/**
 * A form asked in a conversation, its fields read back from their JSON.
 *
 * @example
 * ```ts
 * formFromRow({ conversation_id: 'c1', form_id: 'f1', kind: 'prechat', fields: '[]' });
 * ```
 */
export const formFromRow = (row: {
  conversation_id: string;
  form_id: string;
  kind: FormKind;
  fields: string;
}): FormRow => ({
  conversationId: row.conversation_id,
  formId: row.form_id,
  kind: row.kind,
  fields: JSON.parse(row.fields) as FormField[],
});
