/**
 * A visitor's message: stored once per clientId (a resend gets the same ack), a new conversation started
 * and placed in the queue when there is none, the pre-chat or leave-a-message form asked when it applies.
 */
import { hash, randomUUID } from 'node:crypto';
import type { MessageContent, MessageSend } from '@clavard/protocol';
import { fileContent, visitorFile } from '../files/message-files.js';
import type { Hub, VisitorConn, VisitorSession } from './hub.js';
import { inboxChanged } from './inbox.js';
import { iso } from './iso-time.js';
import { offlineForm } from './offline.js';
import { prechatForm } from './prechat.js';
import { carryAnswers, startingTopic } from './prechat-first.js';

/** What makes two sends of one clientId "the same message". */
export const contentHash = (parts: unknown): string => hash('sha256', JSON.stringify(parts));

export const messageSend = async (
  hub: Hub,
  conn: VisitorConn,
  session: VisitorSession,
  frame: MessageSend,
): Promise<void> => {
  // A file is part of what the message says: the same clientId with another file is a conflict.
  const hash = contentHash(
    frame.attachmentId === undefined
      ? [frame.text, frame.quickReplyId ?? null]
      : [frame.text, frame.quickReplyId ?? null, frame.attachmentId],
  );
  // Another tab of the visitor, on another node, writes after this one: one conversation, one ack.
  await hub.store.claimVisitor(session.visitorId);
  const previous = await hub.store.ackOf(session.visitorId, frame.clientId);
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
  const file =
    frame.attachmentId === undefined
      ? undefined
      : await visitorFile(hub.store, session.visitorId, frame.clientId, frame.attachmentId);
  if (frame.attachmentId !== undefined && !file) {
    conn.error('not-found', `no stored upload ${frame.attachmentId} for this message`, frame.clientId);
    return;
  }
  const existing = await hub.store.currentConversation(session.visitorId);
  const created = !existing || existing.status === 'ended';
  // Back after leaving a message, and somebody can answer now: live again, at its place in the queue.
  const backLive = !created && existing.left_message_at !== null && hub.availability().online;
  if (backLive) await hub.store.backToQueue(existing.id);
  const conversation = created
    ? await hub.store.createConversation(session.visitorId, await startingTopic(hub, session))
    : existing;
  if (created && frame.consent) await hub.store.recordConsent(conversation.id, frame.consent);
  const answered = created && (await carryAnswers(hub, conversation.id, session.visitorId));
  // The file is bound to the conversation once; a file another conversation holds is not taken from it.
  if (file && !(await hub.store.sendUpload(file.id, conversation.id))) {
    conn.error('forbidden', `upload ${file.id} belongs to another conversation`, frame.clientId);
    return;
  }
  const content: MessageContent = file ? fileContent(file, frame.text) : { kind: 'text', text: frame.text };
  const { event, ack } = await hub.store.storeMessage({
    conversationId: conversation.id,
    clientId: frame.clientId,
    contentHash: hash,
    event: {
      type: 'message',
      id: randomUUID(),
      author: { role: 'visitor' },
      content,
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
    (await hub.store.identityOf(session.visitorId)) === undefined &&
    hub.availability().online
  ) {
    // Who and what about, so that the right agent takes it: the topic routes the conversation.
    const locale = await hub.visitorLocale(session.visitorId);
    await hub.askForm(conversation, {
      kind: 'prechat',
      ...prechatForm(hub.options.topics, locale, hub.options.topicLabels),
    });
  }
  if (created && hub.options.leaveMessage && !hub.availability().online) {
    // Nobody can answer now: ask for an email to answer by, under the message the visitor left.
    const locale = await hub.visitorLocale(session.visitorId);
    await hub.askForm(conversation, { kind: 'offline', ...offlineForm(locale) });
  }
  if (created) await hub.queueArrived(conversation.id);
  else if (backLive) await hub.queueChanged();
  if (backLive || existing?.left_message_at) await inboxChanged(hub);
};
