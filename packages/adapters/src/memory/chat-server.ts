import type { ServerMessage } from '@clavard/protocol';
import { createAgents } from './chat-agents.js';
import { acceptPeer } from './chat-connection.js';
import { type ChatCore, createChatCore } from './chat-core.js';
import type { ChatConnection, MemoryChatServer, MemoryChatServerOptions } from './chat-server-types.js';
import { createMemoryTransportPair } from './memory-transport.js';

/** Closes every connection; `going-away` (dispose) also stops pending automatic replies. */
const closeAll = (core: ChatCore, reason: 'server-restart' | 'going-away'): void => {
  for (const conn of [...core.connections]) core.closeConn(conn, reason);
  if (reason === 'server-restart') return;
  for (const timer of core.timers) clearTimeout(timer);
  core.timers.clear();
};

/**
 * A complete, protocol-correct chat backend held in memory: sessions and tokens, resume, conversations
 * with an epoch and a gap-free seq, idempotent `message.send` per (conversation, clientId), queue,
 * agents, forms (sensitive values never kept), ratings, heartbeat. Transport-independent through
 * `accept()`; `createTransport()` gives a memory transport bound to it. For tests, demos without a
 * server, and the model of the reference server.
 *
 * Behaviour worth knowing: a conversation is created by the visitor's first message (`queued`, then a
 * `queue.update`); a message after the conversation ended starts a new one; `restart()` closes every
 * connection with `server-restart` and keeps everything; `resetEpoch()` keeps the events but changes the
 * epoch, so a client that saved the old one gets one `discontinuity` and reloads.
 *
 * @example
 * ```ts
 * const server = createMemoryChatServer({ heartbeatMs: 0 });
 * const client = createChatClient({ transport: server.createTransport() });
 * server.on('conversation', ({ id, status }) => {
 *   if (status === 'queued') server.agents.join(id, { id: 'a1', firstName: 'Julie' });
 * });
 * ```
 */
export function createMemoryChatServer(options: MemoryChatServerOptions = {}): MemoryChatServer {
  const core = createChatCore(options);
  return {
    accept: (peer) => acceptPeer(core, peer),
    createTransport(pairOptions) {
      const { client, server: end } = createMemoryTransportPair(pairOptions);
      let connection: ChatConnection | undefined;
      end.on('connect', () => {
        connection = acceptPeer(core, {
          send: (data) => end.send(data),
          close: (reason) => end.close(reason),
        });
      });
      end.on('frame', (data) => connection?.receive(data));
      end.on('close', () => {
        connection?.closed();
        connection = undefined;
      });
      return client;
    },
    agents: createAgents(core),
    conversations: () => [...core.conversations.values()].map(core.snapshot),
    messages: (conversationId) =>
      core
        .conversation(conversationId)
        .events.filter((event): event is ServerMessage => event.type === 'message')
        .map((event) => structuredClone(event)),
    events: (conversationId) => structuredClone(core.conversation(conversationId).events),
    setAvailability(availability) {
      core.availability = { ...availability };
      for (const conn of core.connections) {
        if (conn.session) core.send(conn, { type: 'availability', ...availability });
      }
    },
    restart: () => closeAll(core, 'server-restart'),
    resetEpoch(conversationId) {
      const conversation = core.conversation(conversationId);
      conversation.epoch = core.options.createId();
      return conversation.epoch;
    },
    get connectionCount() {
      return core.connections.size;
    },
    on: core.events.on,
    dispose: () => closeAll(core, 'going-away'),
  };
}
