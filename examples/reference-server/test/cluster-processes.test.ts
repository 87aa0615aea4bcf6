// A whole conversation across two server processes behind the round-robin proxy, on one Postgres
// database with Redis between them, as a deployment runs: the visitor's socket on node A, Julie's on node
// B, Marc's on node A. Queue, take, typing and messages both ways, read receipts each way, a transfer from
// Julie (B) to Marc (A) with a note, the end and the survey: each frame crosses the nodes it must.
import type { ReferenceServer } from '@clavard/reference-server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRoundRobinProxy } from '../../../scripts/round-robin-proxy.mjs';
import { agentHello, visitor } from './support/clients.js';
import { runRedisUrl, sharedDatabase } from './support/cluster.js';
import { login } from './support/message-streams.js';
import {
  ensureServerBuilt,
  freePort,
  killServerProcesses,
  startServerProcess,
} from './support/server-process.js';

const cleanups: Array<() => unknown> = [];
beforeAll(() => ensureServerBuilt(), 60_000);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await killServerProcesses();
});

/** Two server processes behind the proxy; `front` is the one address pages and consoles use. */
async function cluster() {
  const shared = await sharedDatabase();
  cleanups.push(() => shared.drop());
  const env = { CLAVARD_REDIS_URL: runRedisUrl(), CLAVARD_CLUSTER_REFRESH_MS: '200' };
  const nodeA = await startServerProcess(await freePort(), shared.url, env);
  const nodeB = await startServerProcess(await freePort(), shared.url, env);
  const proxy = await startRoundRobinProxy([nodeA.url, nodeB.url]);
  cleanups.push(() => proxy.close());
  const ws = proxy.url.replace(/^http/, 'ws');
  const front = { url: proxy.url, widgetWsUrl: `${ws}/clavard/ws`, agentWsUrl: `${ws}/agent/ws` };
  return { proxy, front: front as unknown as ReferenceServer };
}

/** An agent of the demo's (password `demo`) signed in through the proxy. */
const demoAgent = async (front: ReferenceServer, name: string) => {
  const token = await login(front.url, name);
  const signedIn = await agentHello(front, token);
  cleanups.push(() => signedIn.client.close());
  return { ...signedIn, id: String((signedIn.welcome.agent as { id: string }).id) };
};

describe('a conversation across two server processes', () => {
  it('goes as on one server: queue, take, typing, messages, read receipts, transfer, end, survey', async () => {
    const { proxy, front } = await cluster();
    const v = await visitor(front);
    cleanups.push(() => v.client.close());
    const julie = await demoAgent(front, 'julie');
    const marc = await demoAgent(front, 'marc');
    expect(proxy.socketNodes()).toEqual([0, 1, 0]);

    v.client.send({ type: 'message.send', clientId: 'first', text: 'Mon colis est en retard' });
    const { conversationId, seq } = await v.client.next('message.ack');
    await julie.client.next('agent.queue', (frame) => (frame.queue as unknown[]).length === 1);
    julie.client.send({ type: 'agent.take', conversationId });
    expect(await v.client.next('agent.joined')).toMatchObject({ agent: { firstName: 'Julie' } });

    // Typing, read receipts and messages, each way across the nodes.
    julie.client.send({ type: 'agent.typing', conversationId, active: true });
    expect(await v.client.next('typing')).toMatchObject({ active: true, by: { firstName: 'Julie' } });
    v.client.send({ type: 'typing', conversationId, active: true });
    expect(await julie.client.next('agent.typing')).toMatchObject({ conversationId, active: true });
    julie.client.send({ type: 'agent.read', conversationId, upToSeq: seq });
    expect(await v.client.next('read')).toMatchObject({ conversationId, upToSeq: seq, by: 'agent' });
    // The house rules of a server process: the first answer starts with the greeting.
    const greeting = 'Bonjour, ici Julie. Comment puis-je vous aider aujourd’hui? Je vérifie votre colis.';
    julie.client.send({ type: 'agent.message', conversationId, clientId: 'j1', text: greeting });
    const answer = await v.client.next('message', (m) => m.clientId === undefined);
    expect(answer).toMatchObject({ content: { text: greeting } });
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

    // Marc ends it with the closing; the visitor rates it; Marc hears of the rating and his measures.
    marc.client.send({
      type: 'agent.end',
      conversationId,
      closing: 'Bonne journée, merci de votre patience.',
    });
    expect(await v.client.next('conversation.ended')).toMatchObject({ by: 'agent' });
    v.client.send({ type: 'rating.submit', conversationId, solved: true, score: 5 });
    expect(await marc.client.next('agent.rating')).toMatchObject({ conversationId, solved: true, score: 5 });
    const stats = await marc.client.next('agent.stats', (f) => (f.stats as { rated: number }).rated === 1);
    expect(stats.stats).toMatchObject({ conversations: 1, rated: 1, rating: 5 });
  }, 30_000);
});
