import { createMemoryChatServer, type MemoryChatServer } from '@clavard/adapters/memory';
import { createFaultInjector, type FaultyTransport } from '@clavard/adapters/testing';
import type { ChatErrorCode } from '@clavard/protocol';
import { type ChatClient, createChatClient, createMemoryStorage } from '@clavard/widget/headless';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ChaosTap,
  createChaosTap,
  eventKey,
  shownEvents,
  textsBy,
  visibleKeys,
} from './support/chaos-tap.js';

// Replay a failure with CHAOS_SEED=<seed> npx vitest run packages/widget/test/battery-chaos-memory.test.ts
const SEED = Number(process.env.CHAOS_SEED ?? 20_261_123);
/** Messages each way in the soak (CHAOS_PER_SIDE=10000 for the full battery's 10,000 each way). */
const PER_SIDE = Number(process.env.CHAOS_PER_SIDE ?? 5000);
const julie = { id: 'a1', firstName: 'Julie' };
/** What a client may report while the network misbehaves; anything else is a bug. */
const EXPECTED_ERRORS: ReadonlySet<ChatErrorCode> = new Set([
  'connection-lost',
  'ack-timeout',
  'heartbeat-timeout',
  'connect-timeout',
]);

let server: MemoryChatServer | undefined;
let client: ChatClient | undefined;
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  client?.dispose();
  server?.dispose();
  client = undefined;
  server = undefined;
  vi.useRealTimers();
});

interface Soak {
  server: MemoryChatServer;
  client: ChatClient;
  faulty: FaultyTransport;
  tap: ChaosTap;
  storage: ReturnType<typeof createMemoryStorage>;
  conversationId: string;
  errors: Set<ChatErrorCode>;
  visitorSent: number;
  agentSent: number;
  /** clientIds the client has seen confirmed in its timeline. */
  settled: Set<string>;
}

/** A server, a faulty transport, a tap that cuts at chosen moments, and a client that has said hello. */
async function startSoak(seed: number): Promise<Soak> {
  let ids = 0;
  const soakServer = createMemoryChatServer({
    createId: () => {
      ids += 1;
      return `id${ids}`;
    },
  });
  server = soakServer;
  const faulty = createFaultInjector(soakServer.createTransport(), {
    seed,
    drop: 0.05,
    duplicate: 0.02,
    reorderWindow: 8,
    cutEvery: 120,
  });
  const tap = createChaosTap(faulty, {
    seed: seed + 1,
    cutAfterSend: 0.01,
    cutInReplay: 0.05,
    cut: () => faulty.cut(),
  });
  const storage = createMemoryStorage();
  const soakClient = createChatClient({ transport: tap, storage, random: () => 0 });
  client = soakClient;
  const soak: Soak = {
    server: soakServer,
    client: soakClient,
    faulty,
    tap,
    storage,
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
  while (soak.conversationId === '') {
    await vi.advanceTimersByTimeAsync(10);
    soak.conversationId = soakClient.conversation.value?.id ?? '';
  }
  soakServer.agents.join(soak.conversationId, julie);
  return soak;
}

/** One step of traffic: up to `burst` messages each way, the visitor never more than 20 ahead. */
async function step(soak: Soak, perSide: number, burst: number): Promise<void> {
  for (let k = 0; k < burst; k += 1) {
    if (soak.visitorSent < perSide && soak.visitorSent - soak.settled.size < 20) {
      soak.client.send(`v${soak.visitorSent++}`);
    }
    if (soak.agentSent < perSide) soak.server.agents.send(soak.conversationId, 'a1', `a${soak.agentSent++}`);
  }
  await vi.advanceTimersByTimeAsync(10);
}

const converged = (soak: Soak): boolean => {
  const rows = soak.client.messages.value;
  const last = rows.at(-1);
  const stored = soak.server.events(soak.conversationId);
  return last?.kind === 'event' && rows.length === stored.length && last.seq === stored.at(-1)?.seq;
};

/** Let retries, resends and gap fills finish (virtual time; a stuck client fails the assertions). */
async function drain(soak: Soak): Promise<void> {
  for (let round = 0; round < 120 && !converged(soak); round += 1) await vi.advanceTimersByTimeAsync(5000);
}

function expectNothingLostOrDoubled(soak: Soak): void {
  const stored = soak.server.events(soak.conversationId);
  // Same ids, same order, nothing pending: 0 lost, 0 shown twice, order = seq, outbox empty.
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

describe('chaos battery, memory transport and memory chat server', () => {
  it(`${PER_SIDE * 2} messages through 200+ disconnects, 5% lost, 2% doubled, reordered within 8: 0 lost, 0 doubled (seed ${SEED})`, async () => {
    const perSide = PER_SIDE;
    const soak = await startSoak(SEED);
    while (soak.visitorSent < perSide || soak.agentSent < perSide) await step(soak, perSide, 4);
    await drain(soak);

    expectNothingLostOrDoubled(soak);
    const { stats } = soak.faulty;
    expect(stats.dropped / stats.received).toBeGreaterThan(0.04);
    expect(stats.dropped / stats.received).toBeLessThan(0.06);
    expect(stats.duplicated / stats.received).toBeGreaterThan(0.015);
    expect(stats.duplicated / stats.received).toBeLessThan(0.025);
    expect(stats.reordered).toBeGreaterThan(1000);
    expect(stats.cuts).toBeGreaterThanOrEqual(200);
    const { counters } = soak.tap;
    expect(counters.forcedDisconnects).toBeGreaterThanOrEqual(200);
    expect(counters.cutsAfterSend).toBeGreaterThanOrEqual(20);
    expect(counters.disconnectsBetweenSendAndAck).toBeGreaterThanOrEqual(40);
    expect(counters.cutsDuringReplay).toBeGreaterThanOrEqual(20);
    expect(counters.disconnectsDuringReplay).toBeGreaterThanOrEqual(20);
  }, 60_000);

  it(`loses no acknowledged message when the server restarts mid-stream (seed ${SEED})`, async () => {
    const perSide = 500;
    const soak = await startSoak(SEED + 2);
    let restarts = 0;
    for (let round = 0; soak.visitorSent < perSide || soak.agentSent < perSide; round += 1) {
      await step(soak, perSide, 2);
      if (round % 25 === 12) {
        soak.server.restart();
        restarts += 1;
      }
    }
    await drain(soak);

    expect(restarts).toBeGreaterThanOrEqual(10);
    const stored = soak.server.events(soak.conversationId);
    const bySeq = new Map(stored.map((event) => [event.seq, event]));
    expect(soak.tap.acks.size).toBeGreaterThan(perSide * 0.9);
    for (const [clientId, ack] of soak.tap.acks) {
      expect(bySeq.get(ack.seq)).toMatchObject({ type: 'message', id: ack.id, clientId });
    }
    expectNothingLostOrDoubled(soak);
  }, 60_000);
});
