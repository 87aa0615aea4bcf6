/**
 * After the bus lost messages (this node's connection to Redis dropped, and frames the other nodes sent
 * meanwhile went nowhere), this node's clients are brought up to date from the store: nothing is lost,
 * since every event is in the database with its seq.
 */
import type { Hub } from './hub.js';
import { tellInbox } from './inbox.js';

/**
 * Sends each visitor connected here the newest event of their conversation (the widget asks for any
 * event before it that it lacks, by seq, and ignores one it has), and each agent here their conversations
 * under way again (the console merges them by seq); then the queue and the inbox as they are now.
 *
 * @example
 * ```ts
 * bus.onMessage((message) => message.kind === 'missed' && hub.inBackground(catchUp(hub)));
 * ```
 */
export async function catchUp(hub: Hub): Promise<void> {
  const { store } = hub;
  for (const [visitorId, conns] of hub.visitors) {
    const conversation = await store.currentConversation(visitorId);
    if (!conversation || conversation.last_seq === 0) continue;
    const [newest] = await store.eventsBefore(conversation.id, conversation.last_seq + 1, 1);
    if (newest) for (const conn of conns) conn.send(newest);
  }
  for (const [agentId, presence] of hub.agents) {
    for (const conversation of await store.activeOf(agentId)) {
      const view = await hub.agentView(conversation);
      for (const conn of presence.conns) conn.send({ type: 'agent.conversation', conversation: view });
    }
  }
  await hub.queueChanged();
  await tellInbox(hub);
}
