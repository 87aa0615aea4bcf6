// The server process is killed (SIGKILL, no shutdown at all) in the middle of a conversation and a new one
// starts on the same port and database file: nothing acknowledged is lost, nothing is stored twice, seq
// stays gap-free. The server runs as a real child process (dist/main.js, rebuilt when older than its
// sources); the visitor is the widget's headless client over WebSocket, the agent the agent API.
import { createWebSocketTransport } from '@clavard/adapters/websocket';
import { type ChatError, type ConversationEvent, parseServerFrame } from '@clavard/protocol';
import { type ChatClient, createChatClient, createMemoryStorage } from '@clavard/widget/headless';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { testDatabase } from './support/clients.js';
import {
  ensureServerBuilt,
  freePort,
  killServerProcesses,
  startServerProcess,
} from './support/server-process.js';

const VISITOR_MESSAGES = 200; // the outbox's default limit: all of them queued at once
const AGENT_MESSAGES = 100;
/** The kill comes once both streams are under way (and, checked below, neither is finished). */
const KILL_AFTER = { visitorAcks: 20, agentAcks: 20 };
const WAIT_MS = 15_000;

//#region waiting
/** Resolves once `done(value)` holds for the signal's value; rejects after `WAIT_MS`. */
const until = <T>(
  source: { subscribe(listener: (value: T) => void): () => void },
  done: (value: T) => boolean,
  what: string,
  describeLast: (value: T) => string,
): Promise<T> =>
  new Promise((resolve, reject) => {
    let settled = false;
    let last: T | undefined;
    let stop: (() => void) | undefined;
    const timer = setTimeout(() => {
      settled = true;
      stop?.();
      reject(new Error(`timed out waiting for ${what}; ${last === undefined ? '' : describeLast(last)}`));
    }, WAIT_MS);
    stop = source.subscribe((value) => {
      last = value;
      if (settled || !done(value)) return;
      settled = true;
      clearTimeout(timer);
      queueMicrotask(() => stop?.());
      resolve(value);
    });
    if (settled) stop();
  });

/** `promise`, or a rejection naming `what` after `WAIT_MS`. */
const within = <T>(promise: Promise<T>, what: string): Promise<T> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};
//#endregion

//#region the agent
interface Ack {
  id: string;
  seq: number;
}

type AgentFrame = { type: string } & Record<string, unknown>;

/**
 * The text of agent message `index`: how it is found in the stored conversation. The first one starts
 * with the greeting, which the server requires before any answer.
 */
const agentText = (index: number) =>
  index === 0 ? "Hello, I'm Julie. How can I help you today? (agent says 0)" : `agent says ${index}`;

/**
 * An agent console reduced to what this test needs: takes the conversation, sends `count` messages one
 * in flight at a time (the next after the ack, the same clientId again after a reconnect), reads history.
 */
const createAgent = (count: number, conversationId: string, onAck: () => void) => {
  const acks = new Map<string, Ack>();
  const conflicts: string[] = [];
  const errors: AgentFrame[] = [];
  let duplicates = 0;
  let socket: WebSocket | undefined;
  let nextIndex = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const historyWaiters: ((frame: AgentFrame) => void)[] = [];

  const sendCurrent = () => {
    if (nextIndex >= count || socket?.readyState !== WebSocket.OPEN) return;
    socket.send(
      JSON.stringify({
        type: 'agent.message',
        conversationId,
        clientId: `a-${nextIndex}`,
        content: { kind: 'text', text: agentText(nextIndex) },
      }),
    );
  };

  const onFrame = (frame: AgentFrame) => {
    if (frame.type === 'agent.welcome') {
      const held = Array.isArray(frame.conversations) && frame.conversations.some(isConversation);
      if (held) sendCurrent();
      else socket?.send(JSON.stringify({ type: 'agent.take', conversationId }));
    } else if (frame.type === 'agent.conversation') sendCurrent();
    else if (frame.type === 'agent.ack') {
      const clientId = String(frame.clientId);
      const ack = { id: String(frame.id), seq: Number(frame.seq) };
      const known = acks.get(clientId);
      if (known && (known.id !== ack.id || known.seq !== ack.seq)) conflicts.push(clientId);
      if (!known) acks.set(clientId, ack);
      if (frame.duplicate === true) duplicates += 1;
      onAck();
      if (clientId !== `a-${nextIndex}`) return;
      nextIndex += 1;
      if (nextIndex === count) finish();
      else sendCurrent();
    } else if (frame.type === 'agent.history') historyWaiters.shift()?.(frame);
    else if (frame.type === 'error') errors.push(frame);
  };
  const isConversation = (value: unknown) =>
    typeof value === 'object' && value !== null && 'id' in value && value.id === conversationId;

  return {
    acks,
    conflicts,
    errors,
    finished,
    /** Acks with `duplicate: true`: a resend of a message stored before. */
    duplicates: () => duplicates,
    /** Opens the agent WebSocket and says hello; resolves once it is open. */
    attach(agentWsUrl: string, token: string): Promise<void> {
      const ws = new WebSocket(agentWsUrl);
      socket = ws;
      ws.on('message', (data) => onFrame(JSON.parse(data.toString()) as AgentFrame));
      return new Promise((resolve, reject) => {
        ws.once('open', () => {
          ws.send(JSON.stringify({ type: 'agent.hello', token }));
          resolve();
        });
        // After a kill the socket errors (ECONNRESET); the test reattaches to the next process.
        ws.on('error', reject);
      });
    },
    /** Every stored event of the conversation, read page by page with `agent.history`. */
    async history(): Promise<ConversationEvent[]> {
      const events: ConversationEvent[] = [];
      for (let hasMore = true; hasMore; ) {
        const page = new Promise<AgentFrame>((resolve) => historyWaiters.push(resolve));
        const afterSeq = events.at(-1)?.seq ?? 0;
        socket?.send(JSON.stringify({ type: 'agent.history', conversationId, afterSeq }));
        const frame = await within(page, 'agent.history');
        for (const raw of Array.isArray(frame.events) ? frame.events : []) {
          const parsed = parseServerFrame(raw);
          if (!parsed.ok) throw new Error(`history holds an invalid event: ${JSON.stringify(raw)}`);
          if ('seq' in parsed.value) events.push(parsed.value as ConversationEvent);
        }
        hasMore = frame.hasMore === true;
      }
      return events;
    },
    close: () => socket?.terminate(),
  };
};

const login = async (url: string): Promise<string> => {
  const response = await fetch(`${url}/agent/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'julie', password: 'demo' }),
  });
  const body = (await response.json()) as { token?: unknown };
  if (response.status !== 201 || typeof body.token !== 'string') throw new Error(`login: ${response.status}`);
  return body.token;
};
//#endregion

let database: Awaited<ReturnType<typeof testDatabase>> | undefined;
let client: ChatClient | undefined;
let agent: ReturnType<typeof createAgent> | undefined;

beforeAll(() => {
  ensureServerBuilt();
}, 60_000);

afterEach(async () => {
  client?.dispose();
  agent?.close();
  await killServerProcesses();
  await database?.drop();
  client = undefined;
  agent = undefined;
  database = undefined;
});

describe('a crash (SIGKILL) and restart of the server process mid-conversation', () => {
  it('loses no acknowledged message, stores none twice and keeps seq gap-free', async () => {
    // A file on SQLite, a throwaway database on Postgres: the same one after the restart.
    database = await testDatabase();
    const port = await freePort();
    let server = await startServerProcess(port, database.database);
    const wsUrl = `ws://127.0.0.1:${port}`;

    //#region the visitor: the headless client, with every ack it receives recorded
    const storage = createMemoryStorage();
    const transport = createWebSocketTransport({ url: `${wsUrl}/clavard/ws`, WebSocket });
    const visitorAcks = new Map<string, Ack>();
    const visitorConflicts: string[] = [];
    let visitorDuplicates = 0;
    let killed = false;
    let killNow = () => {};
    const maybeKill = () => {
      if (killed || visitorAcks.size < KILL_AFTER.visitorAcks) return;
      if ((agent?.acks.size ?? 0) < KILL_AFTER.agentAcks) return;
      killed = true;
      killNow();
    };
    transport.on('frame', (data) => {
      const parsed = parseServerFrame(data);
      if (!parsed.ok || parsed.value.type !== 'message.ack') return;
      const { clientId, id, seq, duplicate } = parsed.value;
      if (duplicate === true) visitorDuplicates += 1;
      const known = visitorAcks.get(clientId);
      if (known && (known.id !== id || known.seq !== seq)) visitorConflicts.push(clientId);
      if (!known) visitorAcks.set(clientId, { id, seq });
      maybeKill();
    });
    const visitor = createChatClient({
      transport,
      storage,
      tabs: false,
      backoff: { baseMs: 20, maxMs: 100 },
    });
    client = visitor;
    const visitorErrors: ChatError[] = [];
    visitor.on('error', (error) => visitorErrors.push(error));
    visitor.connect();
    //#endregion

    // The first message opens the conversation; the agent takes it; then both talk at once.
    const sentIds = [visitor.send('visitor says 0')];
    const conversation = await until(
      visitor.conversation,
      (c) => c !== undefined,
      'a conversation',
      () => '',
    );
    const conversationId = conversation?.id ?? '';
    const token = await login(server.url);
    const julie = createAgent(AGENT_MESSAGES, conversationId, maybeKill);
    agent = julie;
    await julie.attach(`${wsUrl}/agent/ws`, token);

    const killedAt = new Promise<void>((resolve) => {
      killNow = () => {
        server.child.kill('SIGKILL');
        resolve();
      };
    });
    for (let i = 1; i < VISITOR_MESSAGES; i++) sentIds.push(visitor.send(`visitor says ${i}`));
    await within(killedAt, 'both streams to be under way');
    expect(await server.exited).toBe('SIGKILL');

    // Everything acknowledged so far came from the killed process: the new one is not started yet.
    const visitorAckedBefore = new Map(visitorAcks);
    const agentAckedBefore = new Map(julie.acks);
    expect(visitorAckedBefore.size).toBeLessThan(VISITOR_MESSAGES);
    expect(agentAckedBefore.size).toBeLessThan(AGENT_MESSAGES);

    server = await startServerProcess(port, database.database);
    await julie.attach(`${wsUrl}/agent/ws`, token);

    const total = VISITOR_MESSAGES + AGENT_MESSAGES;
    const messageCount = (entries: ChatClient['messages']['value']) =>
      entries.filter((entry) => entry.kind === 'event' && entry.event.type === 'message').length;
    const entries = await until(
      visitor.messages,
      (rows) => rows.every((row) => row.kind === 'event') && messageCount(rows) === total,
      'every message in the visitor timeline with an empty outbox',
      (rows) =>
        `${messageCount(rows)} messages, ${rows.filter((row) => row.kind === 'pending').length} pending`,
    );
    await within(julie.finished, 'the agent to finish sending');

    //#region the server's view (agent.history) and the visitor's view agree
    const stored = await julie.history();
    expect(stored.map((event) => event.seq)).toEqual(stored.map((_event, index) => index + 1));
    const confirmed = entries.flatMap((row) => (row.kind === 'event' ? [row.event] : []));
    expect(confirmed.map((event) => [event.seq, event.type, 'id' in event ? event.id : ''])).toEqual(
      stored.map((event) => [event.seq, event.type, 'id' in event ? event.id : '']),
    );
    //#endregion

    const messages = stored.flatMap((event) => (event.type === 'message' ? [event] : []));
    const visitorMessages = messages.filter((message) => message.author.role === 'visitor');
    const agentMessages = messages.filter((message) => message.author.role === 'agent');

    // Every visitor message sent is stored exactly once, in compose order.
    expect(visitorMessages.map((message) => message.clientId)).toEqual(sentIds);
    expect(visitorMessages.map((message) => message.content)).toEqual(
      sentIds.map((_id, index) => ({ kind: 'text', text: `visitor says ${index}` })),
    );
    // Every ack, before the kill or after, names the stored message: same id, same seq.
    const storedByClientId = new Map(visitorMessages.map((message) => [message.clientId, message]));
    for (const [clientId, ack] of visitorAcks) {
      const message = storedByClientId.get(clientId);
      expect({ clientId, id: message?.id, seq: message?.seq }).toEqual({ clientId, ...ack });
    }
    expect(visitorAcks.size).toBe(VISITOR_MESSAGES);
    expect(visitorConflicts).toEqual([]);

    // Every agent message is stored exactly once; those acked before the kill kept their id and seq.
    expect(agentMessages.map((message) => message.content)).toEqual(
      Array.from({ length: AGENT_MESSAGES }, (_value, index) => ({ kind: 'text', text: agentText(index) })),
    );
    const agentBySeq = new Map(agentMessages.map((message) => [message.seq, message]));
    for (const [clientId, ack] of agentAckedBefore) {
      const message = agentBySeq.get(ack.seq);
      expect({ clientId, id: message?.id, text: message?.content }).toEqual({
        clientId,
        id: ack.id,
        text: { kind: 'text', text: agentText(Number(clientId.slice(2))) },
      });
    }
    expect(julie.acks.size).toBe(AGENT_MESSAGES);
    expect(julie.conflicts).toEqual([]);
    expect(julie.errors).toEqual([]);

    // The visitor's outbox is empty in its durable storage too (written at once on disconnect; while
    // connected, a write after an echo is debounced by 250 ms); no message was refused.
    visitor.disconnect();
    const saved = JSON.parse(storage.get('clavard:default') ?? '{}') as { outbox?: unknown[] };
    expect(saved.outbox).toEqual([]);
    expect(visitorErrors.filter((error) => error.clientId !== undefined)).toEqual([]);

    // The figures, for the report.
    console.info(
      `crash-restart: killed after ${visitorAckedBefore.size}/${VISITOR_MESSAGES} visitor and ` +
        `${agentAckedBefore.size}/${AGENT_MESSAGES} agent acks; after the restart ${stored.length} events ` +
        `(seq 1..${stored.length}), ${visitorMessages.length} visitor + ${agentMessages.length} agent messages; ` +
        `duplicate acks (resends of stored messages): visitor ${visitorDuplicates}, agent ${julie.duplicates()}`,
    );
  }, 45_000);
});
