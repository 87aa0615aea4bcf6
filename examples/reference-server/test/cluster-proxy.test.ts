/**
 * Two nodes behind the round-robin proxy (scripts/round-robin-proxy.mjs), as a deployment behind a load
 * balancer: the agent's sign-in, the agent's socket and the visitor's socket each go to the next node, so
 * the agent works on node B and the visitor on node A, through one address.
 */
import type { ReferenceServer } from '@clavard/reference-server';
import { afterEach, describe, expect, it } from 'vitest';
import { startRoundRobinProxy } from '../../../scripts/round-robin-proxy.mjs';
import { agent, connect, startTestServer, visitor } from './support/clients.js';
import { runRedisUrl, sharedDatabase } from './support/cluster.js';
import { freePort } from './support/server-process.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('two nodes behind a round-robin proxy', () => {
  it('gives the agent and the visitor different nodes, and the conversation goes as on one', async () => {
    const redisUrl = runRedisUrl();
    const shared = await sharedDatabase();
    cleanups.push(() => shared.drop());
    const database = shared.url;
    const proxyPort = await freePort();
    const publicOrigin = `http://127.0.0.1:${proxyPort}`;
    const nodes: ReferenceServer[] = [];
    for (let n = 0; n < 2; n++) {
      const node = await startTestServer({ database, redisUrl, clusterRefreshMs: 200, publicOrigin });
      cleanups.push(() => node.close());
      nodes.push(node);
    }
    const [nodeA, nodeB] = nodes as [ReferenceServer, ReferenceServer];
    const proxy = await startRoundRobinProxy([nodeA.url, nodeB.url], { port: proxyPort });
    cleanups.push(() => proxy.close());
    const ws = proxy.url.replace(/^http/, 'ws');
    // The one address, as a page would see it; accounts are made on a node directly.
    const front = { ...nodeA, url: proxy.url, agentWsUrl: `${ws}/agent/ws`, widgetWsUrl: `${ws}/clavard/ws` };

    // A browser on the proxy's address (the console, the demo store) sends it as its origin: both nodes
    // take it as their own (publicOrigin), whichever gets the socket.
    for (let n = 0; n < 2; n++) (await connect(`${ws}/agent/ws`, proxy.url)).close();

    // Sockets take turns apart from requests: the agent's to A, the visitor's to B.
    const julie = await agent(front, 'Julie');
    const v = await visitor(front);
    // Node A learns of Julie on B through Redis: at once, or just after the welcome.
    if ((v.welcome.availability as { online: boolean }).online !== true) {
      await v.client.next('availability', (frame) => frame.online === true);
    }
    v.client.send({ type: 'message.send', clientId: 'first', text: 'Bonjour!' });
    const { conversationId } = await v.client.next('message.ack');
    await julie.client.next('agent.queue', (frame) => (frame.queue as unknown[]).length === 1);
    julie.client.send({ type: 'agent.take', conversationId });
    expect(await v.client.next('agent.joined')).toMatchObject({ agent: { firstName: 'Julie' } });
    julie.client.send({ type: 'agent.message', conversationId, clientId: 'j1', text: 'Bonjour, ici Julie.' });
    expect(await v.client.next('message', (m) => m.clientId === undefined)).toMatchObject({
      content: { text: 'Bonjour, ici Julie.' },
    });

    expect(proxy.socketNodes().slice(-2)).toEqual([0, 1]);

    // Node A stops: the agent reconnects through the proxy, which skips the node that is gone.
    await nodeA.close();
    await julie.client.closed();
    const back = await agent(front, 'Julie');
    expect(back.welcome).toMatchObject({ agent: { firstName: 'Julie' } });
  });
});
