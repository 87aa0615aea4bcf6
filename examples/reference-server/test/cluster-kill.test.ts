// A node of a cluster is killed (SIGKILL) in the middle of a conversation. Two server processes share one
// Postgres database and this run's Redis, behind the round-robin proxy: the visitor's socket is on node A,
// Julie's on node B, Marc's on node A. Once both streams of messages are under way, A dies: the visitor's
// client reconnects through the proxy (which skips the refused node) to B and resumes, nothing
// acknowledged is lost or stored twice, seq stays gap-free, and Marc's presence on A expires for Julie.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRoundRobinProxy } from '../../../scripts/round-robin-proxy.mjs';
import { agentHello } from './support/clients.js';
import { runRedisUrl, sharedDatabase } from './support/cluster.js';
import {
  bothUnderWay,
  createAgent,
  expectNothingLost,
  login,
  until,
  visitorStream,
  within,
} from './support/message-streams.js';
import {
  ensureServerBuilt,
  freePort,
  killServerProcesses,
  startServerProcess,
} from './support/server-process.js';

const VISITOR_MESSAGES = 200;
const AGENT_MESSAGES = 100;
/** Presence renewed every 200 ms: it expires 600 ms after a node stops renewing it. */
const REFRESH_MS = '200';

const cleanups: Array<() => unknown> = [];
beforeAll(() => ensureServerBuilt(), 60_000);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await killServerProcesses();
});

describe('a node of the cluster killed (SIGKILL) mid-conversation', () => {
  it('loses nothing: the visitor resumes on the other node, and the dead node’s agent expires', async () => {
    const shared = await sharedDatabase();
    cleanups.push(() => shared.drop());
    const cluster = { CLAVARD_REDIS_URL: runRedisUrl(), CLAVARD_CLUSTER_REFRESH_MS: REFRESH_MS };
    const nodeA = await startServerProcess(await freePort(), shared.url, cluster);
    const nodeB = await startServerProcess(await freePort(), shared.url, cluster);
    cleanups.push(() => nodeB.child.kill('SIGKILL'));
    const proxy = await startRoundRobinProxy([nodeA.url, nodeB.url]);
    cleanups.push(() => proxy.close());
    const ws = proxy.url.replace(/^http/, 'ws');

    let killed = false;
    let agentAcks = (): number => 0;
    let killNow = () => {};
    const maybeKill = () => {
      // Julie's stream starts once the conversation is there: until then, no agent acks.
      if (killed || !bothUnderWay(visitor.acks.size, agentAcks())) return;
      killed = true;
      killNow();
    };
    // Sockets take turns: the visitor's to A, Julie's to B, Marc's to A.
    const visitor = visitorStream(`${ws}/clavard/ws`, maybeKill);
    cleanups.push(() => visitor.client.dispose());
    const sentIds = [visitor.client.send('visitor says 0')];
    const conversation = await until(
      visitor.client.conversation,
      (c) => c !== undefined,
      'a conversation',
      () => '',
    );
    const julie = createAgent(AGENT_MESSAGES, conversation?.id ?? '', maybeKill);
    agentAcks = () => julie.acks.size;
    cleanups.push(() => julie.close());
    await julie.attach(`${ws}/agent/ws`, await login(proxy.url));
    const marc = await agentHello({ agentWsUrl: `${ws}/agent/ws` } as never, await login(proxy.url, 'marc'));
    cleanups.push(() => marc.client.close());
    expect(proxy.socketNodes()).toEqual([0, 1, 0]);
    await expect.poll(() => julie.agentsNow(), { timeout: 5000 }).toEqual(['Julie', 'Marc']);

    const killedAt = new Promise<void>((resolve) => {
      killNow = () => {
        nodeA.child.kill('SIGKILL');
        resolve();
      };
    });
    for (let i = 1; i < VISITOR_MESSAGES; i++) sentIds.push(visitor.client.send(`visitor says ${i}`));
    await within(killedAt, 'both streams to be under way');
    expect(await nodeA.exited).toBe('SIGKILL');
    const agentAckedBefore = new Map(julie.acks);
    expect(visitor.acks.size).toBeLessThan(VISITOR_MESSAGES);
    expect(agentAckedBefore.size).toBeLessThan(AGENT_MESSAGES);

    // Nobody removed Marc's presence: it expires, and B tells Julie he is gone.
    await expect.poll(() => julie.agentsNow(), { timeout: 5000 }).toEqual(['Julie']);
    const stored = await expectNothingLost({
      visitor,
      agent: julie,
      sentIds,
      agentAckedBefore,
      agentMessages: AGENT_MESSAGES,
    });
    // The visitor came back through the proxy, to B: A refuses connections now.
    expect(
      proxy
        .socketNodes()
        .slice(3)
        .every((node) => node === 1),
    ).toBe(true);
    console.info(
      `cluster-kill: node A killed after ${agentAckedBefore.size}/${AGENT_MESSAGES} agent acks; ` +
        `${stored.length} events stored (seq 1..${stored.length}); the visitor's sockets went to nodes ` +
        `${proxy.socketNodes().join(',')}; duplicate acks: visitor ${visitor.duplicates()}, agent ${julie.duplicates()}`,
    );
  }, 60_000);
});
