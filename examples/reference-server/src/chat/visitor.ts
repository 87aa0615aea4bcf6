import { hash, randomUUID } from 'node:crypto';
import {
  type ChatError,
  ChatError as ChatErrorClass,
  type ClientFrame,
  isCompatibleVersion,
  type MessageSend,
  PROTOCOL_VERSION,
  type PrechatForm,
  parseClientFrame,
  type ServerFrame,
  type SessionHello,
} from '@clavard/protocol';
import type { ConversationRow } from '../db/rows.js';
import type { VisitorIdentity } from '../db/store.js';
import type { IdentityClaims } from '../identity.js';
import { createToken, hashToken } from '../tokens.js';
import { acceptConnection } from './connection.js';
import { fieldErrors, redactedValues } from './forms.js';
import type { Hub, VisitorConn, VisitorSession } from './hub.js';
import { inboxChanged } from './inbox.js';
import { offlineForm } from './offline.js';
import { fitting, HISTORY_PAGE_BYTES } from './paging.js';
import type { ChatPeer, PeerHandle } from './peer.js';
import { prechatForm } from './prechat.js';
import { answerPrechat, carryAnswers, keepAnswers, prechatOffer, startingTopic } from './prechat-first.js';

type Frame<T extends ClientFrame['type']> = ClientFrame & { type: T };

const iso = (ms: number) => new Date(ms).toISOString();

/** What makes two sends of one clientId "the same message". */
export const contentHash = (parts: unknown): string => hash('sha256', JSON.stringify(parts));

/** A conversation of this visitor, or `not-found` (never `forbidden`: that would say it exists). */
const owned = (hub: Hub, session: VisitorSession, conversationId: string): ConversationRow => {
  const conversation = hub.store.conversation(conversationId);
  if (!conversation || conversation.visitor_id !== session.visitorId) {
    throw new ChatErrorClass('not-found', `no conversation ${conversationId} in this session`);
  }
  return conversation;
};

const sendEventsAfter = (hub: Hub, conn: VisitorConn, conversation: ConversationRow, after: number) => {
  let from = after;
  const page = hub.options.historyPageSize;
  for (;;) {
    const events = hub.store.events(conversation.id, from, page);
    for (const event of events) conn.send(event);
    const last = events.at(-1);
    if (!last || events.length < page) return;
    from = last.seq;
  }
};

const resume = (
  hub: Hub,
  conn: VisitorConn,
  session: VisitorSession,
  { conversationId, lastSeq, epoch }: NonNullable<SessionHello['resume']>,
) => {
  const conversation = owned(hub, session, conversationId);
  const epochChanged = epoch !== undefined && epoch !== conversation.epoch;
  if (epochChanged || lastSeq > conversation.last_seq) {
    conn.send({
      type: 'discontinuity',
      conversationId,
      epoch: conversation.epoch,
      reason: epochChanged ? 'epoch-changed' : 'history-unavailable',
    });
    return;
  }
  sendEventsAfter(hub, conn, conversation, lastSeq);
  // Read and queue state are told as they are now, never replayed.
  if (conversation.agent_read_seq > 0) {
    conn.send({ type: 'read', conversationId, upToSeq: conversation.agent_read_seq, by: 'agent' });
  }
  const update = hub.queueUpdateOf(conversationId);
  if (update) conn.send(update);
};

/** The claims of a verified identity token, or undefined (no keys, no token, or a bad one). */
const identityOf = async (hub: Hub, token: string | undefined): Promise<IdentityClaims | undefined> =>
  token === undefined || hub.options.identity === undefined
    ? undefined
    : hub.options.identity(token, hub.options.now());

const toIdentity = (claims: IdentityClaims): VisitorIdentity => ({
  userId: claims.sub,
  ...(claims.name === undefined ? {} : { name: claims.name }),
  ...(claims.email === undefined ? {} : { email: claims.email }),
});

/**
 * The hello; with an identity token to verify, once it is verified. The visitor's row is written with the
 * other writes of this turn of the event loop (group commit), and the welcome (its token) goes out after
 * their commit; later frames wait for it.
 */
const hello = (hub: Hub, conn: VisitorConn, frame: SessionHello): Promise<void> | undefined => {
  if (!isCompatibleVersion(frame.v)) {
    conn.error('unsupported-version', `this server speaks ${PROTOCOL_VERSION}`);
    conn.close('unsupported-version');
    return undefined;
  }
  if (frame.identity === undefined || hub.options.identity === undefined) {
    return hub.commits.add(() => welcomeVisitor(hub, conn, frame, undefined));
  }
  return identityOf(hub, frame.identity).then((claims) =>
    conn.open ? hub.commits.add(() => welcomeVisitor(hub, conn, frame, claims)) : undefined,
  );
};

const welcomeVisitor = (
  hub: Hub,
  conn: VisitorConn,
  frame: SessionHello,
  claims: IdentityClaims | undefined,
) => {
  let known = frame.token === undefined ? undefined : hub.store.visitorByTokenHash(hashToken(frame.token));
  // Another customer signed in on this browser: they get a session of their own, not the last one's.
  const boundTo = known && hub.store.identityOf(known.id)?.userId;
  if (claims && boundTo !== undefined && boundTo !== claims.sub) known = undefined;
  const token = known && frame.token !== undefined ? frame.token : createToken();
  const visitor = known ?? hub.store.createVisitor(hashToken(token), frame.locale);
  if (known) hub.store.touchVisitor(known.id);
  if (claims) hub.store.identify(visitor.id, toIdentity(claims));
  const context = {
    ...(frame.page
      ? { page: { url: frame.page.url, ...(frame.page.title ? { title: frame.page.title } : {}) } }
      : {}),
    ...(frame.timeZone ? { timeZone: frame.timeZone } : {}),
  };
  hub.store.setVisitorContext(visitor.id, context);
  // Only a topic the organisation has routes a conversation; anything else is ignored.
  const asked = frame.attributes?.topic;
  const topic = asked !== undefined && hub.options.topics.includes(asked) ? asked : undefined;
  const session: VisitorSession = { visitorId: visitor.id, topic };
  // A returning visitor's answered topic: the faces of who is there follow it.
  session.topic ??= startingTopic(hub, session);
  conn.session = session;
  const conns = hub.visitors.get(visitor.id) ?? new Set();
  conns.add(conn);
  hub.visitors.set(visitor.id, conns);

  const conversation = hub.store.currentConversation(visitor.id);
  const agentRow =
    conversation?.agent_id && conversation.status !== 'ended'
      ? hub.store.agent(conversation.agent_id)
      : undefined;
  const { heartbeatMs } = hub.options;
  conn.send({
    type: 'session.welcome',
    v: PROTOCOL_VERSION,
    token,
    resumed: known !== undefined,
    availability: hub.availabilityOf(conn),
    ...(conversation
      ? {
          conversation: {
            id: conversation.id,
            epoch: conversation.epoch,
            lastSeq: conversation.last_seq,
            status: conversation.status,
          },
        }
      : {}),
    ...(agentRow ? { agent: hub.agentInfo(agentRow) } : {}),
    ...(heartbeatMs > 0 ? { heartbeatMs } : {}),
    identified: hub.store.identityOf(visitor.id) !== undefined,
    ...prechatOf(hub, session),
  });
  if (known && frame.resume) {
    // Refused (not this visitor's conversation): said after the welcome, which stands.
    try {
      resume(hub, conn, session, frame.resume);
    } catch (error) {
      if (!ChatErrorClass.isInstance(error)) throw error;
      conn.error(error.code, error.message);
    }
  }
  // The agent in charge sees where the visitor is now.
  if (conversation?.agent_id && conversation.status === 'active') {
    hub.toAgent(conversation.agent_id, {
      type: 'agent.visitor',
      conversationId: conversation.id,
      ...context,
    });
  }
};

const prechatOf = (hub: Hub, session: VisitorSession): { prechat?: PrechatForm } => {
  const prechat = prechatOffer(hub, session);
  return prechat ? { prechat } : {};
};

const messageSend = (hub: Hub, conn: VisitorConn, session: VisitorSession, frame: MessageSend) => {
  const hash = contentHash([frame.text, frame.quickReplyId ?? null]);
  const previous = hub.store.ackOf(session.visitorId, frame.clientId);
  if (previous) {
    if (previous.content_hash !== hash) {
      conn.error('idempotency-conflict', 'this clientId was sent with another text', frame.clientId);
      return;
    }
    conn.send({
      type: 'message.ack',
      conversationId: previous.conversation_id,
      clientId: previous.client_id,
      id: previous.message_id,
      seq: previous.seq,
      at: iso(previous.at),
      duplicate: true,
    });
    return;
  }
  const existing = hub.store.currentConversation(session.visitorId);
  const created = !existing || existing.status === 'ended';
  // Back after leaving a message, and somebody can answer now: live again, at its place in the queue.
  const backLive = !created && existing.left_message_at !== null && hub.availability().online;
  if (backLive) hub.store.backToQueue(existing.id);
  const conversation = created
    ? hub.store.createConversation(session.visitorId, startingTopic(hub, session))
    : existing;
  if (created && frame.consent) hub.store.recordConsent(conversation.id, frame.consent);
  const answered = created && carryAnswers(hub, conversation.id, session.visitorId);
  const { event, ack } = hub.store.storeMessage({
    conversationId: conversation.id,
    clientId: frame.clientId,
    contentHash: hash,
    event: {
      type: 'message',
      id: randomUUID(),
      author: { role: 'visitor' },
      content: { kind: 'text', text: frame.text },
      clientId: frame.clientId,
    },
  });
  hub.publish(conversation, event);
  conn.send({
    type: 'message.ack',
    conversationId: conversation.id,
    clientId: frame.clientId,
    id: ack.message_id,
    seq: ack.seq,
    at: event.at,
  });
  if (
    created &&
    !answered &&
    hub.options.topics.length > 0 &&
    session.topic === undefined &&
    hub.store.identityOf(session.visitorId) === undefined &&
    hub.availability().online
  ) {
    // Who and what about, so that the right agent takes it: the topic routes the conversation.
    hub.askForm(conversation, {
      kind: 'prechat',
      ...prechatForm(hub.options.topics, hub.visitorLocale(session.visitorId), hub.options.topicLabels),
    });
  }
  if (created && hub.options.leaveMessage && !hub.availability().online) {
    // Nobody can answer now: ask for an email to answer by, under the message the visitor left.
    hub.askForm(conversation, { kind: 'offline', ...offlineForm(hub.visitorLocale(session.visitorId)) });
  }
  if (created) hub.queueArrived(conversation.id);
  else if (backLive) hub.queueChanged();
  if (backLive || existing?.left_message_at) inboxChanged(hub);
};

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
  });
}
