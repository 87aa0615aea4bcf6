/**
 * Who may read a file: a visitor, the files of their own conversations and uploads; an agent, their own
 * uploads and the files of conversations they may open (one they hold, or one that has ended, as the
 * archive opens it).
 */
import type { AttachmentRow } from '../db/attachment-store.js';
import type { Store } from '../db/store-types.js';

/**
 * Who asks for an upload or a file, from their token; `owner` is what their uploads' rows say.
 *
 * @example
 * ```ts
 * const reader: Reader = { role: 'visitor', visitorId, owner: `visitor:${visitorId}` };
 * ```
 */
export type Reader =
  | { role: 'visitor'; visitorId: string; owner: string }
  | { role: 'agent'; agentId: string; owner: string };

/**
 * A visitor's {@link Reader}.
 *
 * @example
 * ```ts
 * const who = visitorReader(row.id);
 * ```
 */
export const visitorReader = (visitorId: string): Reader => ({
  role: 'visitor',
  visitorId,
  owner: `visitor:${visitorId}`,
});

/**
 * An agent's {@link Reader}.
 *
 * @example
 * ```ts
 * const who = agentReader(row.id);
 * ```
 */
export const agentReader = (agentId: string): Reader => ({
  role: 'agent',
  agentId,
  owner: `agent:${agentId}`,
});

/**
 * Whether `reader` may read the file of `row` (see the file's comment).
 *
 * @example
 * ```ts
 * if (!(await readerMay(store, reader, row))) throw new ChatError('not-found', 'no file');
 * ```
 */
export async function readerMay(store: Store, reader: Reader, row: AttachmentRow): Promise<boolean> {
  if (row.owner === reader.owner) return true;
  if (reader.role === 'visitor') return row.visitor_id === reader.visitorId && row.status === 'sent';
  if (row.status !== 'sent' || row.conversation_id === null) return false;
  const conversation = await store.conversation(row.conversation_id);
  return (
    conversation !== undefined &&
    (conversation.status === 'ended' || conversation.agent_id === reader.agentId)
  );
}
