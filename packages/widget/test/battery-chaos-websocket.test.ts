import { createMemoryChatServer, type MemoryChatServer } from '@clavard/adapters/memory';
import { createFaultInjector, createRandom, type FaultyTransport } from '@clavard/adapters/testing';
import { createWebSocketTransport } from '@clavard/adapters/websocket';
import type { ChatErrorCode } from '@clavard/protocol';
import { type ChatClient, createChatClient, createMemoryStorage } from '@clavard/widget/headless';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  type ChaosTap,
  createChaosTap,
  eventKey,
  shownEvents,
  textsBy,
  visibleKeys,
} from './support/chaos-tap.js';
import { until } from './support/until.js';
import { startWsChatServer, type WsChatServer, type WsFrameHooks } from './support/ws-chat-server.js';

// Replay a failure with CHAOS_SEED=<seed> npx vitest run packages/widget/test/battery-chaos-websocket.test.ts
const SEED = Number(process.env.CHAOS_SEED ?? 20_261_123);
const julie = { id: 'a1', firstName: 'Julie' };
const EXPECTED_ERRORS: ReadonlySet<ChatErrorCode> = new Set([
  'connection-lost',
  'ack-timeout',
  'heartbeat-timeout',
  'connect-timeout',
]);

let core: MemoryChatServer | undefined;
let wsServer: WsChatServer | undefined;
let client: ChatClient | undefined;
afterEach(async () => {
  client?.dispose();
  await wsServer?.close();
  core?.dispose();
  client = undefined;
  wsServer = undefined;
  core = undefined;
});

interface WsSoak {
  core: MemoryChatServer;
  client: ChatClient;
  faulty: FaultyTransport;
  tap: ChaosTap;
  storage: ReturnType<typeof createMemoryStorage>;
  hooks: WsFrameHooks;
  kills: { afterSend: number; inReplay: number };
  conversationId: string;
  errors: Set<ChatErrorCode>;
  visitorSent: number;
  agentSent: number;
  settled: Set<string>;
}

/**
 * A memory chat core behind a real WebSocket server, a `ws` client transport wrapped in the fault
 * injector, and server-side kills on a seeded schedule: just after a `message.send` arrives (the ack may
 * or may not have left) and in the middle of a resume replay.
 */
async function startWsSoak(seed: number, kill: { afterSend: number; inReplay: number }): Promise<WsSoak> {
  let ids = 0;
  const soakCore = createMemoryChatServer({
    createId: () => {
      ids += 1;
      return `id${ids}`;
    },
  });
  core = soakCore;
  const random = createRandom(seed + 1);
  const kills = { afterSend: 0, inReplay: 0 };
  let killPending = false;
  let resumeFrom = 0;
  let replayUpTo = 0;
  const killSoon = (kind: keyof typeof kills): void => {
    if (killPending) return;
    killPending = true;
    setImmediate(() => {
      killPending = false;
      kills[kind] += 1;
      wsServer?.killAll();
    });
  };
  const hooks: WsFrameHooks = {
    fromClient(frame) {
      if (frame.type === 'session.hello') {
        const resume = frame.resume as { lastSeq?: number } | undefined;
        resumeFrom = resume?.lastSeq ?? 0;
      } else if (frame.type === 'message.send' && random.chance(kill.afterSend)) killSoon('afterSend');
    },
    toClient(frame) {
      if (frame.type === 'session.welcome') {
        const conversation = frame.conversation as { lastSeq?: number } | undefined;
        replayUpTo = (conversation?.lastSeq ?? 0) > resumeFrom + 1 ? (conversation?.lastSeq ?? 0) : 0;
      } else if (typeof frame.seq === 'number' && frame.seq < replayUpTo && random.chance(kill.inReplay)) {
        killSoon('inReplay');
      }
    },
  };
  wsServer = await startWsChatServer(soakCore, 0, hooks);
  const faulty = createFaultInjector(createWebSocketTransport({ url: wsServer.url, WebSocket }), {
    seed,
    drop: 0.05,
    duplicate: 0.02,
    reorderWindow: 8,
  });
  const tap = createChaosTap(faulty, { seed, cutAfterSend: 0, cutInReplay: 0, cut: () => undefined });
  const storage = createMemoryStorage();
  // Short timeouts and backoff keep the run quick in real time; the logic is the same.
  const soakClient = createChatClient({
    transport: tap,
    storage,
    random: () => 0.01,
    ackTimeoutMs: 250,
    connectTimeoutMs: 1000,
  });
  client = soakClient;
  const soak: WsSoak = {
    core: soakCore,
    client: soakClient,
    faulty,
    tap,
    storage,
    hooks,
    kills,
    conversationId: '',
    errors: new Set(),
    visitorSent: 0,
    agentSent: 0,
    settled: new Set(),
  };
  soakClient.on('error', (error) => soak.errors.add(error.code));
  soakClient.on('message', (message) => {
    if (message.clientId !== undefined) soak.settled.add(message.clientId);
  });
  soakClient.connect();
  soakClient.send(`v${soak.visitorSent++}`);
  expect(await until(soakClient, () => soakClient.conversation.value !== undefined, 10_000)).toBe(true);
  soak.conversationId = soakClient.conversation.value?.id ?? '';
  soakCore.agents.join(soak.conversationId, julie);
  return soak;
}

/** A batch of up to 25 messages each way, then wait until the visitor's are all confirmed. */
async function batch(soak: WsSoak, perSide: number): Promise<void> {
  for (let k = 0; k < 25; k += 1) {
    if (soak.visitorSent < perSide) soak.client.send(`v${soak.visitorSent++}`);
    if (soak.agentSent < perSide) soak.core.agents.send(soak.conversationId, 'a1', `a${soak.agentSent++}`);
  }
  const ok = await until(soak.client, () => soak.settled.size >= soak.visitorSent, 20_000);
  expect(ok).toBe(true);
}

const converged = (soak: WsSoak): boolean => {
  const rows = soak.client.messages.value;
  const last = rows.at(-1);
  const lastSeq = soak.core.conversations().find((c) => c.id === soak.conversationId)?.lastSeq;
  return last?.kind === 'event' && last.seq === lastSeq && rows.length === lastSeq;
};

/**
 * Wait for the client to catch up. A frame lost at the very end of the traffic can only be noticed at the
 * next frame or reconnect, so after a quiet second the server drops the connection and the resume fills in.
 */
async function drain(soak: WsSoak): Promise<void> {
  for (let round = 0; round < 20; round += 1) {
    if (await until(soak.client, () => converged(soak), 1000)) return;
    wsServer?.killAll();
  }
}

function expectNothingLostOrDoubled(soak: WsSoak): void {
  const stored = soak.core.events(soak.conversationId);
  expect(visibleKeys(soak.client)).toEqual(stored.map(eventKey));
  expect(stored.map((event) => event.seq)).toEqual(stored.map((_, index) => index + 1));
  const shown = shownEvents(soak.client);
  expect(textsBy(shown, 'visitor')).toEqual(Array.from({ length: soak.visitorSent }, (_, i) => `v${i}`));
  expect(textsBy(shown, 'agent')).toEqual(Array.from({ length: soak.agentSent }, (_, i) => `a${i}`));
  soak.client.disconnect();
  const saved: unknown = JSON.parse(soak.storage.get('clavard:default') ?? '{}');
  expect(saved).toMatchObject({ outbox: [], lastSeq: stored.length });
  expect([...soak.errors].filter((code) => !EXPECTED_ERRORS.has(code))).toEqual([]);
}

describe('chaos battery, WebSocket transport against a real local server', () => {
  it(`1,000 messages through 40+ server-side kills, 5% lost, 2% doubled, reordered within 8: 0 lost, 0 doubled (seed ${SEED})`, async () => {
    const perSide = 500;
    const soak = await startWsSoak(SEED, { afterSend: 0.08, inReplay: 0.3 });
    while (soak.visitorSent < perSide || soak.agentSent < perSide) await batch(soak, perSide);
    await drain(soak);

    expectNothingLostOrDoubled(soak);
    expect(soak.kills.afterSend + soak.kills.inReplay).toBeGreaterThanOrEqual(40);
    expect(soak.kills.afterSend).toBeGreaterThanOrEqual(20);
    expect(soak.kills.inReplay).toBeGreaterThanOrEqual(1);
    expect(soak.tap.counters.forcedDisconnects).toBeGreaterThanOrEqual(40);
    expect(soak.tap.counters.disconnectsBetweenSendAndAck).toBeGreaterThanOrEqual(10);
    expect(soak.tap.counters.disconnectsDuringReplay).toBeGreaterThanOrEqual(5);
    const { stats } = soak.faulty;
    expect(stats.dropped).toBeGreaterThan(stats.received * 0.03);
    expect(stats.duplicated).toBeGreaterThan(stats.received * 0.01);
    expect(stats.reordered).toBeGreaterThan(100);
  }, 60_000);

  it(`loses no acknowledged message when the server is closed and restarted on the same core (seed ${SEED})`, async () => {
    const perSide = 200;
    const soak = await startWsSoak(SEED + 2, { afterSend: 0, inReplay: 0 });
    let restarts = 0;
    while (soak.visitorSent < perSide || soak.agentSent < perSide) {
      await batch(soak, perSide);
      const port = wsServer?.port ?? 0;
      await wsServer?.close();
      // Traffic while the server is down: the agent's messages are stored, the visitor's wait.
      soak.core.agents.send(soak.conversationId, 'a1', `a${soak.agentSent++}`);
      soak.client.send(`v${soak.visitorSent++}`);
      wsServer = await startWsChatServer(soak.core, port, soak.hooks);
      restarts += 1;
    }
    await drain(soak);

    expect(restarts).toBeGreaterThanOrEqual(5);
    const bySeq = new Map(soak.core.events(soak.conversationId).map((event) => [event.seq, event]));
    expect(soak.tap.acks.size).toBeGreaterThan(perSide * 0.8);
    for (const [clientId, ack] of soak.tap.acks) {
      expect(bySeq.get(ack.seq)).toMatchObject({ type: 'message', id: ack.id, clientId });
    }
    expectNothingLostOrDoubled(soak);
  }, 60_000);
});
