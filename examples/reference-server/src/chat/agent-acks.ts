/**
 * Agents' messages are idempotent by `clientId`, as visitors' are: one place for the namespace of their
 * clientIds in the acks table and for the answer to a resend (the same ack, or `idempotency-conflict`).
 */
import type { AckRow } from '../db/rows.js';
import type { AgentConn } from './hub.js';

/**
 * The key an agent's `clientId` is kept under: agents' clientIds live in their own namespace of the
 * acks table, so they never meet a visitor's.
 *
 * @example
 * ```ts
 * hub.store.ackIn(conversationId, agentClientId(frame.clientId));
 * ```
 */
export const agentClientId = (clientId: string): string => `agent:${clientId}`;

/**
 * Answers a message with its ack: the stored one (`duplicate` for a resend).
 *
 * @example
 * ```ts
 * sendAgentAck(conn, frame.clientId, ack);
 * ```
 */
export function sendAgentAck(conn: AgentConn, clientId: string, ack: AckRow, duplicate = false): void {
  conn.send({
    type: 'agent.ack',
    conversationId: ack.conversation_id,
    clientId,
    id: ack.message_id,
    seq: ack.seq,
    at: new Date(ack.at).toISOString(),
    ...(duplicate ? { duplicate: true } : {}),
  });
}

/**
 * A resend of an acknowledged `clientId`: the same ack again, or `idempotency-conflict` when its content
 * differs. Returns whether the frame was a resend (and so is answered).
 *
 * @example
 * ```ts
 * if (answeredResend(conn, frame.clientId, hash, hub.store.ackIn(id, agentClientId(frame.clientId)))) return;
 * ```
 */
export function answeredResend(
  conn: AgentConn,
  clientId: string,
  hash: string,
  previous: AckRow | undefined,
): boolean {
  if (!previous) return false;
  if (previous.content_hash === hash) sendAgentAck(conn, clientId, previous, true);
  else conn.error('idempotency-conflict', 'this clientId was sent with another content', clientId);
  return true;
}
