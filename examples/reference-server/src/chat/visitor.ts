import {
  type ChatError,
  ChatError as ChatErrorClass,
  type ClientFrame,
  parseClientFrame,
  type ServerFrame,
} from '@clavard/protocol';
import type { ConversationRow } from '../db/rows.js';
import { eraseAttachments } from '../files/attachments.js';
import { acceptConnection } from './connection.js';
import { fieldErrors, redactedValues } from './forms.js';
import { handoffOpen } from './handoff-open.js';
import type { Hub, VisitorConn, VisitorSession } from './hub.js';
import { inboxChanged } from './inbox.js';
import { fitting, HISTORY_PAGE_BYTES } from './paging.js';
import type { ChatPeer, PeerHandle } from './peer.js';
import { answerPrechat, keepAnswers } from './prechat-first.js';
import { hello, identityOf, owned, toIdentity } from './visitor-hello.js';
import { messageSend } from './visitor-message.js';

type Frame<T extends ClientFrame['type']> = ClientFrame & { type: T };

const _iso = (ms: number) => new Date(ms).toISOString();

/** The visitor ends the conversation (End chat, or the end of their session): everyone is told. */
const endByVisitor = async (hub: Hub, conversation: ConversationRow): Promise<void> => {
  if (conversation.status === 'ended') return;
  const event = await hub.store.end(conversation.id, { type: 'conversation.ended', by: 'visitor' });
  if (!event) return; // the agent ended it meanwhile
  await hub.store.markHandoffResolved(conversation.id);
  hub.publish(conversation, event);
  if (conversation.agent_id) await hub.statsChanged(conversation.agent_id);
  if (conversation.status === 'queued') await hub.queueChanged();
  if (conversation.left_message_at !== null) await inboxChanged(hub);
};

const endSession = async (
  hub: Hub,
  session: VisitorSession,
  reason: 'ended' | 'forgotten',
): Promise<void> => {
  if (reason === 'forgotten') {
    // Their files' bytes go first: the rows that point to them go with the visitor's.
    const { attachments } = hub.options;
    if (attachments) {
      await eraseAttachments(
        hub.store,
        attachments.storage,
        await hub.store.attachmentsOfVisitor(session.visitorId),
      );
    }
    // The agents who held a conversation of theirs drop it: it no longer exists.
    for (const held of await hub.store.forgetVisitor(session.visitorId)) {
      if (held.agent_id !== null) {
        hub.toAgent(held.agent_id, { type: 'agent.removed', conversationId: held.id, reason: 'forgotten' });
      }
    }
  } else {
    // Logging out (`shutdown()`) ends the conversation under way: the agent sees the visitor ended it.
    const current = await hub.store.currentConversation(session.visitorId);
    if (current) await endByVisitor(hub, current);
    await hub.store.endVisitorSession(session.visitorId);
  }
  for (const conn of [...(hub.visitors.get(session.visitorId) ?? [])]) {
    conn.send({ type: 'session.ended', reason });
    conn.close('normal');
  }
  if (reason === 'forgotten') {
    await hub.queueChanged();
    await inboxChanged(hub);
  }
};

const handlers: {
  [T in ClientFrame['type']]?: (
    hub: Hub,
    conn: VisitorConn,
    session: VisitorSession,
    frame: Frame<T>,
  ) => void | Promise<void>;
} = {
  // Written with the other messages of this turn of the event loop, acked after their commit; the
  // connection's later frames wait for it, in order.
  'message.send': (hub, conn, session, frame) =>
    hub.commits.add(() => messageSend(hub, conn, session, frame)),
  async 'history.since'(hub, conn, session, frame) {
    const conversation = await owned(hub, session, frame.conversationId);
    if (frame.afterSeq > conversation.last_seq) {
      conn.send({
        type: 'discontinuity',
        conversationId: conversation.id,
        epoch: conversation.epoch,
        reason: 'history-unavailable',
      });
      return;
    }
    const page = hub.options.historyPageSize;
    const limit = Math.max(1, Math.min(frame.limit ?? page, page));
    const events = await hub.store.events(conversation.id, frame.afterSeq, limit + 1);
    // Paged by bytes as well as count: 30 messages of 9,000 characters do not fit one frame.
    const { kept, cut } = fitting(events.slice(0, limit), HISTORY_PAGE_BYTES);
    conn.send({
      type: 'history',
      conversationId: conversation.id,
      epoch: conversation.epoch,
      afterSeq: frame.afterSeq,
      events: kept,
      hasMore: cut || events.length > limit,
    });
  },
  async typing(hub, _conn, session, frame) {
    const conversation = await hub.store.currentConversation(session.visitorId);
    if (!conversation?.agent_id || conversation.status === 'ended') return;
    hub.toAgent(conversation.agent_id, {
      type: 'agent.typing',
      conversationId: conversation.id,
      active: frame.active,
    });
  },
  async read(hub, _conn, session, frame) {
    const conversation = await hub.store.currentConversation(session.visitorId);
    if (!conversation) return;
    const upToSeq = Math.min(frame.upToSeq, conversation.last_seq);
    if (upToSeq <= conversation.visitor_read_seq) return;
    await hub.store.setReadSeq(conversation.id, 'visitor', upToSeq);
    if (conversation.agent_id) {
      hub.toAgent(conversation.agent_id, { type: 'agent.read', conversationId: conversation.id, upToSeq });
    }
  },
  async 'form.submit'(hub, conn, session, frame) {
    if (await answerPrechat(hub, conn, session, frame)) return;
    const form = await hub.store.formOf(session.visitorId, frame.formId);
    if (!form) throw new ChatErrorClass('not-found', `no form ${frame.formId}`);
    const conversation = await owned(hub, session, form.conversationId);
    if (conversation.status === 'ended')
      throw new ChatErrorClass('conversation-ended', 'the conversation has ended');
    const errors = fieldErrors(form.fields, frame.values);
    const status = Object.keys(errors).length === 0 ? 'accepted' : 'rejected';
    const verified =
      form.kind === 'verification' && status === 'accepted'
        ? hub.options.verifyForm({ formId: form.formId, values: frame.values })
        : undefined;
    const accepted = status === 'accepted';
    const topic = frame.values.topic;
    const routes =
      form.kind === 'prechat' && accepted && topic !== undefined && hub.options.topics.includes(topic);
    const leaves = form.kind === 'offline' && accepted && conversation.status === 'queued';
    // The answer and what it changes, together.
    const event = await hub.store.atomically(async () => {
      const result = await hub.store.submitForm(
        form,
        {
          status,
          redactedValues: redactedValues(form.fields, frame.values),
          ...(verified === undefined ? {} : { verified }),
        },
        {
          type: 'form.result',
          formId: form.formId,
          status,
          ...(status === 'rejected' ? { errors } : {}),
          ...(verified === undefined ? {} : { verified }),
        },
      );
      // Answered once: not asked again, in this conversation or the next.
      if (form.kind === 'prechat' && accepted)
        await keepAnswers(hub, session, redactedValues(form.fields, frame.values));
      // The topic chosen before the chat routes it.
      if (routes) await hub.store.setTopic(conversation.id, topic);
      // A message left with an email: out of the live queue, into the agents' inbox.
      if (leaves) await hub.store.leaveMessage(conversation.id);
      return result;
    });
    if (leaves) await inboxChanged(hub);
    // The email left for an answer shows in the agents' queue; the topic routes it. The agents are told
    // before the visitor hears the form's result.
    if (
      (form.kind === 'offline' || form.kind === 'prechat') &&
      accepted &&
      conversation.status === 'queued'
    ) {
      await hub.queueChanged();
    }
    hub.publish(conversation, event);
    // Already taken: the agent's view gets the name and email the visitor gave.
    if (form.kind === 'prechat' && status === 'accepted' && conversation.agent_id !== null) {
      const fresh = await hub.store.conversation(conversation.id);
      if (fresh)
        hub.toAgent(conversation.agent_id, {
          type: 'agent.conversation',
          conversation: await hub.agentView(fresh),
        });
    }
  },
  async 'rating.submit'(hub, _conn, session, { type: _type, conversationId, ...rating }) {
    const conversation = await owned(hub, session, conversationId);
    await hub.store.rate(conversationId, rating);
    if (conversation.agent_id) {
      hub.toAgent(conversation.agent_id, { type: 'agent.rating', conversationId, ...rating });
      if (conversation.status === 'ended') await hub.statsChanged(conversation.agent_id);
    }
  },
  async 'conversation.end'(hub, _conn, session, frame) {
    await endByVisitor(hub, await owned(hub, session, frame.conversationId));
  },
  async 'session.identify'(hub, _conn, session, frame) {
    const claims = await identityOf(hub, frame.identity);
    if (!claims) throw new ChatErrorClass('unauthorized', 'the identity token is not valid');
    // Read and bound together: two tabs identifying at once as two customers do not both pass the check.
    await hub.store.atomically(async () => {
      await hub.store.claimVisitor(session.visitorId);
      const boundTo = (await hub.store.identityOf(session.visitorId))?.userId;
      if (boundTo !== undefined && boundTo !== claims.sub) {
        throw new ChatErrorClass('forbidden', 'this session belongs to another customer: start a new one');
      }
      await hub.store.identify(session.visitorId, toIdentity(claims));
    });
    await hub.queueChanged();
  },
  'session.end': (hub, _conn, session) => endSession(hub, session, 'ended'),
  'session.forget': (hub, _conn, session) => endSession(hub, session, 'forgotten'),
  'handoff.open': (hub, conn, session, frame) => handoffOpen(hub, conn, session, frame),
};

/**
 * Binds a visitor connection (any transport) to the hub: the visitor protocol, frame by frame.
 *
 * @example
 * ```ts
 * const handle = acceptVisitor(hub, { send: (text) => ws.send(text), close: (reason) => ws.close(CLOSE_CODES[reason], reason) });
 * ```
 */
export function acceptVisitor(hub: Hub, peer: ChatPeer): { conn: VisitorConn; handle: PeerHandle } {
  return acceptConnection<ClientFrame, VisitorSession, ServerFrame>(peer, {
    parse: parseClientFrame,
    helloType: 'session.hello',
    hello: (conn, frame) => (frame.type === 'session.hello' ? hello(hub, conn, frame) : undefined),
    handle(conn, session, frame) {
      const handler = handlers[frame.type] as
        | ((hub: Hub, conn: VisitorConn, session: VisitorSession, frame: ClientFrame) => void | Promise<void>)
        | undefined;
      return handler?.(hub, conn, session, frame);
    },
    closed(conn) {
      if (!conn.session) return;
      const conns = hub.visitors.get(conn.session.visitorId);
      conns?.delete(conn);
      if (conns?.size === 0) hub.visitors.delete(conn.session.visitorId);
    },
    heartbeatMs: hub.options.heartbeatMs,
    helloTimeoutMs: hub.options.helloTimeoutMs,
    report: (error: ChatError) => hub.options.report(error),
    whenCommitted: (send) => hub.commits.whenCommitted(send),
  });
}
