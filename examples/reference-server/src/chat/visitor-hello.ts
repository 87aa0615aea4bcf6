/**
 * A visitor's arrival: the hello (with an identity token, once verified), the welcome with the session's
 * token and its conversation, and the resume of what a reconnecting client missed.
 */
import {
  ChatError as ChatErrorClass,
  isCompatibleVersion,
  PROTOCOL_VERSION,
  type SessionHello,
} from '@clavard/protocol';
import type { ConversationRow } from '../db/rows.js';
import type { VisitorIdentity } from '../db/store.js';
import type { IdentityClaims } from '../identity.js';
import { createToken, hashToken } from '../tokens.js';
import type { Hub, VisitorConn, VisitorSession } from './hub.js';
import { prechatOffer, startingTopic } from './prechat-first.js';

const _iso = (ms: number) => new Date(ms).toISOString();

/** A conversation of this visitor, or `not-found` (never `forbidden`: that would say it exists). */
export const owned = async (
  hub: Hub,
  session: VisitorSession,
  conversationId: string,
): Promise<ConversationRow> => {
  const conversation = await hub.store.conversation(conversationId);
  if (!conversation || conversation.visitor_id !== session.visitorId) {
    throw new ChatErrorClass('not-found', `no conversation ${conversationId} in this session`);
  }
  return conversation;
};

export const sendEventsAfter = async (
  hub: Hub,
  conn: VisitorConn,
  conversation: ConversationRow,
  after: number,
): Promise<void> => {
  let from = after;
  const page = hub.options.historyPageSize;
  for (;;) {
    const events = await hub.store.events(conversation.id, from, page);
    for (const event of events) conn.send(event);
    const last = events.at(-1);
    if (!last || events.length < page) return;
    from = last.seq;
  }
};

const resume = async (
  hub: Hub,
  conn: VisitorConn,
  session: VisitorSession,
  { conversationId, lastSeq, epoch }: NonNullable<SessionHello['resume']>,
) => {
  const conversation = await owned(hub, session, conversationId);
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
  await sendEventsAfter(hub, conn, conversation, lastSeq);
  // Read and queue state are told as they are now, never replayed.
  if (conversation.agent_read_seq > 0) {
    conn.send({ type: 'read', conversationId, upToSeq: conversation.agent_read_seq, by: 'agent' });
  }
  const update = await hub.queueUpdateOf(conversationId);
  if (update) conn.send(update);
};

/** The claims of a verified identity token, or undefined (no keys, no token, or a bad one). */
export const identityOf = async (hub: Hub, token: string | undefined): Promise<IdentityClaims | undefined> =>
  token === undefined || hub.options.identity === undefined
    ? undefined
    : hub.options.identity(token, hub.options.now());

export const toIdentity = (claims: IdentityClaims): VisitorIdentity => ({
  userId: claims.sub,
  ...(claims.name === undefined ? {} : { name: claims.name }),
  ...(claims.email === undefined ? {} : { email: claims.email }),
});

/**
 * The hello; with an identity token to verify, once it is verified. The visitor's row is written with the
 * other writes of this turn of the event loop (group commit), and the welcome (its token) goes out after
 * their commit; later frames wait for it.
 */
export const hello = (hub: Hub, conn: VisitorConn, frame: SessionHello): Promise<void> | undefined => {
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

const welcomeVisitor = async (
  hub: Hub,
  conn: VisitorConn,
  frame: SessionHello,
  claims: IdentityClaims | undefined,
): Promise<void> => {
  const { store } = hub;
  let known = frame.token === undefined ? undefined : await store.visitorByTokenHash(hashToken(frame.token));
  // Another customer signed in on this browser: they get a session of their own, not the last one's.
  const boundTo = known && (await store.identityOf(known.id))?.userId;
  if (claims && boundTo !== undefined && boundTo !== claims.sub) known = undefined;
  const token = known && frame.token !== undefined ? frame.token : createToken();
  const visitor = known ?? (await store.createVisitor(hashToken(token), frame.locale));
  if (known) await store.touchVisitor(known.id);
  if (claims) {
    await store.identify(visitor.id, toIdentity(claims));
    // The agents' queue shows who is waiting: a waiting visitor now identified is shown so.
    if ((await store.currentConversation(visitor.id))?.status === 'queued') await hub.queueChanged();
  }
  const context = {
    ...(frame.page
      ? { page: { url: frame.page.url, ...(frame.page.title ? { title: frame.page.title } : {}) } }
      : {}),
    ...(frame.timeZone ? { timeZone: frame.timeZone } : {}),
  };
  await store.setVisitorContext(visitor.id, context);
  // Only a topic the organisation has routes a conversation; anything else is ignored.
  const asked = frame.attributes?.topic;
  const topic = asked !== undefined && hub.options.topics.includes(asked) ? asked : undefined;
  const session: VisitorSession = { visitorId: visitor.id, topic };
  // A returning visitor's answered topic: the faces of who is there follow it.
  session.topic ??= await startingTopic(hub, session);
  // Closed while its hello was handled: not one of the visitor's connections (nothing would remove it).
  if (!conn.open) return;
  conn.session = session;
  const conns = hub.visitors.get(visitor.id) ?? new Set();
  conns.add(conn);
  hub.visitors.set(visitor.id, conns);

  const conversation = await store.currentConversation(visitor.id);
  const [agentRow, availability, identity, prechat] = await Promise.all([
    conversation?.agent_id && conversation.status !== 'ended'
      ? store.agent(conversation.agent_id)
      : undefined,
    hub.availabilityOf(conn),
    store.identityOf(visitor.id),
    prechatOffer(hub, session),
  ]);
  const { heartbeatMs, attachments } = hub.options;
  conn.send({
    type: 'session.welcome',
    v: PROTOCOL_VERSION,
    token,
    resumed: known !== undefined,
    availability,
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
    identified: identity !== undefined,
    ...(prechat ? { prechat } : {}),
    ...(attachments
      ? { attachments: { maxBytes: attachments.maxBytes, perConversation: attachments.perConversation } }
      : {}),
  });
  if (known && frame.resume) {
    // Refused (not this visitor's conversation): said after the welcome, which stands.
    try {
      await resume(hub, conn, session, frame.resume);
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
