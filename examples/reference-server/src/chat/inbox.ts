/**
 * The inbox of left messages: a visitor who wrote while nobody was available and left an email waits here,
 * outside the live queue (so they take no place and add no wait to the visitors who are there). An agent
 * answers from the console: the answer goes into the conversation, which ends, and by email when the
 * organisation sends mail.
 */
import { randomUUID } from 'node:crypto';
import type { AgentReply, InboxEntry } from '@clavard/agent-api';
import { ChatError } from '@clavard/protocol';

import { replyMail } from '../mail/mailer.js';
import { agentClientId, answeredResend, sendAgentAck } from './agent-acks.js';
import type { AgentConn, AgentSession, Hub } from './hub.js';
import { iso } from './iso-time.js';
import { fitting, jsonBytes } from './paging.js';
import { contentHash } from './visitor-message.js';

/** The inbox in a welcome or an `agent.inbox` frame. */
const INBOX_BYTES = 64 * 1024;
/** What one entry shows of what the visitor wrote. */
const ENTRY_TEXT_BYTES = 4 * 1024;
const ENTRY_MESSAGES = 20;

const told = new WeakMap<Hub, string>();

/**
 * The left messages waiting for an answer, oldest first, as many as fit a frame, and how many in all.
 *
 * @example
 * ```ts
 * const { inbox, total } = inboxView(hub);
 * ```
 */
export async function inboxView(hub: Hub): Promise<{ inbox: InboxEntry[]; total: number }> {
  const rows = await hub.store.inbox();
  const entry = async (row: (typeof rows)[number]): Promise<InboxEntry> => {
    const [written, given, identity] = await Promise.all([
      hub.store.visitorTexts(row.id, ENTRY_MESSAGES),
      hub.store.givenOf(row.id),
      hub.store.identityOf(row.visitor_id),
    ]);
    const texts = written.map((m) => ({ ...m, at: iso(m.at) }));
    return {
      conversationId: row.id,
      createdAt: iso(row.created_at),
      leftAt: iso(row.left_message_at),
      ...(row.topic === null ? {} : { topic: row.topic }),
      ...(row.locale === null ? {} : { locale: row.locale }),
      ...(row.contact_email === null ? {} : { contactEmail: row.contact_email }),
      ...(given ? { given } : {}),
      ...(identity ? { visitor: identity } : {}),
      messages: fitting(texts, ENTRY_TEXT_BYTES).kept,
    };
  };
  const entries = await Promise.all(rows.map(entry));
  return { inbox: fitting(entries, INBOX_BYTES).kept, total: rows.length };
}

/**
 * Tells every connected agent the inbox, when it changed since they were last told.
 *
 * @example
 * ```ts
 * await store.leaveMessage(conversation.id);
 * await inboxChanged(hub);
 * ```
 */
export async function inboxChanged(hub: Hub): Promise<void> {
  hub.tellOthers({ kind: 'inbox' });
  await tellInbox(hub);
}

/**
 * Sends this node's agents the inbox when it changed since they were last told: on a change here, or
 * another node's.
 *
 * @example
 * ```ts
 * bus.onMessage((message) => message.kind === 'inbox' && void tellInbox(hub));
 * ```
 */
export async function tellInbox(hub: Hub): Promise<void> {
  const view = await inboxView(hub);
  const signature = `${view.total}:${jsonBytes(view.inbox)}:${view.inbox.map((e) => e.conversationId).join()}`;
  if (told.get(hub) === signature) return;
  told.set(hub, signature);
  hub.toAgents({ type: 'agent.inbox', ...view });
}

/** Emails the answer when the visitor left an address and the organisation sends mail. */
const mailAnswer = (
  hub: Hub,
  conn: AgentConn,
  reply: { conversationId: string; to: string | null; text: string; agent: string; locale: string | null },
) => {
  const { mailer } = hub.options;
  if (!mailer || reply.to === null) {
    conn.send({
      type: 'agent.mailed',
      conversationId: reply.conversationId,
      sent: false,
      reason: reply.to === null ? 'the visitor left no email' : 'this server sends no email',
    });
    return;
  }
  const mail = replyMail({
    to: reply.to,
    locale: reply.locale,
    brand: hub.options.brand,
    agentFirstName: reply.agent,
    answer: reply.text,
  });
  mailer.send(mail).then(
    () => conn.send({ type: 'agent.mailed', conversationId: reply.conversationId, sent: true }),
    (cause: unknown) => {
      hub.options.report(new ChatError('unavailable', 'the answer could not be emailed', { cause }));
      conn.send({
        type: 'agent.mailed',
        conversationId: reply.conversationId,
        sent: false,
        reason: 'the mail server refused it',
      });
    },
  );
};

/**
 * `agent.reply`: the answer to a left message, stored with the end of the conversation, shown to the
 * visitor on their next visit, and emailed. Idempotent by `clientId`.
 *
 * @example
 * ```ts
 * replyToLeftMessage(hub, conn, session, frame);
 * ```
 */
export async function replyToLeftMessage(
  hub: Hub,
  conn: AgentConn,
  session: AgentSession,
  frame: AgentReply,
): Promise<void> {
  const clientId = agentClientId(frame.clientId);
  const hash = contentHash({ kind: 'text', text: frame.text });
  if (answeredResend(conn, frame.clientId, hash, await hub.store.ackIn(frame.conversationId, clientId)))
    return;
  const row = (await hub.store.inbox()).find((entry) => entry.id === frame.conversationId);
  if (!row) throw new ChatError('not-found', `no left message ${frame.conversationId} waiting for an answer`);
  const conversation = await hub.store.conversation(row.id);
  if (!conversation) throw new ChatError('not-found', `no conversation ${row.id}`);
  const { event, ack, ended } = await hub.store.reply(
    {
      conversationId: row.id,
      clientId,
      contentHash: hash,
      event: {
        type: 'message',
        id: randomUUID(),
        author: { role: 'agent', ...session.agent },
        content: { kind: 'text', text: frame.text },
      },
    },
    { type: 'conversation.ended', by: 'agent' },
  );
  hub.toVisitor(conversation.visitor_id, event);
  hub.toVisitor(conversation.visitor_id, ended);
  sendAgentAck(conn, frame.clientId, ack);
  await inboxChanged(hub);
  mailAnswer(hub, conn, {
    conversationId: row.id,
    to: row.contact_email,
    text: frame.text,
    agent: session.agent.firstName,
    locale: row.locale,
  });
}
