import { type ChatClient, createChatClient, createMemoryStorage } from '@clavard/widget/headless';
import { createFakeChannelHub, createFakeLocks } from './fake-tabs.js';
import { createFakeTransport, type FakeTransport } from './fake-transport.js';

/** Two tabs of one site: each a client on its own fake transport, sharing storage, channel and locks. */
export interface TwoTabs {
  clients: [ChatClient, ChatClient];
  transports: [FakeTransport, FakeTransport];
}

/**
 * Two tabbed clients, connected (one will lead). Dispose the clients after the test.
 *
 * @example
 * ```ts
 * const { clients, transports } = twoTabs();
 * ```
 */
export function twoTabs(): TwoTabs {
  const hub = createFakeChannelHub();
  const locks = createFakeLocks();
  const storage = createMemoryStorage();
  const make = () => {
    const transport = createFakeTransport({ autoOpen: true });
    const client = createChatClient({
      transport,
      storage,
      random: () => 0.5,
      tabs: { BroadcastChannel: hub.BroadcastChannel, locks },
    });
    return { transport, client };
  };
  const [a, b] = [make(), make()];
  for (const { client } of [a, b]) client.connect();
  return { clients: [a.client, b.client], transports: [a.transport, b.transport] };
}

/**
 * Which of `tabs` leads, once one does: its transport, and the other tab's client.
 *
 * @example
 * ```ts
 * const { leaderTransport, follower } = await leaderOf(tabs, until);
 * ```
 */
export async function leaderOf(
  { clients, transports }: TwoTabs,
  until: (condition: () => boolean) => Promise<void>,
): Promise<{ leaderTransport: FakeTransport; follower: ChatClient }> {
  await until(() => clients.some((client) => client.isLeader.value));
  const leaderIndex = clients[0].isLeader.value ? 0 : 1;
  return { leaderTransport: transports[leaderIndex], follower: clients[1 - leaderIndex] as ChatClient };
}
