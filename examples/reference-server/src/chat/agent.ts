import { randomUUID } from 'node:crypto';
import { type AgentInfo, ChatError } from '@clavard/protocol';
import { type AgentClientFrame, type AgentServerFrame, parseAgentFrame } from '../agent-protocol.js';
import type { ConversationRow } from '../db/rows.js';
import { hashToken } from '../tokens.js';
import { acceptConnection } from './connection.js';
import type { AgentConn, AgentSession, Hub } from './hub.js';
import type { ChatPeer, PeerHandle } from './peer.js';
import { verificationForm } from './verification.js';
import { contentHash } from './visitor.js';

type Frame<T extends AgentClientFrame['type']> = AgentClientFrame & { type: T };

/** Agents' clientIds live in their own namespace of the acks table. */
const AGENT_CLIENT_ID_PREFIX = 'agent:';

/** The conversation, held by this agent and not ended. */
const held = (hub: Hub, session: AgentSession, conversationId: string): ConversationRow => {
  const conversation = hub.store.conversation(conversationId);
  if (!conversation) throw new ChatError('not-found', `no conversation ${conversationId}`);
  if (conversation.agent_id !== session.agent.id) {
    throw new ChatError('forbidden', `conversation ${conversationId} is not yours`);
  }
  if (conversation.status === 'ended')
    throw new ChatError('conversation-ended', `${conversationId} has ended`);
  return conversation;
};

const hello = (hub: Hub, conn: AgentConn, token: string) => {
  const row = hub.store.agentByTokenHash(hashToken(token));
  if (!row) {
    conn.error('unauthorized', 'unknown agent token: sign in again');
    conn.close('unauthorized');
    return;
  }
  const agent = hub.agentInfo(row);
  conn.session = { agent };
  const conns = hub.agents.get(agent.id) ?? new Set();
  const first = conns.size === 0;
  conns.add(conn);
  hub.agents.set(agent.id, conns);
  const queue = hub.queue(agent.id);
  conn.send({
    type: 'agent.welcome',
    agent,
    agents: hub.signedInAgents(),
    queue,
    routing: hub.routing(agent.id),
    conversations: hub.store.activeOf(agent.id).map(hub.agentView),
    heartbeatMs: hub.options.heartbeatMs,
    stats: hub.store.agentStats(agent.id),
  });
  hub.queueTold(agent.id, queue);
  // A new agent changes the routing: others may lose what overflowed to them, visitors their place.
  if (first) hub.agentsChanged();
};

const handlers: {
  [T in AgentClientFrame['type']]?: (
    hub: Hub,
    conn: AgentConn,
    session: AgentSession,
    frame: Frame<T>,
  ) => void;
} = {
  'agent.take'(hub, _conn, session, frame) {
    const conversation = hub.store.conversation(frame.conversationId);
    if (!conversation) throw new ChatError('not-found', `no conversation ${frame.conversationId}`);
    if (conversation.status === 'ended')
      throw new ChatError('conversation-ended', 'the conversation has ended');
    if (conversation.status !== 'queued') throw new ChatError('forbidden', 'another agent has taken it');
    if (!hub.routeOf(conversation.topic).includes(session.agent.id)) {
      throw new ChatError('forbidden', `this conversation is routed to agents for ${conversation.topic}`);
    }
    const event = hub.store.assign(conversation.id, session.agent.id, {
      type: 'agent.joined',
      agent: session.agent,
    });
    hub.toVisitor(conversation.visitor_id, event);
    const taken = hub.store.conversation(conversation.id);
    if (taken)
      hub.toAgent(session.agent.id, { type: 'agent.conversation', conversation: hub.agentView(taken) });
    hub.queueChanged();
  },
  'agent.message'(hub, conn, session, frame) {
    const conversation = held(hub, session, frame.conversationId);
    const clientId = `${AGENT_CLIENT_ID_PREFIX}${frame.clientId}`;
    const hash = contentHash(frame.content);
    const previous = hub.store.ackIn(conversation.id, clientId);
    if (previous) {
      if (previous.content_hash !== hash) {
        conn.error('idempotency-conflict', 'this clientId was sent with another content', frame.clientId);
        return;
      }
      conn.send({
        type: 'agent.ack',
        conversationId: conversation.id,
        clientId: frame.clientId,
        id: previous.message_id,
        seq: previous.seq,
        at: new Date(previous.at).toISOString(),
        duplicate: true,
      });
      return;
    }
    const { event, ack } = hub.store.storeMessage({
      conversationId: conversation.id,
      clientId,
      contentHash: hash,
      event: {
        type: 'message',
        id: randomUUID(),
        author: { role: 'agent', ...session.agent },
        content: frame.content,
      },
    });
    hub.publish(conversation, event);
    conn.send({
      type: 'agent.ack',
      conversationId: conversation.id,
      clientId: frame.clientId,
      id: ack.message_id,
      seq: ack.seq,
      at: event.at,
    });
  },
  'agent.typing'(hub, _conn, session, frame) {
    const conversation = held(hub, session, frame.conversationId);
    hub.toVisitor(conversation.visitor_id, {
      type: 'typing',
      conversationId: conversation.id,
      by: { role: 'agent', ...session.agent },
      active: frame.active,
    });
  },
  'agent.read'(hub, _conn, session, frame) {
    const conversation = held(hub, session, frame.conversationId);
    const upToSeq = Math.min(frame.upToSeq, conversation.last_seq);
    if (upToSeq <= conversation.agent_read_seq) return;
    hub.store.setReadSeq(conversation.id, 'agent', upToSeq);
    hub.toVisitor(conversation.visitor_id, {
      type: 'read',
      conversationId: conversation.id,
      upToSeq,
      by: 'agent',
    });
  },
  'agent.transfer'(hub, _conn, session, frame) {
    const conversation = held(hub, session, frame.conversationId);
    const target = hub.signedInAgents().find((agent: AgentInfo) => agent.id === frame.toAgentId);
    if (!target || target.id === session.agent.id) {
      throw new ChatError('not-found', `agent ${frame.toAgentId} is not signed in`);
    }
    const event = hub.store.transfer(conversation.id, session.agent.id, target.id, {
      type: 'agent.transferred',
      agent: target,
      from: session.agent,
    });
    hub.toVisitor(conversation.visitor_id, event);
    hub.toAgent(session.agent.id, { type: 'agent.event', event });
    const moved = hub.store.conversation(conversation.id);
    if (moved) hub.toAgent(target.id, { type: 'agent.conversation', conversation: hub.agentView(moved) });
  },
  'agent.form'(hub, _conn, session, frame) {
    const conversation = held(hub, session, frame.conversationId);
    const { type: _type, conversationId: _id, ...form } = frame;
    hub.askForm(conversation, form);
  },
  'agent.verify'(hub, _conn, session, frame) {
    const conversation = held(hub, session, frame.conversationId);
    hub.askForm(conversation, {
      kind: 'verification',
      ...verificationForm(frame.checks, hub.visitorLocale(conversation.visitor_id)),
    });
  },
  'agent.end'(hub, _conn, session, frame) {
    const conversation = held(hub, session, frame.conversationId);
    const event = hub.store.end(conversation.id, {
      type: 'conversation.ended',
      by: 'agent',
      closing: frame.closing,
    });
    hub.publish(conversation, event);
    hub.statsChanged(session.agent.id);
  },
  'agent.topics'(hub, _conn, session, frame) {
    hub.setAgentTopics(session.agent.id, frame.topics);
  },
  'agent.history'(hub, conn, session, frame) {
    const conversation = hub.store.conversation(frame.conversationId);
    if (!conversation || conversation.agent_id !== session.agent.id) {
      throw new ChatError('not-found', `no conversation ${frame.conversationId} of yours`);
    }
    const page = hub.options.historyPageSize;
    const limit = Math.max(1, Math.min(frame.limit ?? page, page));
    const events = hub.store.events(conversation.id, frame.afterSeq, limit + 1);
    conn.send({
      type: 'agent.history',
      conversationId: conversation.id,
      afterSeq: frame.afterSeq,
      events: events.slice(0, limit),
      hasMore: events.length > limit,
    });
  },
};

/**
 * Binds an agent console's connection to the hub: the agent API (see src/agent-protocol.ts), frame by
 * frame. The first frame is `agent.hello` with the token from `POST /agent/login`.
 *
 * @example
 * ```ts
 * const { handle } = acceptAgent(hub, { send: (text) => ws.send(text), close: (reason) => ws.close(CLOSE_CODES[reason], reason) });
 * ```
 */
export function acceptAgent(hub: Hub, peer: ChatPeer): { conn: AgentConn; handle: PeerHandle } {
  return acceptConnection<AgentClientFrame, AgentSession, AgentServerFrame>(peer, {
    parse: (input) => parseAgentFrame(input, { topics: hub.options.topics }),
    helloType: 'agent.hello',
    hello: (conn, frame) => {
      if (frame.type === 'agent.hello') hello(hub, conn, frame.token);
    },
    handle(conn, session, frame) {
      const handler = handlers[frame.type] as
        | ((hub: Hub, conn: AgentConn, session: AgentSession, frame: AgentClientFrame) => void)
        | undefined;
      handler?.(hub, conn, session, frame);
    },
    closed(conn) {
      if (!conn.session) return;
      const conns = hub.agents.get(conn.session.agent.id);
      conns?.delete(conn);
      if (conns?.size !== 0) return;
      hub.agents.delete(conn.session.agent.id);
      hub.agentsChanged();
    },
    heartbeatMs: hub.options.heartbeatMs,
    helloTimeoutMs: hub.options.helloTimeoutMs,
    report: (error) => hub.options.report(error),
  });
}
