/**
 * A cluster when things fail: a node killed (SIGKILL) leaves no agent "online" for the others once their
 * presence expires; Redis restarted mid-conversation, and the frames between the nodes flow again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReferenceServer } from '@clavard/reference-server';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startRedis } from '../../../scripts/services.mjs';
import { agent, agentHello, startTestServer, visitor } from './support/clients.js';
import {
  ensureServerBuilt,
  freePort,
  killServerProcesses,
  startServerProcess,
} from './support/server-process.js';

/** Presence renewed every 200 ms here: it expires 600 ms after a node stops renewing it. */
const REFRESH_MS = 200;

let dir: string | undefined;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await killServerProcesses();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const databaseFile = (): string => {
  dir = mkdtempSync(join(tmpdir(), 'clavard-cluster-faults-'));
  return join(dir, 'clavard.db');
};

const node = async (database: string, redisUrl: string): Promise<ReferenceServer> => {
  const server = await startTestServer({ database, redisUrl, clusterRefreshMs: REFRESH_MS });
  cleanups.push(() => server.close());
  return server;
};

/** How many clients listen on the bus's channel: every node's, once they have (re)subscribed. */
const subscribers = (redisUrl: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(redisUrl);
    const socket = connectTcp(Number(port), hostname, () => socket.write('PUBSUB NUMSUB clavard:bus\r\n'));
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      reply += chunk;
      const count = reply.match(/^\*2\r\n\$\d+\r\nclavard:bus\r\n:(\d+)\r\n/)?.[1];
      if (count !== undefined) {
        socket.end();
        resolve(Number(count));
      }
    });
    socket.on('error', reject);
  });

describe('a cluster when things fail', () => {
  it("lets a killed node's agents expire: the other node's visitors are told nobody is there", async () => {
    const redisUrl = inject('redisUrl');
    if (redisUrl === undefined) throw new Error(`no Redis: ${inject('servicesMissing').redis}`);
    ensureServerBuilt();
    const database = databaseFile();
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
    const database = databaseFile();
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
    current = await startRedis({ port: Number(port) });
    // Both nodes' clients reconnect and subscribe again by themselves.
    await expect.poll(() => subscribers(current.url), { timeout: 10_000, interval: 50 }).toBe(2);

    julie.client.send({ type: 'agent.message', conversationId, clientId: 'j1', text: 'Oui, je suis là.' });
    expect(await v.client.next('message', (m) => m.clientId === undefined)).toMatchObject({
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
    const database = databaseFile();
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
    await expect(node(databaseFile(), `redis://127.0.0.1:${port}`)).rejects.toThrow(Error);
  });
});
