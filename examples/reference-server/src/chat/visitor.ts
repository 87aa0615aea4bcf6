import {
  type ChatError,
  ChatError as ChatErrorClass,
  type ClientFrame,
  parseClientFrame,
  type ServerFrame,
} from '@clavard/protocol';
import type { ConversationRow } from '../db/rows.js';
import { acceptConnection } from './connection.js';
import { fieldErrors, redactedValues } from './forms.js';
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
const endByVisitor = (hub: Hub, conversation: ConversationRow) => {
  if (conversation.status === 'ended') return;
  const event = hub.store.end(conversation.id, { type: 'conversation.ended', by: 'visitor' });
  hub.publish(conversation, event);
  if (conversation.agent_id) hub.statsChanged(conversation.agent_id);
  if (conversation.status === 'queued') hub.queueChanged();
  if (conversation.left_message_at !== null) inboxChanged(hub);
};

const endSession = (hub: Hub, session: VisitorSession, reason: 'ended' | 'forgotten') => {
  if (reason === 'forgotten') {
    // The agents who held a conversation of theirs drop it: it no longer exists.
    for (const held of hub.store.forgetVisitor(session.visitorId)) {
      if (held.agent_id !== null) {
        hub.toAgent(held.agent_id, { type: 'agent.removed', conversationId: held.id, reason: 'forgotten' });
      }
    }
  } else {
    // Logging out (`shutdown()`) ends the conversation under way: the agent sees the visitor ended it.
    const current = hub.store.currentConversation(session.visitorId);
    if (current) endByVisitor(hub, current);
    hub.store.endVisitorSession(session.visitorId);
  }
  for (const conn of [...(hub.visitors.get(session.visitorId) ?? [])]) {
    conn.send({ type: 'session.ended', reason });
    conn.close('normal');
  }
  if (reason === 'forgotten') {
    hub.queueChanged();
    inboxChanged(hub);
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
  'history.since'(hub, conn, session, frame) {
    const conversation = owned(hub, session, frame.conversationId);
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
    const events = hub.store.events(conversation.id, frame.afterSeq, limit + 1);
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
  typing(hub, _conn, session, frame) {
    const conversation = hub.store.currentConversation(session.visitorId);
    if (!conversation?.agent_id || conversation.status === 'ended') return;
    hub.toAgent(conversation.agent_id, {
      type: 'agent.typing',
      conversationId: conversation.id,
      active: frame.active,
    });
  },
  read(hub, _conn, session, frame) {
    const conversation = hub.store.currentConversation(session.visitorId);
    if (!conversation) return;
    const upToSeq = Math.min(frame.upToSeq, conversation.last_seq);
    if (upToSeq <= conversation.visitor_read_seq) return;
    hub.store.setReadSeq(conversation.id, 'visitor', upToSeq);
    if (conversation.agent_id) {
      hub.toAgent(conversation.agent_id, { type: 'agent.read', conversationId: conversation.id, upToSeq });
    }
  },
  'form.submit'(hub, conn, session, frame) {
    if (answerPrechat(hub, conn, session, frame)) return;
    const form = hub.store.formOf(session.visitorId, frame.formId);
    if (!form) throw new ChatErrorClass('not-found', `no form ${frame.formId}`);
    const conversation = owned(hub, session, form.conversationId);
    if (conversation.status === 'ended')
      throw new ChatErrorClass('conversation-ended', 'the conversation has ended');
    const errors = fieldErrors(form.fields, frame.values);
    const status = Object.keys(errors).length === 0 ? 'accepted' : 'rejected';
    const verified =
      form.kind === 'verification' && status === 'accepted'
        ? hub.options.verifyForm({ formId: form.formId, values: frame.values })
        : undefined;
    const event = hub.store.submitForm(
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
    hub.publish(conversation, event);
    // Answered once: not asked again, in this conversation or the next.
    if (form.kind === 'prechat' && status === 'accepted')
      keepAnswers(hub, session, redactedValues(form.fields, frame.values));
    // The email left for an answer shows in the agents' queue; the topic chosen before the chat routes it.
    const topic = frame.values.topic;
    if (
      form.kind === 'prechat' &&
      status === 'accepted' &&
      topic !== undefined &&
      hub.options.topics.includes(topic)
    ) {
      hub.store.setTopic(conversation.id, topic);
    }
    // A message left with an email: out of the live queue, into the agents' inbox.
    if (form.kind === 'offline' && status === 'accepted' && conversation.status === 'queued') {
      hub.store.leaveMessage(conversation.id);
      inboxChanged(hub);
    }
    if (
      (form.kind === 'offline' || form.kind === 'prechat') &&
      status === 'accepted' &&
      conversation.status === 'queued'
    ) {
      hub.queueChanged();
    }
    // Already taken: the agent's view gets the name and email the visitor gave.
    if (form.kind === 'prechat' && status === 'accepted' && conversation.agent_id !== null) {
      const fresh = hub.store.conversation(conversation.id);
      if (fresh)
        hub.toAgent(conversation.agent_id, {
          type: 'agent.conversation',
          conversation: hub.agentView(fresh),
        });
    }
  },
  'rating.submit'(hub, _conn, session, { type: _type, conversationId, ...rating }) {
    const conversation = owned(hub, session, conversationId);
    hub.store.rate(conversationId, rating);
    if (conversation.agent_id) {
      hub.toAgent(conversation.agent_id, { type: 'agent.rating', conversationId, ...rating });
      if (conversation.status === 'ended') hub.statsChanged(conversation.agent_id);
    }
  },
  'conversation.end'(hub, _conn, session, frame) {
    endByVisitor(hub, owned(hub, session, frame.conversationId));
  },
  async 'session.identify'(hub, _conn, session, frame) {
    const claims = await identityOf(hub, frame.identity);
    if (!claims) throw new ChatErrorClass('unauthorized', 'the identity token is not valid');
    const boundTo = hub.store.identityOf(session.visitorId)?.userId;
    if (boundTo !== undefined && boundTo !== claims.sub) {
      throw new ChatErrorClass('forbidden', 'this session belongs to another customer: start a new one');
    }
    hub.store.identify(session.visitorId, toIdentity(claims));
    hub.queueChanged();
  },
  'session.end'(hub, _conn, session) {
    endSession(hub, session, 'ended');
  },
  'session.forget'(hub, _conn, session) {
    endSession(hub, session, 'forgotten');
  },
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
