import type { AgentConversation } from '@clavard/agent-api';
import { agentInfo } from '../accounts/accounts.js';
import type { ConversationRow } from '../db/rows.js';
import type { GivenContact, Store } from '../db/store.js';
import { archiveEntry } from './archive.js';
import type { PublicReplies } from './handoff-reply.js';
import { handoffCase } from './handoff-view.js';
import { iso } from './iso-time.js';
import { fitting, VIEW_EVENTS_BYTES } from './paging.js';

/** How many of a visitor's earlier conversations their view lists. */
const EARLIER = 5;
/** Most events in an agent's view of a conversation, however small they are. */
const AGENT_VIEW_EVENTS = 500;

const given = (contact: GivenContact | undefined) => (contact ? { given: contact } : {});

/**
 * A conversation with its newest events, as an agent sees it (`agent.conversation`): within the frame's
 * byte budget, older events on demand; who the visitor is, what they gave, where they are, what came before.
 *
 * @example
 * ```ts
 * conn.send({ type: 'agent.conversation', conversation: agentView(store, row, hub.visitorLocale) });
 * ```
 */
export async function agentView(
  store: Store,
  conversation: ConversationRow,
  visitorLocale: (visitorId: string) => Promise<string | null>,
  replies?: PublicReplies,
): Promise<AgentConversation> {
  const { id, visitor_id: visitorId } = conversation;
  // The newest events within the budget; older ones on demand (`agent.history` with `beforeSeq`).
  const [
    identity,
    newest,
    note,
    locale,
    agentRow,
    rating,
    consent,
    contact,
    context,
    greeted,
    earlier,
    handoff,
  ] = await Promise.all([
    store.identityOf(visitorId),
    store.eventsBefore(id, conversation.last_seq + 1, AGENT_VIEW_EVENTS),
    store.transferNote(id),
    visitorLocale(visitorId),
    conversation.agent_id === null ? undefined : store.agent(conversation.agent_id),
    store.ratingOf(id),
    store.consentOf(id),
    store.givenOf(id),
    store.visitorContext(visitorId),
    store.agentHasWritten(id),
    store.earlierOf(id, EARLIER),
    store.handoffOfConversation(id),
  ]);
  const identified = identity ? { visitor: identity } : {};
  const { kept } = fitting(newest, VIEW_EVENTS_BYTES);
  const events = kept.reverse();
  const noteFrom = note?.fromAgentId ? await store.agent(note.fromAgentId) : undefined;
  return {
    id: conversation.id,
    status: conversation.status,
    epoch: conversation.epoch,
    lastSeq: conversation.last_seq,
    ...(conversation.topic === null ? {} : { topic: conversation.topic }),
    createdAt: iso(conversation.created_at),
    ...(conversation.answered_at === null ? {} : { answeredAt: iso(conversation.answered_at) }),
    visitorReadSeq: conversation.visitor_read_seq,
    ...(agentRow ? { agent: agentInfo(agentRow) } : {}),
    ...(rating ? { rating } : {}),
    ...(consent ? { consent } : {}),
    ...identified,
    ...given(contact),
    ...(locale === null ? {} : { locale }),
    ...context,
    greeted,
    earlier: earlier.map(archiveEntry),
    ...(handoff ? { handoff: await handoffCase(store, handoff, locale, replies) } : {}),
    ...(note
      ? {
          transferNote: {
            ...(noteFrom ? { from: agentInfo(noteFrom) } : {}),
            note: note.note,
            at: iso(note.at),
          },
        }
      : {}),
    events,
    // Seqs start at 1 with no gap: anything older than the first kept event is left for later.
    hasMore: (events[0]?.seq ?? 1) > 1,
  };
}
