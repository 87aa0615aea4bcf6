import { randomUUID } from 'node:crypto';
import {
  type AgentClientFrame,
  type AgentConversation,
  type AgentServerFrame,
  parseAgentFrame,
} from '@clavard/agent-api';
import { type AgentInfo, ChatError } from '@clavard/protocol';
import type { ConversationRow } from '../db/rows.js';
import { agentContent } from '../files/message-files.js';
import { hashToken } from '../tokens.js';
import { manageAccounts } from './accounts-admin.js';
import { agentClientId, answeredResend, sendAgentAck } from './agent-acks.js';
import { sendHistory } from './agent-history.js';
import { openArchived, report, search } from './archive.js';
import { acceptConnection } from './connection.js';
import { communityHello, deskClosed, handoffDesk, isCommunityFrame } from './handoff-desk.js';
import { checkClosing, checkGreeting } from './house-rules.js';
import type { AgentConn, AgentSession, Hub } from './hub.js';
import { inboxView, replyToLeftMessage } from './inbox.js';
import { jsonBytes, WELCOME_BYTES } from './paging.js';
import { isLinearPattern } from './patterns.js';
import type { ChatPeer, PeerHandle } from './peer.js';
import { arrive, depart, signOut } from './presence.js';
import { verificationForm } from './verification.js';
import { contentHash } from './visitor-message.js';

type Frame<T extends AgentClientFrame['type']> = AgentClientFrame & { type: T };

/** The conversation, held by this agent and not ended. */
const held = async (hub: Hub, session: AgentSession, conversationId: string): Promise<ConversationRow> => {
  const conversation = await hub.store.conversation(conversationId);
  if (!conversation) throw new ChatError('not-found', `no conversation ${conversationId}`);
  if (conversation.agent_id !== session.agent.id) {
    throw new ChatError('forbidden', `conversation ${conversationId} is not yours`);
  }
  if (conversation.status === 'ended')
    throw new ChatError('conversation-ended', `${conversationId} has ended`);
  return conversation;
};

const hello = async (hub: Hub, conn: AgentConn, token: string): Promise<void> => {
  const tokenHash = hashToken(token);
  const row = await hub.store.agentBySession(tokenHash);
  if (!row) {
    conn.error('unauthorized', 'unknown or expired agent token: sign in again');
    conn.close('unauthorized');
    return;
  }
  // Closed while its session was read: it was never present, and must not become so.
  if (!conn.open) return;
  const agent = hub.agentInfo(row);
  conn.session = { agent, role: row.role, tokenHash };
  if (row.role === 'community') return communityHello(hub, conn, agent);
  const back = arrive(hub, conn, agent);
  const [{ queue, total }, { inbox, total: inboxTotal }, agents, routing, stats, active] = await Promise.all([
    hub.queue(agent.id),
    inboxView(hub),
    hub.signedInAgents(),
    hub.routing(agent.id),
    hub.store.agentStats(agent.id),
    hub.store.activeOf(agent.id),
  ]);
  const { rules, attachments: files } = hub.options;
  const welcome: AgentServerFrame & { type: 'agent.welcome' } = {
    type: 'agent.welcome',
    agent,
    role: row.role,
    agents,
    queue,
    queueTotal: total,
    inbox,
    inboxTotal,
    routing,
    rules: { requireGreeting: rules.requireGreeting, requireClosing: rules.requireClosing },
    ...(files ? { attachments: { maxBytes: files.maxBytes, perConversation: files.perConversation } } : {}),
    phrases: [...rules.phrases],
    conversations: [],
    heartbeatMs: hub.options.heartbeatMs,
    stats,
  };
  // As many conversations as fit the welcome; the others follow, one frame each.
  const later: AgentConversation[] = [];
  let size = jsonBytes(welcome);
  for (const conversation of await Promise.all(active.map(hub.agentView))) {
    const bytes = jsonBytes(conversation) + 1;
    if (later.length === 0 && size + bytes <= WELCOME_BYTES) {
      welcome.conversations.push(conversation);
      size += bytes;
    } else later.push(conversation);
  }
  conn.send(welcome);
  for (const conversation of later) conn.send({ type: 'agent.conversation', conversation });
  hub.queueTold(agent.id, { queue, total });
  // An agent back from away changes the transfer targets; a new one the routing and availability too.
  // Another console of an agent already here may come with other topics (set at its sign-in): the
  // queue is recomputed all the same, and their lists with it.
  if (back) await hub.agentsChanged();
  else await hub.queueChanged();
};

const handlers: {
  [T in AgentClientFrame['type']]?: (
    hub: Hub,
    conn: AgentConn,
    session: AgentSession,
    frame: Frame<T>,
  ) => Promise<void>;
} = {
  async 'agent.take'(hub, _conn, session, frame) {
    const conversation = await hub.store.conversation(frame.conversationId);
    if (!conversation) throw new ChatError('not-found', `no conversation ${frame.conversationId}`);
    if (conversation.status === 'ended')
      throw new ChatError('conversation-ended', 'the conversation has ended');
    if (conversation.status !== 'queued') throw new ChatError('forbidden', 'another agent has taken it');
    // The queue's own rule, as the agents' lists show it (a left message is not in the live queue).
    const route = (await hub.queuedRouteOf(conversation.id)) ?? {
      agentIds: await hub.routeOf(conversation.topic),
      heldFor: null,
    };
    if (!route.agentIds.includes(session.agent.id)) {
      throw new ChatError(
        'forbidden',
        route.heldFor
          ? 'this conversation is kept for the advisor its handoff link named'
          : `this conversation is routed to agents for ${conversation.topic}`,
      );
    }
    const event = await hub.store.assign(conversation.id, session.agent.id, {
      type: 'agent.joined',
      agent: session.agent,
    });
    // Another agent, maybe on another node, took it between the read above and this write.
    if (!event) throw new ChatError('forbidden', 'another agent has taken it');
    await hub.store.markHandoffTaken(conversation.id, session.agent.id);
    hub.toVisitor(conversation.visitor_id, event);
    const taken = await hub.store.conversation(conversation.id);
    if (taken)
      hub.toAgent(session.agent.id, { type: 'agent.conversation', conversation: await hub.agentView(taken) });
    await hub.queueChanged();
  },
  async 'agent.message'(hub, conn, session, frame) {
    const conversation = await held(hub, session, frame.conversationId);
    const clientId = agentClientId(frame.clientId);
    const hash = contentHash(
      frame.attachmentId === undefined ? frame.content : [frame.content, frame.attachmentId],
    );
    if (answeredResend(conn, frame.clientId, hash, await hub.store.ackIn(conversation.id, clientId))) return;
    checkGreeting(hub.options.rules, {
      answered: await hub.store.agentHasWritten(conversation.id),
      text: 'text' in frame.content ? frame.content.text : undefined,
      agentFirstName: session.agent.firstName,
    });
    const { event, ack } = await hub.store.storeMessage({
      conversationId: conversation.id,
      clientId,
      contentHash: hash,
      event: {
        type: 'message',
        id: randomUUID(),
        author: { role: 'agent', ...session.agent },
        content: await agentContent(hub.store, session.agent.id, frame, conversation.id),
      },
    });
    hub.publish(conversation, event);
    sendAgentAck(conn, frame.clientId, ack);
  },
  async 'agent.typing'(hub, _conn, session, frame) {
    const conversation = await held(hub, session, frame.conversationId);
    hub.toVisitor(conversation.visitor_id, {
      type: 'typing',
      conversationId: conversation.id,
      by: { role: 'agent', ...session.agent },
      active: frame.active,
    });
  },
  async 'agent.read'(hub, _conn, session, frame) {
    const conversation = await held(hub, session, frame.conversationId);
    const upToSeq = Math.min(frame.upToSeq, conversation.last_seq);
    if (upToSeq <= conversation.agent_read_seq) return;
    await hub.store.setReadSeq(conversation.id, 'agent', upToSeq);
    hub.toVisitor(conversation.visitor_id, {
      type: 'read',
      conversationId: conversation.id,
      upToSeq,
      by: 'agent',
    });
  },
  async 'agent.transfer'(hub, _conn, session, frame) {
    const conversation = await held(hub, session, frame.conversationId);
    const target = (await hub.signedInAgents()).find((agent: AgentInfo) => agent.id === frame.toAgentId);
    if (!target || target.id === session.agent.id) {
      throw new ChatError('not-found', `agent ${frame.toAgentId} is not signed in`);
    }
    const handover = { from: session.agent.id, to: target.id, ...(frame.note ? { note: frame.note } : {}) };
    const event = await hub.store.transfer(conversation.id, handover, {
      type: 'agent.transferred',
      agent: target,
      from: session.agent,
    });
    // Ended, or handed back, between the check above and this write.
    if (!event)
      throw new ChatError('conversation-ended', `${conversation.id} is not yours under way any more`);
    hub.toVisitor(conversation.visitor_id, event);
    hub.toAgent(session.agent.id, { type: 'agent.event', event });
    const moved = await hub.store.conversation(conversation.id);
    if (moved)
      hub.toAgent(target.id, { type: 'agent.conversation', conversation: await hub.agentView(moved) });
  },
  async 'agent.form'(hub, _conn, session, frame) {
    const conversation = await held(hub, session, frame.conversationId);
    const { type: _type, conversationId: _id, ...form } = frame;
    await hub.askForm(conversation, form);
  },
  async 'agent.verify'(hub, _conn, session, frame) {
    const conversation = await held(hub, session, frame.conversationId);
    await hub.askForm(conversation, {
      kind: 'verification',
      ...verificationForm(frame.checks, await hub.visitorLocale(conversation.visitor_id)),
    });
  },
  async 'agent.end'(hub, _conn, session, frame) {
    const conversation = await held(hub, session, frame.conversationId);
    checkClosing(hub.options.rules, frame.closing);
    const closing = frame.closing?.trim();
    const event = await hub.store.end(conversation.id, {
      type: 'conversation.ended',
      by: 'agent',
      ...(closing ? { closing } : {}),
    });
    if (!event) throw new ChatError('conversation-ended', `${conversation.id} has ended`);
    await hub.store.markHandoffResolved(conversation.id);
    hub.publish(conversation, event);
    await hub.statsChanged(session.agent.id);
  },
  'agent.topics': (hub, _conn, session, frame) => hub.setAgentTopics(session.agent.id, frame.topics),
  'agent.history': sendHistory,
  'agent.signout': (hub, conn) => signOut(hub, conn),
  'agent.reply': replyToLeftMessage,
  'agent.search': search,
  'agent.open': openArchived,
  'agent.report': report,
  'agent.accounts': manageAccounts,
  'agent.handoffs': handoffDesk,
};

/**
 * Binds an agent console's connection to the hub: the agent API (see `@clavard/agent-api`), frame by
 * frame. The first frame is `agent.hello` with the token from `POST /agent/login`.
 *
 * @example
 * ```ts
 * const { handle } = acceptAgent(hub, { send: (text) => ws.send(text), close: (reason) => ws.close(CLOSE_CODES[reason], reason) });
 * ```
 */
export function acceptAgent(hub: Hub, peer: ChatPeer): { conn: AgentConn; handle: PeerHandle } {
  return acceptConnection<AgentClientFrame, AgentSession, AgentServerFrame>(peer, {
    parse: (input) => parseAgentFrame(input, { topics: hub.options.topics, isLinearPattern }),
    helloType: 'agent.hello',
    hello: (conn, frame) => (frame.type === 'agent.hello' ? hello(hub, conn, frame.token) : undefined),
    handle(conn, session, frame) {
      if (session.role === 'community' && !isCommunityFrame(frame.type)) {
        throw new ChatError('forbidden', 'a community manager makes and follows handoffs, and takes no chat');
      }
      const handler = handlers[frame.type] as
        | ((hub: Hub, conn: AgentConn, session: AgentSession, frame: AgentClientFrame) => Promise<void>)
        | undefined;
      return handler?.(hub, conn, session, frame);
    },
    closed(conn) {
      deskClosed(hub, conn);
      hub.inBackground(depart(hub, conn));
    },
    heartbeatMs: hub.options.heartbeatMs,
    helloTimeoutMs: hub.options.helloTimeoutMs,
    report: (error) => hub.options.report(error),
    whenCommitted: (send) => hub.commits.whenCommitted(send),
  });
}
