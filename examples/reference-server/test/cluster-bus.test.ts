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

  it('hands a conversation from an agent on B to one on A, with read receipts, the end and the survey', async () => {
    const [nodeA, nodeB] = await cluster();
    const julie = await agent(nodeB, 'Julie');
    const marc = await agent(nodeA, 'Marc');
    const v = await visitor(nodeA);
    v.client.send({ type: 'message.send', clientId: 'first', text: 'Mon colis est en retard' });
    const { conversationId, seq } = await v.client.next('message.ack');
    await julie.client.next('agent.queue', (frame) => (frame.queue as unknown[]).length === 1);
    julie.client.send({ type: 'agent.take', conversationId });
    await v.client.next('agent.joined');

    // Read receipts, each way across the nodes.
    julie.client.send({ type: 'agent.read', conversationId, upToSeq: seq });
    expect(await v.client.next('read')).toMatchObject({ conversationId, upToSeq: seq, by: 'agent' });
    julie.client.send({ type: 'agent.message', conversationId, clientId: 'j1', text: 'Je vérifie.' });
    const answer = await v.client.next('message', (m) => m.clientId === undefined);
    v.client.send({ type: 'read', conversationId, upToSeq: answer.seq });
    expect(await julie.client.next('agent.read')).toMatchObject({ conversationId, upToSeq: answer.seq });

    // Julie (B) hands it to Marc (A), with a note only Marc sees.
    julie.client.send({ type: 'agent.transfer', conversationId, toAgentId: marc.id, note: 'Colis 42' });
    expect(await v.client.next('agent.transferred')).toMatchObject({ agent: { firstName: 'Marc' } });
    const handed = await marc.client.next('agent.conversation');
    expect(handed.conversation).toMatchObject({ id: conversationId, transferNote: { note: 'Colis 42' } });
    v.client.send({ type: 'message.send', clientId: 'second', text: 'Merci Marc' });
    const toMarc = await marc.client.next(
      'agent.event',
      (frame) => (frame.event as { clientId?: string }).clientId === 'second',
    );
    expect(toMarc.event).toMatchObject({ content: { text: 'Merci Marc' } });

    // Marc ends it; the visitor rates it, and Marc hears of the rating and his measures.
    marc.client.send({ type: 'agent.end', conversationId, closing: 'Bonne journée!' });
    expect(await v.client.next('conversation.ended')).toMatchObject({
      by: 'agent',
      closing: 'Bonne journée!',
    });
    v.client.send({ type: 'rating.submit', conversationId, solved: true, score: 5 });
    expect(await marc.client.next('agent.rating')).toMatchObject({ conversationId, solved: true, score: 5 });
    expect(
      await marc.client.next('agent.stats', (f) => (f.stats as { rated: number }).rated === 1),
    ).toBeTruthy();
  });
});
