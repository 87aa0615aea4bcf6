/**
 * Two streams of messages written at once, a visitor's (the widget's headless client over WebSocket) and
 * an agent's (the agent API), recorded ack by ack, and the checks that nothing acknowledged was lost or
 * stored twice: what the crash tests share (a server killed and restarted, a node of a cluster killed).
 */
import { createWebSocketTransport } from '@clavard/adapters/websocket';
import { type ChatError, type ConversationEvent, parseServerFrame } from '@clavard/protocol';
import { type ChatClient, createChatClient, createMemoryStorage } from '@clavard/widget/headless';
import { expect } from 'vitest';
import { WebSocket } from 'ws';

/** How long a stream may take to reach a point before the test fails. */
export const WAIT_MS = 15_000;

//#region waiting
/** Resolves once `done(value)` holds for the signal's value; rejects after `WAIT_MS`. */
export const until = <T>(
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
export const within = <T>(promise: Promise<T>, what: string): Promise<T> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};
//#endregion

//#region the agent
export interface Ack {
  id: string;
  seq: number;
}

type AgentFrame = { type: string } & Record<string, unknown>;

/**
 * The text of agent message `index`: how it is found in the stored conversation. The first one starts
 * with the greeting, which the server requires before any answer.
 */
export const agentText = (index: number): string =>
  index === 0 ? "Hello, I'm Julie. How can I help you today? (agent says 0)" : `agent says ${index}`;

/**
 * An agent console reduced to what this test needs: takes the conversation, sends `count` messages one
 * in flight at a time (the next after the ack, the same clientId again after a reconnect), reads history.
 */
export const createAgent = (count: number, conversationId: string, onAck: () => void) => {
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
  /** The first names of each `agent.agents` list received, in order. */
  const agentLists: string[][] = [];

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
    if ((frame.type === 'agent.welcome' || frame.type === 'agent.agents') && Array.isArray(frame.agents)) {
      agentLists.push(frame.agents.map((agent: { firstName: string }) => agent.firstName).sort());
    }
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
    /** The agents signed in, as the last `agent.agents` (or the welcome) listed them, by first name. */
    agentsNow: (): string[] | undefined => agentLists.at(-1),
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

export const login = async (url: string, name = 'julie'): Promise<string> => {
  const response = await fetch(`${url}/agent/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: name, password: 'demo' }),
  });
  const body = (await response.json()) as { token?: unknown };
  if (response.status !== 201 || typeof body.token !== 'string') throw new Error(`login: ${response.status}`);
  return body.token;
};
//#endregion

/**
 * When to make the failure: both streams have started and one of them is well under way, so that neither
 * can have finished (whichever of the two the server happens to serve faster).
 *
 * @example
 * ```ts
 * if (bothUnderWay(visitor.acks.size, agent.acks.size)) server.child.kill('SIGKILL');
 * ```
 */
export const bothUnderWay = (visitorAcks: number, agentAcks: number): boolean =>
  visitorAcks >= 2 && agentAcks >= 2 && (visitorAcks >= 20 || agentAcks >= 20);

//#region the visitor
/**
 * The visitor: the widget's headless client on `widgetWsUrl`, reconnecting fast, with every ack it
 * receives recorded (a resend's ack must name the same stored message).
 *
 * @example
 * ```ts
 * const visitor = visitorStream(`${wsUrl}/clavard/ws`, maybeKill);
 * visitor.client.send('Bonjour');
 * ```
 */
export function visitorStream(widgetWsUrl: string, onAck: () => void) {
  const storage = createMemoryStorage();
  const transport = createWebSocketTransport({ url: widgetWsUrl, WebSocket });
  const acks = new Map<string, Ack>();
  const conflicts: string[] = [];
  const errors: ChatError[] = [];
  let duplicates = 0;
  transport.on('frame', (data) => {
    const parsed = parseServerFrame(data);
    if (!parsed.ok || parsed.value.type !== 'message.ack') return;
    const { clientId, id, seq, duplicate } = parsed.value;
    if (duplicate === true) duplicates += 1;
    const known = acks.get(clientId);
    if (known && (known.id !== id || known.seq !== seq)) conflicts.push(clientId);
    if (!known) acks.set(clientId, { id, seq });
    onAck();
  });
  const client = createChatClient({ transport, storage, tabs: false, backoff: { baseMs: 20, maxMs: 100 } });
  client.on('error', (error) => errors.push(error));
  client.connect();
  return { client, storage, acks, conflicts, errors, duplicates: () => duplicates };
}
//#endregion

//#region the checks
/** What {@link expectNothingLost} compares. */
export interface Streams {
  visitor: ReturnType<typeof visitorStream>;
  agent: ReturnType<typeof createAgent>;
  /** The clientIds of the visitor's messages, in the order they were written. */
  sentIds: readonly string[];
  /** The agent's acks received before the failure (the process or node that acked them is gone). */
  agentAckedBefore: ReadonlyMap<string, Ack>;
  agentMessages: number;
}

/**
 * Waits until the visitor's timeline holds every message with an empty outbox and the agent has sent
 * all of theirs, then checks that the server's view (agent.history) and the visitor's agree, seq gap-free,
 * each message stored once in order, every ack (before the failure or after) naming the stored message.
 * Returns the stored events, for the figures.
 *
 * @example
 * ```ts
 * const stored = await expectNothingLost({ visitor, agent, sentIds, agentAckedBefore, agentMessages: 100 });
 * ```
 */
export async function expectNothingLost(streams: Streams): Promise<ConversationEvent[]> {
  const { visitor, agent, sentIds } = streams;
  const total = sentIds.length + streams.agentMessages;
  const messageCount = (entries: ChatClient['messages']['value']) =>
    entries.filter((entry) => entry.kind === 'event' && entry.event.type === 'message').length;
  const entries = await until(
    visitor.client.messages,
    (rows) => rows.every((row) => row.kind === 'event') && messageCount(rows) === total,
    'every message in the visitor timeline with an empty outbox',
    (rows) =>
      `${messageCount(rows)} messages, ${rows.filter((row) => row.kind === 'pending').length} pending`,
  );
  await within(agent.finished, 'the agent to finish sending');

  // The server's view (agent.history) and the visitor's agree, seq gap-free.
  const stored = await agent.history();
  expect(stored.map((event) => event.seq)).toEqual(stored.map((_event, index) => index + 1));
  const confirmed = entries.flatMap((row) => (row.kind === 'event' ? [row.event] : []));
  expect(confirmed.map((event) => [event.seq, event.type, 'id' in event ? event.id : ''])).toEqual(
    stored.map((event) => [event.seq, event.type, 'id' in event ? event.id : '']),
  );
  expectVisitorMessages(stored, streams);
  expectAgentMessages(stored, streams);

  // The visitor's outbox is empty in its durable storage too (written at once on disconnect; while
  // connected, a write after an echo is debounced by 250 ms); no message was refused.
  visitor.client.disconnect();
  const saved = JSON.parse(visitor.storage.get('clavard:default') ?? '{}') as { outbox?: unknown[] };
  expect(saved.outbox).toEqual([]);
  expect(visitor.errors.filter((error) => error.clientId !== undefined)).toEqual([]);
  return stored;
}

/** Every visitor message sent is stored exactly once, in compose order, and every ack names it. */
function expectVisitorMessages(stored: readonly ConversationEvent[], { visitor, sentIds }: Streams): void {
  const messages = stored.flatMap((event) =>
    event.type === 'message' && event.author.role === 'visitor' ? [event] : [],
  );
  expect(messages.map((message) => message.clientId)).toEqual(sentIds);
  expect(messages.map((message) => message.content)).toEqual(
    sentIds.map((_id, index) => ({ kind: 'text', text: `visitor says ${index}` })),
  );
  const byClientId = new Map(messages.map((message) => [message.clientId, message]));
  for (const [clientId, ack] of visitor.acks) {
    const message = byClientId.get(clientId);
    expect({ clientId, id: message?.id, seq: message?.seq }).toEqual({ clientId, ...ack });
  }
  expect(visitor.acks.size).toBe(sentIds.length);
  expect(visitor.conflicts).toEqual([]);
}

/** Every agent message is stored exactly once; those acked before the failure kept their id and seq. */
function expectAgentMessages(stored: readonly ConversationEvent[], streams: Streams): void {
  const { agent, agentAckedBefore, agentMessages } = streams;
  const messages = stored.flatMap((event) =>
    event.type === 'message' && event.author.role === 'agent' ? [event] : [],
  );
  expect(messages.map((message) => message.content)).toEqual(
    Array.from({ length: agentMessages }, (_value, index) => ({ kind: 'text', text: agentText(index) })),
  );
  const bySeq = new Map(messages.map((message) => [message.seq, message]));
  for (const [clientId, ack] of agentAckedBefore) {
    const message = bySeq.get(ack.seq);
    expect({ clientId, id: message?.id, text: message?.content }).toEqual({
      clientId,
      id: ack.id,
      text: { kind: 'text', text: agentText(Number(clientId.slice(2))) },
    });
  }
  expect(agent.acks.size).toBe(agentMessages);
  expect(agent.conflicts).toEqual([]);
  expect(agent.errors).toEqual([]);
}
//#endregion
