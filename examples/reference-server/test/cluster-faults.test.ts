/**
 * A cluster when things fail: a node killed (SIGKILL) leaves no agent "online" for the others once their
 * presence expires; Redis restarted mid-conversation, and the frames between the nodes flow again.
 */
import type { ReferenceServer } from '@clavard/reference-server';
import { afterEach, describe, expect, it } from 'vitest';
import { startRedis } from '../../../scripts/services.mjs';
import { agent, agentHello, startTestServer, visitor } from './support/clients.js';
import { runRedisUrl, sharedDatabase, subscribers } from './support/cluster.js';
import {
  ensureServerBuilt,
  freePort,
  killServerProcesses,
  startServerProcess,
} from './support/server-process.js';

/** Presence renewed every 200 ms here: it expires 600 ms after a node stops renewing it. */
const REFRESH_MS = 200;

let shared: Awaited<ReturnType<typeof sharedDatabase>> | undefined;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await killServerProcesses();
  await shared?.drop();
  shared = undefined;
});

/** The Postgres database the nodes of this test share. */
const databaseUrl = async (): Promise<string> => {
  shared = await sharedDatabase();
  return shared.url;
};

const node = async (database: string, redisUrl: string): Promise<ReferenceServer> => {
  const server = await startTestServer({ database, redisUrl, clusterRefreshMs: REFRESH_MS });
  cleanups.push(() => server.close());
  return server;
};

describe('a cluster when things fail', () => {
  it("lets a killed node's agents expire: the other node's visitors are told nobody is there", async () => {
    const redisUrl = runRedisUrl();
    ensureServerBuilt();
    const database = await databaseUrl();
    const nodeA = await node(database, redisUrl);
    const v = await visitor(nodeA);
    const nodeB = await startServerProcess(await freePort(), database, {
      CLAVARD_REDIS_URL: redisUrl,
      CLAVARD_CLUSTER_REFRESH_MS: String(REFRESH_MS),
    });
    const signedIn = await fetch(`${nodeB.url}/agent/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: nodeB.url },
      body: JSON.stringify({ login: 'julie', password: 'demo' }),
    });
    const { token } = (await signedIn.json()) as { token: string };
    await agentHello(
      { agentWsUrl: `${nodeB.url.replace(/^http/, 'ws')}/agent/ws` } as ReferenceServer,
      token,
    );
    expect(await v.client.next('availability', (frame) => frame.online === true)).toMatchObject({
      online: true,
    });

    nodeB.child.kill('SIGKILL');
    expect(await nodeB.exited).toBe('SIGKILL');
    // Nobody removed Julie's presence: it expires, and node A tells its visitor.
    expect(await v.client.next('availability', (frame) => frame.online === false)).toMatchObject({
      online: false,
    });
  });

  it('carries frames between the nodes again once Redis is back after a restart', async () => {
    const redis = await startRedis();
    const { port } = new URL(redis.url);
    let current = redis;
    cleanups.push(() => current.stop());
    const database = await databaseUrl();
    const nodeA = await node(database, redis.url);
    const nodeB = await node(database, redis.url);
    const v = await visitor(nodeA);
    const julie = await agent(nodeB, 'Julie');
    await v.client.next('availability', (frame) => frame.online === true);
    v.client.send({ type: 'message.send', clientId: 'first', text: 'Allô?' });
    const { conversationId } = await v.client.next('message.ack');
    await julie.client.next('agent.queue', (frame) => (frame.queue as unknown[]).length === 1);
    julie.client.send({ type: 'agent.take', conversationId });
    await v.client.next('agent.joined');

    await current.stop();
    // While Redis is away, Julie answers: stored (acked), but no node can carry it to the visitor.
    julie.client.send({ type: 'agent.message', conversationId, clientId: 'j0', text: 'Pendant la coupure' });
    await julie.client.next('agent.ack', (frame) => frame.clientId === 'j0');
    current = await startRedis({ port: Number(port) });
    // Both nodes' clients reconnect and subscribe again by themselves.
    await expect.poll(() => subscribers(current.url), { timeout: 10_000, interval: 50 }).toBe(2);
    // Nothing is lost: node A catches its visitor up from the database once it is back on the bus.
    expect(await v.client.next('message', (m) => m.clientId === undefined)).toMatchObject({
      content: { text: 'Pendant la coupure' },
    });

    julie.client.send({ type: 'agent.message', conversationId, clientId: 'j1', text: 'Oui, je suis là.' });
    expect(
      await v.client.next(
        'message',
        (m) =>
          m.clientId === undefined &&
          m.seq !== undefined &&
          m.content !== undefined &&
          (m.content as { text?: string }).text !== 'Pendant la coupure',
      ),
    ).toMatchObject({
      content: { text: 'Oui, je suis là.' },
    });
    v.client.send({ type: 'message.send', clientId: 'second', text: 'Parfait.' });
    const seen = await julie.client.next(
      'agent.event',
      (frame) => (frame.event as { clientId?: string }).clientId === 'second',
    );
    expect(seen.event).toMatchObject({ content: { text: 'Parfait.' } });
  });

  it("forgets the other node's agents once Redis has been away longer than a presence lasts", async () => {
    const redis = await startRedis();
    let stopped = false;
    cleanups.push(async () => {
      if (!stopped) await redis.stop();
    });
    const database = await databaseUrl();
    const nodeA = await node(database, redis.url);
    const nodeB = await node(database, redis.url);
    const v = await visitor(nodeA);
    await agent(nodeB, 'Julie');
    await v.client.next('availability', (frame) => frame.online === true);
    await redis.stop();
    stopped = true;
    // Nobody can renew or read presence now: what node A read expires as it would have in Redis.
    expect(await v.client.next('availability', (frame) => frame.online === false)).toMatchObject({
      online: false,
    });
  });

  it('refuses to start without Redis, saying why', async () => {
    const port = await freePort();
    await expect(node(await databaseUrl(), `redis://127.0.0.1:${port}`)).rejects.toThrow(Error);
  });
});
