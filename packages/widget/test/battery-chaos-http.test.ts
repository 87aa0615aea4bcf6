import { createLongPollTransport } from '@clavard/adapters/long-poll';
import { createSseTransport, type SseTransportOptions } from '@clavard/adapters/sse';
import type { Transport } from '@clavard/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../adapters/test/support/node-server.js';
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
import { type ChatCore, type FrameHooks, withFrameHooks } from './support/hooked-core.js';

// Replay a failure with CHAOS_SEED=<seed> npx vitest run packages/widget/test/battery-chaos-http.test.ts
const SEED = Number(process.env.CHAOS_SEED ?? 20_261_123);

type FetchLike = NonNullable<SseTransportOptions['fetch']>;

/** The HTTP transports under test, each to `url` with `fetch`, with a short connect timeout. */
const transports: Array<{ name: string; create(url: string, fetchImpl: FetchLike): Transport }> = [
  {
    name: 'SSE (fetch-read stream + POST)',
    create: (url, fetchImpl) =>
      createSseTransport({ url, fetch: fetchImpl, EventSource: null, connectTimeoutMs: 1000 }),
  },
  {
    name: 'long-poll',
    create: (url, fetchImpl) => createLongPollTransport({ url, fetch: fetchImpl, connectTimeoutMs: 1000 }),
  },
];

/** The adapters' Node test server (WebSocket, SSE, long-poll on one port) on the soak's hooked core. */
const startHttpServer = (core: ChatCore, hooks: FrameHooks): Promise<TestServer> =>
  startTestServer(withFrameHooks(core, hooks), { pollHoldMs: 5000 });

afterEach(stopChaosSoaks);

describe.each(transports)('chaos battery, $name transport against the real Node test server', (transport) => {
  const overHttp: Pick<ChaosSoakOptions<TestServer>, 'startServer' | 'createTransport'> = {
    startServer: startHttpServer,
    createTransport: (server) => transport.create(server().url, fetch),
  };

  it(`500+ messages through 20+ server kills and injector cuts, 5% lost, 2% doubled, reordered within 8: 0 lost, 0 doubled (seed ${SEED})`, async () => {
    const perSide = 250;
    const soak = await startChaosSoak({
      ...overHttp,
      seed: SEED,
      // Server-side kills in a replay are rare: a long-poll client gets the replay only at its next poll,
      // so a kill at each replayed event would end nearly every resume before any of it arrived (a
      // livelock of the test, not of the client). The tap's cuts hit replays from the client's side.
      kill: { afterSend: 0.08, inReplay: 0.03 },
      cut: { afterSend: 0.04, inReplay: 0.05 },
    });
    const { counters } = soak.tap;
    const { stats } = soak.faulty;
    await chaosTraffic(
      soak,
      perSide,
      () =>
        soak.kills.afterSend >= 10 &&
        stats.cuts >= 5 &&
        counters.forcedDisconnects >= 20 &&
        counters.disconnectsBetweenSendAndAck >= 5 &&
        counters.disconnectsDuringReplay >= 1,
    );
    await chaosDrain(soak);

    expectNothingLostOrDoubled(soak);
    reportChaos(transport.name, soak);
    expect(soak.visitorSent).toBeGreaterThanOrEqual(perSide);
    expect(soak.kills.afterSend).toBeGreaterThanOrEqual(10);
    expect(stats.cuts).toBeGreaterThanOrEqual(5);
    expect(counters.forcedDisconnects).toBeGreaterThanOrEqual(20);
    expect(counters.disconnectsBetweenSendAndAck).toBeGreaterThanOrEqual(5);
    expect(counters.disconnectsDuringReplay).toBeGreaterThanOrEqual(1);
    expect(stats.dropped).toBeGreaterThan(stats.received * 0.02);
    expect(stats.duplicated).toBeGreaterThan(stats.received * 0.005);
    expect(stats.reordered).toBeGreaterThan(20);
  }, 60_000);

  it(`loses no acknowledged message when the server is closed and started again on the same core (seed ${SEED})`, async () => {
    const perSide = 150;
    // The client keeps one address; behind it, each restart is a new process on a new port.
    const address = 'http://chat.invalid/clavard';
    const soak = await startChaosSoak({
      ...overHttp,
      seed: SEED + 2,
      kill: { afterSend: 0, inReplay: 0 },
      createTransport: (server) =>
        transport.create(address, (input, init) => fetch(input.replace(address, server().url), init)),
    });
    let restarts = 0;
    while (soak.visitorSent < perSide || soak.agentSent < perSide) {
      await chaosBatch(soak, perSide);
      await soak.server.close();
      // Traffic while the server is down: the agent's messages are stored, the visitor's wait.
      soak.core.agents.send(soak.conversationId, 'a1', `a${soak.agentSent++}`);
      soak.client.send(`v${soak.visitorSent++}`);
      soak.server = await startHttpServer(soak.core, soak.hooks);
      restarts += 1;
    }
    await chaosDrain(soak);

    expect(restarts).toBeGreaterThanOrEqual(5);
    expect(soak.tap.acks.size).toBeGreaterThan(perSide * 0.8);
    expectAcksStored(soak);
    expectNothingLostOrDoubled(soak);
  }, 60_000);
});
