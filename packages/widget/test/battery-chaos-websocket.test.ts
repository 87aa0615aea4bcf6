import { createWebSocketTransport } from '@clavard/adapters/websocket';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  type ChaosSoakOptions,
  chaosBatch,
  chaosDrain,
  chaosTraffic,
  expectAcksStored,
  expectNothingLostOrDoubled,
  reportChaos,
  startChaosSoak,
  stopChaosSoaks,
} from './support/chaos-run.js';
import { startWsChatServer, type WsChatServer } from './support/ws-chat-server.js';

// Replay a failure with CHAOS_SEED=<seed> npx vitest run packages/widget/test/battery-chaos-websocket.test.ts
const SEED = Number(process.env.CHAOS_SEED ?? 20_261_123);

afterEach(stopChaosSoaks);

/** A `ws` client transport to a real WebSocket server on 127.0.0.1 bound to the soak's memory core. */
const overWebSocket: Pick<ChaosSoakOptions<WsChatServer>, 'startServer' | 'createTransport'> = {
  startServer: (core, hooks) => startWsChatServer(core, 0, hooks),
  createTransport: (server) => createWebSocketTransport({ url: server().url, WebSocket }),
};

describe('chaos battery, WebSocket transport against a real local server', () => {
  it(`1,000+ messages through 40+ server-side kills, 5% lost, 2% doubled, reordered within 8: 0 lost, 0 doubled (seed ${SEED})`, async () => {
    const perSide = 500;
    const soak = await startChaosSoak({
      ...overWebSocket,
      seed: SEED,
      kill: { afterSend: 0.08, inReplay: 0.3 },
    });
    const { counters } = soak.tap;
    await chaosTraffic(
      soak,
      perSide,
      () =>
        soak.kills.afterSend + soak.kills.inReplay >= 40 &&
        soak.kills.afterSend >= 20 &&
        soak.kills.inReplay >= 1 &&
        counters.disconnectsBetweenSendAndAck >= 10 &&
        counters.disconnectsDuringReplay >= 5,
    );
    await chaosDrain(soak);

    expectNothingLostOrDoubled(soak);
    reportChaos('WebSocket', soak);
    expect(soak.visitorSent).toBeGreaterThanOrEqual(perSide);
    expect(soak.kills.afterSend + soak.kills.inReplay).toBeGreaterThanOrEqual(40);
    expect(soak.kills.afterSend).toBeGreaterThanOrEqual(20);
    expect(soak.kills.inReplay).toBeGreaterThanOrEqual(1);
    expect(counters.forcedDisconnects).toBeGreaterThanOrEqual(40);
    expect(counters.disconnectsBetweenSendAndAck).toBeGreaterThanOrEqual(10);
    expect(counters.disconnectsDuringReplay).toBeGreaterThanOrEqual(5);
    const { stats } = soak.faulty;
    expect(stats.dropped).toBeGreaterThan(stats.received * 0.03);
    expect(stats.duplicated).toBeGreaterThan(stats.received * 0.01);
    expect(stats.reordered).toBeGreaterThan(100);
  }, 60_000);

  it(`loses no acknowledged message when the server is closed and restarted on the same core (seed ${SEED})`, async () => {
    const perSide = 200;
    const soak = await startChaosSoak({
      ...overWebSocket,
      seed: SEED + 2,
      kill: { afterSend: 0, inReplay: 0 },
    });
    let restarts = 0;
    while (soak.visitorSent < perSide || soak.agentSent < perSide) {
      await chaosBatch(soak, perSide);
      const { port } = soak.server;
      await soak.server.close();
      // Traffic while the server is down: the agent's messages are stored, the visitor's wait.
      soak.core.agents.send(soak.conversationId, 'a1', `a${soak.agentSent++}`);
      soak.client.send(`v${soak.visitorSent++}`);
      soak.server = await startWsChatServer(soak.core, port, soak.hooks);
      restarts += 1;
    }
    await chaosDrain(soak);

    expect(restarts).toBeGreaterThanOrEqual(5);
    expect(soak.tap.acks.size).toBeGreaterThan(perSide * 0.8);
    expectAcksStored(soak);
    expectNothingLostOrDoubled(soak);
  }, 60_000);
});
