import { createMemoryChatServer, type MemoryChatServer } from '@clavard/adapters/memory';
import { createFaultInjector, createRandom, type FaultyTransport } from '@clavard/adapters/testing';
import type { ChatErrorCode, Transport } from '@clavard/protocol';
import { type ChatClient, createChatClient, createMemoryStorage } from '@clavard/widget/headless';
import { expect } from 'vitest';
import { type ChaosTap, createChaosTap, eventKey, shownEvents, textsBy, visibleKeys } from './chaos-tap.js';
import type { FrameHooks } from './hooked-core.js';
import { until } from './until.js';

const julie = { id: 'a1', firstName: 'Julie' };
/** What a client may report while the network misbehaves; anything else is a bug. */
const EXPECTED_ERRORS: ReadonlySet<ChatErrorCode> = new Set([
  'connection-lost',
  'ack-timeout',
  'heartbeat-timeout',
  'connect-timeout',
]);

/** A real server under test: a chaos run kills its connections and closes it at the end. */
export interface ChaosServer {
  /** Drops every connection abruptly. */
  killAll(): void;
  /** Stops the server and drops every connection. */
  close(): Promise<void>;
}

/** Probabilities of a cut just after a `message.send` and at each replayed event (or `history.since`). */
export interface ChaosCutRates {
  afterSend: number;
  inReplay: number;
}

/** Options of {@link startChaosSoak}. */
export interface ChaosSoakOptions<S extends ChaosServer> {
  seed: number;
  /** Server-side kills (`killAll()`), decided from the frames the server sees. */
  kill: ChaosCutRates;
  /** Client-side cuts by the fault injector (`cut()`), decided from the frames the client sees. @default none */
  cut?: ChaosCutRates;
  /** Starts the server on `core`, calling `hooks` on every frame. */
  startServer(core: MemoryChatServer, hooks: FrameHooks): Promise<S>;
  /** The transport under test; `server()` is the server running now (a restart replaces it). */
  createTransport(server: () => S): Transport;
}

/** A running soak: a memory core behind a real server, a faulty transport, and a client. */
export interface ChaosSoak<S extends ChaosServer> {
  core: MemoryChatServer;
  /** The server running now; a test that restarts it assigns the new one. */
  server: S;
  client: ChatClient;
  faulty: FaultyTransport;
  tap: ChaosTap;
  storage: ReturnType<typeof createMemoryStorage>;
  hooks: FrameHooks;
  kills: { afterSend: number; inReplay: number };
  conversationId: string;
  errors: Set<ChatErrorCode>;
  visitorSent: number;
  agentSent: number;
  /** clientIds the client has seen confirmed in its timeline. */
  settled: Set<string>;
}

const running = new Set<() => Promise<void>>();

/** Disposes every soak started so far (client, then server, then core): call it in `afterEach`. */
export async function stopChaosSoaks(): Promise<void> {
  const stops = [...running];
  running.clear();
  for (const stop of stops) await stop();
}

/**
 * A memory chat core behind a real server, the transport under test wrapped in the fault injector (5% of
 * incoming frames lost, 2% doubled, reordered within 8) and a tap that may cut, and server-side kills on a
 * seeded schedule: just after a `message.send` arrives (the ack may or may not have left) and in the
 * middle of a resume replay. Resolves once the conversation exists and an agent has joined.
 */
export async function startChaosSoak<S extends ChaosServer>(
  options: ChaosSoakOptions<S>,
): Promise<ChaosSoak<S>> {
  const { seed, kill, cut = { afterSend: 0, inReplay: 0 } } = options;
  let ids = 0;
  const core = createMemoryChatServer({
    createId: () => {
      ids += 1;
      return `id${ids}`;
    },
  });
  let server: S | undefined;
  let client: ChatClient | undefined;
  running.add(async () => {
    client?.dispose();
    await server?.close();
    core.dispose();
  });
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
      server?.killAll();
    });
  };
  const hooks: FrameHooks = {
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
  server = await options.startServer(core, hooks);
  const current = (): S => {
    if (!server) throw new Error('the server is not running');
    return server;
  };
  const faulty = createFaultInjector(options.createTransport(current), {
    seed,
    drop: 0.05,
    duplicate: 0.02,
    reorderWindow: 8,
  });
  const tap = createChaosTap(faulty, {
    seed,
    cutAfterSend: cut.afterSend,
    cutInReplay: cut.inReplay,
    cut: () => faulty.cut(),
  });
  const storage = createMemoryStorage();
  // Short timeouts and backoff keep the run quick in real time; the logic is the same.
  client = createChatClient({
    transport: tap,
    storage,
    random: () => 0.01,
    ackTimeoutMs: 250,
    connectTimeoutMs: 1000,
  });
  const soak: ChaosSoak<S> = {
    core,
    get server() {
      return current();
    },
    set server(next) {
      server = next;
    },
    client,
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
  client.on('error', (error) => soak.errors.add(error.code));
  client.on('message', (message) => {
    if (message.clientId !== undefined) soak.settled.add(message.clientId);
  });
  client.connect();
  client.send(`v${soak.visitorSent++}`);
  const started = client;
  expect(await until(started, () => started.conversation.value !== undefined, 10_000)).toBe(true);
  soak.conversationId = started.conversation.value?.id ?? '';
  core.agents.join(soak.conversationId, julie);
  return soak;
}

/** A batch of up to 25 messages each way, then wait until the visitor's are all confirmed. */
export async function chaosBatch(soak: ChaosSoak<ChaosServer>, perSide: number): Promise<void> {
  for (let k = 0; k < 25; k += 1) {
    if (soak.visitorSent < perSide) soak.client.send(`v${soak.visitorSent++}`);
    if (soak.agentSent < perSide) soak.core.agents.send(soak.conversationId, 'a1', `a${soak.agentSent++}`);
  }
  const ok = await until(soak.client, () => soak.settled.size >= soak.visitorSent, 20_000);
  expect(ok).toBe(true);
}

/**
 * Send at least `perSide` messages each way in batches, and keep going (up to `maxPerSide`) until
 * `covered()` says the faults the test is about did happen. Over a real network the timing decides
 * how many kills land in a replay, so a loaded machine may need more traffic to meet the same floor;
 * the floors are then asserted by the test, so a run that never reaches them still fails.
 */
export async function chaosTraffic(
  soak: ChaosSoak<ChaosServer>,
  perSide: number,
  covered: () => boolean,
  maxPerSide = perSide * 3,
): Promise<void> {
  let target = perSide;
  for (;;) {
    while (soak.visitorSent < target || soak.agentSent < target) await chaosBatch(soak, target);
    if (covered() || target >= maxPerSide) return;
    target = Math.min(maxPerSide, target + 25);
  }
}

const converged = (soak: ChaosSoak<ChaosServer>): boolean => {
  const rows = soak.client.messages.value;
  const last = rows.at(-1);
  const lastSeq = soak.core.conversations().find((c) => c.id === soak.conversationId)?.lastSeq;
  return last?.kind === 'event' && last.seq === lastSeq && rows.length === lastSeq;
};

/**
 * Wait for the client to catch up. A frame lost at the very end of the traffic can only be noticed at the
 * next frame or reconnect, so after a quiet second the server drops the connection and the resume fills in.
 */
export async function chaosDrain(soak: ChaosSoak<ChaosServer>): Promise<void> {
  for (let round = 0; round < 20; round += 1) {
    if (await until(soak.client, () => converged(soak), 1000)) return;
    soak.server.killAll();
  }
}

/**
 * The visible list equals the server's store (seq 1…n, each once, in order), every message sent each way
 * is shown once in order, the saved outbox is empty, and no error but the network's was reported.
 * Disconnects the client (to read what it saved).
 */
export function expectNothingLostOrDoubled(soak: ChaosSoak<ChaosServer>): void {
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

/** Every ack the client received names a stored message with that id, seq and clientId. */
export function expectAcksStored(soak: ChaosSoak<ChaosServer>): void {
  const bySeq = new Map(soak.core.events(soak.conversationId).map((event) => [event.seq, event]));
  for (const [clientId, ack] of soak.tap.acks) {
    expect(bySeq.get(ack.seq)).toMatchObject({ type: 'message', id: ack.id, clientId });
  }
}

/** With `CHAOS_VERBOSE=1`, prints what the run did: kills, cuts, disconnects, and the injector's counters. */
export function reportChaos(name: string, soak: ChaosSoak<ChaosServer>): void {
  if (!process.env.CHAOS_VERBOSE) return;
  const { counters } = soak.tap;
  const { stats } = soak.faulty;
  console.info(
    `${name}: ${JSON.stringify({ kills: soak.kills, ...counters, errors: [...soak.errors], ...stats })}`,
  );
}
