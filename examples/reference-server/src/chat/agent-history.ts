/**
 * An agent reads a conversation's history a page at a time (`agent.history`): their own, or any ended one
 * (the archive is the whole team's memory), each page within a byte budget.
 */
import type { AgentHistoryRequest } from '@clavard/agent-api';
import { ChatError } from '@clavard/protocol';
import type { AgentConn, AgentSession, Hub } from './hub.js';
import { fitting, HISTORY_PAGE_BYTES } from './paging.js';

/**
 * `agent.history`: the page after `afterSeq` (from the start without it), or the page before
 * `beforeSeq`, at most the server's page size and within {@link HISTORY_PAGE_BYTES}; `hasMore` says
 * whether the reader may ask on.
 *
 * @example
 * ```ts
 * await sendHistory(hub, conn, session, { type: 'agent.history', conversationId, beforeSeq: 120 });
 * ```
 */
export async function sendHistory(
  hub: Hub,
  conn: AgentConn,
  session: AgentSession,
  frame: AgentHistoryRequest,
): Promise<void> {
  const conversation = await hub.store.conversation(frame.conversationId);
  // Yours, or ended: the archive is the whole team's memory.
  if (!conversation || (conversation.agent_id !== session.agent.id && conversation.status !== 'ended')) {
    throw new ChatError('not-found', `no conversation ${frame.conversationId} of yours`);
  }
  const page = hub.options.historyPageSize;
  const limit = Math.max(1, Math.min(frame.limit ?? page, page));
  if (frame.beforeSeq !== undefined) {
    const newest = await hub.store.eventsBefore(conversation.id, frame.beforeSeq, limit);
    const { kept } = fitting(newest, HISTORY_PAGE_BYTES);
    const events = kept.reverse();
    conn.send({
      type: 'agent.history',
      conversationId: conversation.id,
      beforeSeq: frame.beforeSeq,
      events,
      hasMore: (events[0]?.seq ?? 1) > 1,
    });
    return;
  }
  const afterSeq = frame.afterSeq ?? 0;
  const events = await hub.store.events(conversation.id, afterSeq, limit + 1);
  const { kept, cut } = fitting(events.slice(0, limit), HISTORY_PAGE_BYTES);
  conn.send({
    type: 'agent.history',
    conversationId: conversation.id,
    afterSeq,
    events: kept,
    hasMore: cut || events.length > limit,
  });
}
