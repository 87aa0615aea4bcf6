import {
  ChatError,
  type ClientFrame,
  type HistorySince,
  isCompatibleVersion,
  isServerErrorCode,
  type MessageSend,
  PROTOCOL_VERSION,
  type SessionHello,
} from '@clavard/protocol';
import { agentMessage, joinAgent } from './chat-agents.js';
import { type ChatCore, type Conn, type Conversation, lastSeq, type Session } from './chat-core.js';
import { answerPrechat, formOwner, submitForm } from './chat-forms.js';
import type { ChatConnection, ChatPeer } from './chat-server-types.js';

type Frame<T extends ClientFrame['type']> = Extract<ClientFrame, { type: T }>;

const sendError = (core: ChatCore, conn: Conn, code: string, message: string, clientId?: string): void => {
  core.send(conn, {
    type: 'error',
    code: isServerErrorCode(code) ? code : 'server-error',
    message,
    retryable: false,
    ...(clientId === undefined ? {} : { clientId }),
  });
};

const current = (core: ChatCore, session: Session): Conversation | undefined => {
  const id = session.conversationIds.at(-1);
  return id === undefined ? undefined : core.conversations.get(id);
};

/** A conversation of this session, or a `not-found` error. */
const owned = (core: ChatCore, session: Session, id: string): Conversation => {
  const conversation = core.conversations.get(id);
  if (!conversation || conversation.token !== session.token) {
    throw new ChatError('not-found', `no conversation ${id} in this session`);
  }
  return conversation;
};

const pong = (core: ChatCore, conn: Conn, frame: Frame<'ping' | 'pong'>): void => {
  core.send(conn, frame.id === undefined ? { type: 'pong' } : { type: 'pong', id: frame.id });
};

const hello = (core: ChatCore, conn: Conn, frame: SessionHello): void => {
  if (!isCompatibleVersion(frame.v)) {
    sendError(core, conn, 'unsupported-version', `this server speaks ${PROTOCOL_VERSION}`);
    core.closeConn(conn, 'unsupported-version');
    return;
  }
  const known = frame.token === undefined ? undefined : core.sessions.get(frame.token);
  const session: Session = known ?? {
    token: core.options.createId(),
    conversationIds: [],
    connections: new Set(),
    identity: frame.identity,
  };
  if (!known) {
    core.sessions.set(session.token, session);
    core.events.emit('session', { token: session.token, change: 'started' });
  }
  conn.session = session;
  session.connections.add(conn);
  const conversation = current(core, session);
  const { heartbeatMs, prechat } = core.options;
  core.send(conn, {
    type: 'session.welcome',
    v: PROTOCOL_VERSION,
    token: session.token,
    resumed: known !== undefined,
    availability: { ...core.availability },
    ...(conversation
      ? {
          conversation: {
            id: conversation.id,
            epoch: conversation.epoch,
            lastSeq: lastSeq(conversation),
            status: conversation.status,
          },
        }
      : {}),
    ...(conversation?.agent && conversation.status !== 'ended' ? { agent: { ...conversation.agent } } : {}),
    ...(heartbeatMs > 0 ? { heartbeatMs } : {}),
    ...(prechat &&
    !session.prechatAnswers &&
    conversation?.status !== 'queued' &&
    conversation?.status !== 'active'
      ? { prechat: structuredClone(prechat) }
      : {}),
  });
  if (known && frame.resume) resume(core, conn, session, frame.resume);
};

const resume = (
  core: ChatCore,
  conn: Conn,
  session: Session,
  { conversationId, lastSeq: after, epoch }: NonNullable<SessionHello['resume']>,
): void => {
  const conversation = owned(core, session, conversationId);
  const newest = lastSeq(conversation);
  if ((epoch !== undefined && epoch !== conversation.epoch) || after > newest) {
    core.send(conn, {
      type: 'discontinuity',
      conversationId,
      epoch: conversation.epoch,
      reason: epoch !== undefined && epoch !== conversation.epoch ? 'epoch-changed' : 'history-unavailable',
    });
    return;
  }
  for (const event of conversation.events) if (event.seq > after) core.send(conn, event);
  // Read and queue state are told as they are now, never replayed.
  if (conversation.agentReadSeq > 0) {
    core.send(conn, { type: 'read', conversationId, upToSeq: conversation.agentReadSeq, by: 'agent' });
  }
  const position = core.queuePosition(conversation);
  if (position !== undefined) core.send(conn, { type: 'queue.update', conversationId, position });
};

const newConversation = (core: ChatCore, session: Session): Conversation => {
  const conversation: Conversation = {
    id: core.options.createId(),
    epoch: core.options.createId(),
    status: 'queued',
    token: session.token,
    events: [],
    agent: undefined,
    agents: new Map(),
    sent: new Map(),
    forms: new Map(),
    submissions: [],
    rating: undefined,
    consent: undefined,
    visitorReadSeq: 0,
    agentReadSeq: 0,
    toldPosition: undefined,
  };
  core.conversations.set(conversation.id, conversation);
  session.conversationIds.push(conversation.id);
  return conversation;
};

const messageSend = (core: ChatCore, conn: Conn, session: Session, frame: MessageSend): void => {
  for (const id of session.conversationIds) {
    const record = core.conversations.get(id)?.sent.get(frame.clientId);
    if (!record) continue;
    if (record.text === frame.text) core.send(conn, { ...record.ack, duplicate: true });
    else sendError(core, conn, 'idempotency-conflict', 'clientId reused with another text', frame.clientId);
    return;
  }
  const existing = current(core, session);
  const created = !existing || existing.status === 'ended';
  const conversation = created ? newConversation(core, session) : existing;
  if (created && frame.consent) conversation.consent = { ...frame.consent };
  const ack = {
    type: 'message.ack' as const,
    conversationId: conversation.id,
    clientId: frame.clientId,
    id: core.options.createId(),
    seq: lastSeq(conversation) + 1,
    at: core.at(),
  };
  conversation.sent.set(frame.clientId, { text: frame.text, ack });
  if (core.options.ackBeforeEcho) core.send(conn, ack);
  const message = core.append(conversation, {
    type: 'message',
    id: ack.id,
    author: { role: 'visitor' },
    content: { kind: 'text', text: frame.text },
    clientId: frame.clientId,
  });
  if (!core.options.ackBeforeEcho) core.send(conn, ack);
  if (created) {
    core.changed(conversation);
    if (core.options.autoAgent) joinAgent(core, conversation, core.options.autoAgent);
  }
  const { autoReply, autoReplyDelayMs } = core.options;
  const agent = conversation.agent;
  if (!autoReply || !agent || message.type !== 'message') return;
  const reply = autoReply({ conversationId: conversation.id, text: frame.text, message });
  if (reply === undefined) return;
  const answer = () => {
    if (conversation.status !== 'ended' && conversation.agents.has(agent.id)) {
      agentMessage(core, conversation, agent.id, reply);
    }
  };
  if (autoReplyDelayMs > 0) core.later(autoReplyDelayMs, answer);
  else answer();
};

const history = (core: ChatCore, conn: Conn, session: Session, frame: HistorySince): void => {
  const conversation = owned(core, session, frame.conversationId);
  if (frame.afterSeq > lastSeq(conversation)) {
    core.send(conn, {
      type: 'discontinuity',
      conversationId: conversation.id,
      epoch: conversation.epoch,
      reason: 'history-unavailable',
    });
    return;
  }
  const pageSize = core.options.historyPageSize;
  const limit = Math.max(1, Math.min(frame.limit ?? pageSize, pageSize));
  const after = conversation.events.filter((event) => event.seq > frame.afterSeq);
  core.send(conn, {
    type: 'history',
    conversationId: conversation.id,
    epoch: conversation.epoch,
    afterSeq: frame.afterSeq,
    events: after.slice(0, limit),
    hasMore: after.length > limit,
  });
};

const endSession = (core: ChatCore, session: Session, reason: 'ended' | 'forgotten'): void => {
  core.sessions.delete(session.token);
  if (reason === 'forgotten') {
    for (const id of session.conversationIds) core.conversations.delete(id);
    session.conversationIds = [];
  }
  for (const conn of [...session.connections]) {
    core.send(conn, { type: 'session.ended', reason });
    core.closeConn(conn, 'normal');
  }
  core.events.emit('session', { token: session.token, change: reason });
};

const handlers: {
  [T in ClientFrame['type']]: (core: ChatCore, conn: Conn, session: Session, frame: Frame<T>) => void;
} = {
  'session.hello': () => {
    throw new ChatError('invalid-frame', 'session.hello was already received on this connection');
  },
  'message.send': messageSend,
  'history.since': history,
  typing(core, _conn, session, frame) {
    const conversation = current(core, session);
    if (conversation && conversation.status !== 'ended') {
      core.events.emit('typing', { conversationId: conversation.id, active: frame.active });
    }
  },
  read(core, _conn, session, frame) {
    const conversation = current(core, session);
    if (!conversation) return;
    const upToSeq = Math.min(frame.upToSeq, lastSeq(conversation));
    if (upToSeq <= conversation.visitorReadSeq) return;
    conversation.visitorReadSeq = upToSeq;
    core.events.emit('read', { conversationId: conversation.id, upToSeq });
  },
  'form.submit'(core, conn, session, frame) {
    const answered = answerPrechat(core, session, frame);
    if (answered) {
      core.send(conn, answered);
      return;
    }
    const conversation = formOwner(core, session.conversationIds, frame.formId);
    if (!conversation) throw new ChatError('not-found', `no form ${frame.formId}`);
    submitForm(core, conversation, frame);
  },
  'rating.submit'(core, _conn, session, { type: _type, ...rating }) {
    const conversation = owned(core, session, rating.conversationId);
    conversation.rating = rating;
    core.events.emit('rating', { conversationId: conversation.id, rating: { ...rating } });
    core.events.emit('conversation', core.snapshot(conversation));
  },
  'conversation.end'(core, _conn, session, frame) {
    const conversation = owned(core, session, frame.conversationId);
    if (conversation.status === 'ended') return;
    conversation.status = 'ended';
    core.append(conversation, { type: 'conversation.ended', by: 'visitor' });
    core.changed(conversation);
  },
  'session.identify'(_core, _conn, session, frame) {
    session.identity = frame.identity;
  },
  'session.end'(core, _conn, session) {
    endSession(core, session, 'ended');
  },
  'session.forget'(core, _conn, session) {
    endSession(core, session, 'forgotten');
  },
  // The memory server makes no handoff links: none of them is its own.
  'handoff.open'(core, conn) {
    core.send(conn, { type: 'handoff.result', status: 'invalid' });
  },
  ping(core, conn, _session, frame) {
    pong(core, conn, frame);
  },
  pong() {},
};

const dispatch = (core: ChatCore, conn: Conn, frame: ClientFrame): void => {
  if (frame.type === 'session.hello' && !conn.session) {
    hello(core, conn, frame);
    return;
  }
  if (frame.type === 'ping' || frame.type === 'pong') {
    if (frame.type === 'ping') pong(core, conn, frame);
    return;
  }
  const session = conn.session;
  if (!session) throw new ChatError('invalid-frame', `${frame.type} before session.hello`);
  const handle = handlers[frame.type] as (
    core: ChatCore,
    conn: Conn,
    session: Session,
    f: ClientFrame,
  ) => void;
  handle(core, conn, session, frame);
};

const armHeartbeat = (core: ChatCore, conn: Conn): void => {
  const { heartbeatMs } = core.options;
  if (heartbeatMs <= 0 || !conn.open) return;
  conn.heartbeat = setTimeout(() => {
    conn.pings++;
    core.send(conn, { type: 'ping', id: `hb-${conn.pings}` });
    armHeartbeat(core, conn);
  }, heartbeatMs);
};

/** Attaches one peer to the server: the core of `accept()`. */
export function acceptPeer(core: ChatCore, peer: ChatPeer): ChatConnection {
  const conn: Conn = { peer, session: undefined, open: true, heartbeat: undefined, pings: 0 };
  core.connections.add(conn);
  armHeartbeat(core, conn);
  return {
    receive(data) {
      if (!conn.open) return;
      const result = core.options.parse(data);
      if (!result.ok) {
        if (result.ignored) return;
        core.events.emit('error', result.error);
        sendError(core, conn, result.error.code, result.error.message);
        return;
      }
      try {
        dispatch(core, conn, result.value);
      } catch (thrown) {
        const error = ChatError.isInstance(thrown)
          ? thrown
          : new ChatError('server-error', 'the frame could not be handled', { cause: thrown });
        core.events.emit('error', error);
        sendError(core, conn, error.code, error.message, error.clientId);
      }
    },
    closed() {
      if (!conn.open) return;
      conn.open = false;
      clearTimeout(conn.heartbeat);
      core.connections.delete(conn);
      conn.session?.connections.delete(conn);
    },
  };
}
