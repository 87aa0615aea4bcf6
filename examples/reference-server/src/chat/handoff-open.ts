/**
 * A visitor opens a handoff link (`handoff.open`): the token is checked (shape, signature, expiry), the
 * handoff found by its hash and bound to the visitor once, and its conversation started at once with a
 * greeting in their language, ahead in the queue. The token is never logged nor sent back.
 *
 * A visitor with a conversation under way (queued or with an agent) keeps it: the handoff joins it (the
 * greeting is added there and its agent sees the case), rather than leaving it behind unanswered.
 */
import { randomUUID } from 'node:crypto';
import type { ConversationEvent, HandoffOpen, HandoffStatus } from '@clavard/protocol';
import type { Throttle } from '../accounts/throttle.js';
import type { HandoffRow } from '../db/handoff-store.js';
import type { ConversationRow } from '../db/rows.js';
import { hashHandoffToken, readHandoffToken } from '../handoffs/handoff-token.js';
import { handoffGreeting } from './handoff-greeting.js';
import type { PublicReplies } from './handoff-reply.js';
import type { Hub, VisitorConn, VisitorSession } from './hub.js';

/**
 * How the hub opens handoffs: the secret links are signed with, whether their conversations go ahead
 * in the queue, and the attempts counted per visitor.
 *
 * @example
 * ```ts
 * const handoffs: HandoffOpening = { secret, priority: true, attempts: createThrottle({ max: 5, windowMs: 60_000 }) };
 * ```
 */
export interface HandoffOpening {
  secret: string;
  priority: boolean;
  /** How long a conversation is held for the advisor its link named (see `heldAdvisor`), in ms. */
  advisorHoldMs: number;
  attempts: Throttle;
  /** The organisation's reviewed public replies (the agent sees the one due once the conversation ended). */
  publicReply?: PublicReplies;
}

/**
 * Links opened per visitor in {@link HANDOFF_OPEN_WINDOW_MS}, beyond which they are refused a while.
 *
 * @example
 * ```ts
 * createThrottle({ max: HANDOFF_OPENS_PER_WINDOW, windowMs: HANDOFF_OPEN_WINDOW_MS });
 * ```
 */
export const HANDOFF_OPENS_PER_WINDOW = 5;
/**
 * The window of {@link HANDOFF_OPENS_PER_WINDOW}: a minute.
 *
 * @example
 * ```ts
 * createThrottle({ max: HANDOFF_OPENS_PER_WINDOW, windowMs: HANDOFF_OPEN_WINDOW_MS });
 * ```
 */
export const HANDOFF_OPEN_WINDOW_MS = 60_000;

const answer = (conn: VisitorConn, status: HandoffStatus, conversationId?: string | null) =>
  conn.send({
    type: 'handoff.result',
    status,
    ...(conversationId ? { conversationId } : {}),
  });

/**
 * The greeting's words: the advisor's first name and the topic in the visitor's language. The advisor is
 * named only when the link starts a conversation (`starts`) while they are signed in: it is held for
 * them then (see `heldAdvisor`), so the greeting keeps its promise.
 */
const greetingOf = async (
  hub: Hub,
  handoff: HandoffRow,
  locale: string | null,
  starts: boolean,
): Promise<string> => {
  const { advisor_id: advisorId } = handoff;
  const here =
    starts && advisorId !== null && (await hub.routeOf(handoff.topic, advisorId)).includes(advisorId);
  const advisor = here ? await hub.store.agent(advisorId) : undefined;
  const index = handoff.topic === null ? -1 : hub.options.topics.indexOf(handoff.topic);
  const french = locale?.toLowerCase().startsWith('fr') ? hub.options.topicLabels?.fr : undefined;
  const topicLabel = index < 0 ? undefined : (french?.[index] ?? hub.options.topics[index]);
  return handoffGreeting(
    {
      channel: handoff.channel,
      summary: handoff.summary,
      ...(advisor ? { advisorFirstName: advisor.first_name } : {}),
      ...(topicLabel === undefined ? {} : { topicLabel }),
    },
    locale,
  );
};

type Opened =
  | { status: 'resumed' | 'used'; conversationId: string | null }
  | { status: 'opened'; conversation: ConversationRow; event: ConversationEvent };

/** Binds the handoff and starts (or joins) its conversation, its greeting first, in one transaction. */
const bind = (hub: Hub, handoff: HandoffRow, visitorId: string, text: string): Promise<Opened> =>
  hub.store.atomically(async (): Promise<Opened> => {
    await hub.store.claimVisitor(visitorId);
    const status = await hub.store.openHandoff(handoff.id, visitorId);
    if (status !== 'opened') {
      return { status, conversationId: (await hub.store.handoff(handoff.id))?.conversation_id ?? null };
    }
    const existing = await hub.store.currentConversation(visitorId);
    const joins = existing !== undefined && existing.status !== 'ended';
    const topic =
      handoff.topic !== null && hub.options.topics.includes(handoff.topic) ? handoff.topic : undefined;
    const priority = hub.options.handoffs?.priority === false ? 0 : 1;
    const conversation = joins ? existing : await hub.store.createConversation(visitorId, topic, priority);
    await hub.store.setHandoffConversation(handoff.id, conversation.id);
    const event = await hub.store.append(conversation.id, {
      type: 'message',
      id: randomUUID(),
      author: { role: 'system' },
      content: { kind: 'text', text },
    });
    return { status, conversation, event };
  });

/**
 * Answers `handoff.open`: `handoff.result` with `opened` (its conversation started and published),
 * `resumed`, `used`, `expired` or `invalid`; an `error` `rate-limited` past 5 attempts a minute.
 *
 * @example
 * ```ts
 * handlers['handoff.open'] = (hub, conn, session, frame) => handoffOpen(hub, conn, session, frame);
 * ```
 */
export async function handoffOpen(
  hub: Hub,
  conn: VisitorConn,
  session: VisitorSession,
  frame: HandoffOpen,
): Promise<void> {
  const settings = hub.options.handoffs;
  if (!settings) return answer(conn, 'invalid');
  const wait = settings.attempts.retryAfterMs(session.visitorId);
  if (wait > 0) {
    conn.send({
      type: 'error',
      code: 'rate-limited',
      message: 'too many handoff links opened: wait before the next',
      retryable: true,
      retryAfterMs: wait,
    });
    return;
  }
  settings.attempts.fail(session.visitorId);
  const read = readHandoffToken(settings.secret, frame.token, hub.options.now());
  if (!read.ok) return answer(conn, read.status);
  const handoff = await hub.store.handoffByTokenHash(hashHandoffToken(frame.token));
  if (!handoff || handoff.id !== read.id) return answer(conn, 'invalid');
  if (handoff.visitor_id !== null) {
    const mine = handoff.visitor_id === session.visitorId;
    return answer(conn, mine ? 'resumed' : 'used', mine ? handoff.conversation_id : undefined);
  }
  const current = await hub.store.currentConversation(session.visitorId);
  const starts = current === undefined || current.status === 'ended';
  const text = await greetingOf(hub, handoff, await hub.visitorLocale(session.visitorId), starts);
  const opened = await bind(hub, handoff, session.visitorId, text);
  if (opened.status !== 'opened') {
    return answer(conn, opened.status, opened.status === 'resumed' ? opened.conversationId : undefined);
  }
  hub.publish(opened.conversation, opened.event);
  // Ahead of the others: every waiting visitor's place may have moved, not only the newcomer's.
  if (opened.conversation.status === 'queued') await hub.queueChanged();
  answer(conn, 'opened', opened.conversation.id);
}
