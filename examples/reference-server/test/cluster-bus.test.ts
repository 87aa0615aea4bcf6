/**
 * Two nodes of one cluster, in Node: two reference servers on one Postgres database, with Redis between
 * them (this run's private Redis). The visitor's socket is on node A, the agent's on node B, and the
 * conversation goes as on one node: A learns that an agent is present on B, B sees the visitor queued on
 * A, and everything the one writes reaches the other.
 */
import type { ReferenceServer } from '@clavard/reference-server';
import { afterEach, describe, expect, it } from 'vitest';
import { agent, startTestServer, visitor } from './support/clients.js';
import { runRedisUrl, sharedDatabase } from './support/cluster.js';

let shared: Awaited<ReturnType<typeof sharedDatabase>> | undefined;
const servers: ReferenceServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await shared?.drop();
  shared = undefined;
});

/** Two nodes on one Postgres database and this run's Redis. */
async function cluster(): Promise<[ReferenceServer, ReferenceServer]> {
  const redisUrl = runRedisUrl();
  shared = await sharedDatabase();
  for (let node = 0; node < 2; node++) {
    servers.push(await startTestServer({ database: shared.url, redisUrl, clusterRefreshMs: 200 }));
  }
  return [servers[0] as ReferenceServer, servers[1] as ReferenceServer];
}

describe('a cluster of two nodes (Redis between them)', () => {
  it('carries a whole conversation between a visitor on node A and an agent on node B', async () => {
    const [nodeA, nodeB] = await cluster();
    const v = await visitor(nodeA);
    expect(v.welcome.availability).toMatchObject({ online: false });

    // Julie signs in on B: the visitor on A is told someone is there.
    const julie = await agent(nodeB, 'Julie');
    expect(await v.client.next('availability', (frame) => frame.online === true)).toMatchObject({
      online: true,
    });

    // The visitor writes on A: the conversation is queued, and B shows it to Julie.
    v.client.send({ type: 'message.send', clientId: 'first', text: 'Ma facture est fausse' });
    const { conversationId } = await v.client.next('message.ack');
    const queued = await julie.client.next('agent.queue', (frame) =>
      (frame.queue as Array<{ conversationId: string }>).some(
        (entry) => entry.conversationId === conversationId,
      ),
    );
    expect(queued.queue).toEqual([
      expect.objectContaining({ conversationId, preview: 'Ma facture est fausse' }),
    ]);

    // Julie takes it on B; the visitor on A sees her first name.
    julie.client.send({ type: 'agent.take', conversationId });
    await julie.client.next('agent.conversation');
    expect(await v.client.next('agent.joined')).toMatchObject({ agent: { firstName: 'Julie' } });

    // Both ways, typing and messages.
    julie.client.send({ type: 'agent.typing', conversationId, active: true });
    expect(await v.client.next('typing')).toMatchObject({ active: true, by: { firstName: 'Julie' } });
    julie.client.send({ type: 'agent.message', conversationId, clientId: 'j1', text: 'Je regarde ça.' });
    expect(await v.client.next('message', (m) => m.clientId === undefined)).toMatchObject({
      author: { firstName: 'Julie' },
      content: { text: 'Je regarde ça.' },
    });
    v.client.send({ type: 'message.send', clientId: 'second', text: 'Merci!' });
    const seen = await julie.client.next(
      'agent.event',
      (frame) => (frame.event as { clientId?: string }).clientId === 'second',
    );
    expect(seen.event).toMatchObject({ conversationId, content: { text: 'Merci!' } });

    // Julie leaves B: her conversation goes back to the queue, and A tells its visitor nobody is there.
    julie.client.close();
    expect(await v.client.next('agent.left')).toMatchObject({ agent: { firstName: 'Julie' } });
    expect(await v.client.next('availability', (frame) => frame.online === false)).toMatchObject({
      online: false,
    });
  });
});
