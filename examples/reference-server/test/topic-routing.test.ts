import type { ReferenceServer } from '@clavard/reference-server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  account,
  agent,
  connect,
  PASSWORD,
  type Received,
  startTestServer,
  type TestClient,
  visitor,
} from './support/clients.js';

const topics = ['Billing', 'Technical support'];

let server: ReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A visitor who writes, then picks `topic` in the pre-chat form (asked while an agent is signed in). */
const waitingVisitor = async (on: ReferenceServer, topic: string, text = `About ${topic}`) => {
  const v = await visitor(on);
  v.client.send({ type: 'message.send', clientId: 'first', text });
  const { conversationId } = await v.client.next('message.ack');
  const request = await v.client.next('form.request', (f) => f.kind === 'prechat');
  v.client.send({ type: 'form.submit', formId: request.formId, values: { topic } });
  await v.client.next('form.result', (f) => f.status === 'accepted');
  return { ...v, conversationId: String(conversationId) };
};

const idsOf = (frame: Received) => (frame.queue as { conversationId: string }[]).map((e) => e.conversationId);

let pings = 0;
/** Every frame the server sent `client` before now has arrived: a ping's pong comes after them. */
const settled = async (client: TestClient) => {
  const id = `sync-${++pings}`;
  client.send({ type: 'ping', id });
  await client.next('pong', (f) => f.id === id);
};

/** Waits for a frame the client receives from now on: earlier ones, taken or not, do not count. */
const from = (client: TestClient) => {
  const start = client.frames.length;
  return (type: string, accept: (frame: Received) => boolean = () => true) =>
    client.next(type, (frame) => client.frames.indexOf(frame) >= start && accept(frame));
};

/** The last frame of `type` the client received, once everything sent before now has arrived. */
const latest = async (client: TestClient, type: string) => {
  await settled(client);
  return client.frames.filter((frame) => frame.type === type).at(-1);
};

describe('routing by topic', () => {
  it('offers a conversation to the agents of its topic only, and refuses it to the others', async () => {
    server = await startTestServer({ topics });
    const julie = await agent(server, 'Julie', { topics: ['Billing'] });
    const marc = await agent(server, 'Marc', { topics: ['Technical support'] });
    expect(julie.welcome.routing).toEqual({ topics, mine: ['Billing'] });
    expect(marc.welcome.routing).toEqual({ topics, mine: ['Technical support'] });

    const v = await waitingVisitor(server, 'Billing', 'My invoice is wrong');
    expect(idsOf((await latest(julie.client, 'agent.queue')) as Received)).toEqual([v.conversationId]);
    expect(idsOf((await latest(marc.client, 'agent.queue')) as Received)).toEqual([]);

    marc.client.send({ type: 'agent.take', conversationId: v.conversationId });
    const refused = await marc.client.next('error');
    expect(refused).toMatchObject({ code: 'forbidden' });
    expect(refused.message).toContain('routed to agents for Billing');
    expect(v.client.frames.some((frame) => frame.type === 'agent.joined')).toBe(false);
  });

  it('overflows to the other agents when the last agent of the topic leaves', async () => {
    server = await startTestServer({ topics });
    const julie = await agent(server, 'Julie', { topics: ['Billing'] });
    const marc = await agent(server, 'Marc', { topics: ['Technical support'] });
    const v = await waitingVisitor(server, 'Billing');
    expect(idsOf((await latest(marc.client, 'agent.queue')) as Received)).toEqual([]);

    const toMarc = from(marc.client);
    julie.client.close();
    const overflow = await toMarc('agent.queue');
    expect(overflow.queue).toEqual([
      expect.objectContaining({ conversationId: v.conversationId, topic: 'Billing' }),
    ]);
    marc.client.send({ type: 'agent.take', conversationId: v.conversationId });
    expect(await v.client.next('agent.joined')).toMatchObject({ agent: { firstName: 'Marc' } });
  });

  it('tells each visitor their place among the conversations the same agents would take first', async () => {
    server = await startTestServer({ topics });
    const julie = await agent(server, 'Julie', { topics: ['Billing'] });
    await agent(server, 'Marc', { topics: ['Technical support'] });
    const a = await waitingVisitor(server, 'Billing');
    const b = await waitingVisitor(server, 'Technical support');
    const c = await waitingVisitor(server, 'Billing');
    const position = async (client: TestClient) => (await latest(client, 'queue.update'))?.position;
    // In one queue for everyone, C would be third.
    expect([await position(a.client), await position(b.client), await position(c.client)]).toEqual([1, 1, 2]);

    // A visitor who comes back is told the same place.
    const back = await connect(server.widgetWsUrl);
    back.send({
      type: 'session.hello',
      v: '1.0',
      locale: 'en',
      token: c.welcome.token,
      resume: { conversationId: c.conversationId, lastSeq: 0 },
    });
    expect(await back.next('queue.update')).toMatchObject({ conversationId: c.conversationId, position: 2 });

    // Julie leaves: Billing overflows to Marc, who now has the three conversations in one line.
    const told = (client: TestClient) =>
      client.frames.filter((frame) => frame.type === 'queue.update').length;
    const toldA = told(a.client);
    const [toB, toC] = [from(b.client), from(c.client)];
    julie.client.close();
    expect(await toB('queue.update')).toMatchObject({ position: 2 });
    expect(await toC('queue.update')).toMatchObject({ position: 3 });
    await settled(a.client);
    // A is still first, with one agent for it as before, so the same wait: not told again.
    expect(told(a.client)).toBe(toldA);
  });

  it('estimates the wait from the place, the agents it is routed to and the recent handling time', async () => {
    let now = Date.parse('2026-11-23T10:00:00Z');
    server = await startTestServer({ topics, handlingEstimateSeconds: 240, now: () => now });
    const julie = await agent(server, 'Julie');
    await agent(server, 'Marc');
    const a = await waitingVisitor(server, 'Billing');
    const b = await waitingVisitor(server, 'Billing');
    // Before any conversation ended: 240 s each, two generalists.
    expect(await latest(a.client, 'queue.update')).toMatchObject({ position: 1, etaSeconds: 120 });
    expect(await latest(b.client, 'queue.update')).toMatchObject({ position: 2, etaSeconds: 240 });

    // Julie handles A for 10 minutes: the estimate follows what handling took here.
    const toB = from(b.client);
    julie.client.send({ type: 'agent.take', conversationId: a.conversationId });
    await julie.client.next('agent.conversation');
    expect(await toB('queue.update')).toMatchObject({ position: 1, etaSeconds: 120 });
    now += 600_000;
    julie.client.send({ type: 'agent.end', conversationId: a.conversationId, closing: 'Goodbye!' });
    await a.client.next('conversation.ended');
    const c = await waitingVisitor(server, 'Billing');
    expect(await latest(c.client, 'queue.update')).toMatchObject({ position: 2, etaSeconds: 600 });
  });

  it('follows the topics an agent sets live with agent.topics', async () => {
    server = await startTestServer({ topics });
    await agent(server, 'Julie', { topics: ['Billing'] });
    const marc = await agent(server, 'Marc', { topics: ['Technical support'] });
    const v = await waitingVisitor(server, 'Billing');
    expect(idsOf((await latest(marc.client, 'agent.queue')) as Received)).toEqual([]);

    const toMarc = from(marc.client);
    marc.client.send({ type: 'agent.topics', topics: ['Technical support', 'Billing'] });
    expect(await toMarc('agent.routing')).toEqual({
      type: 'agent.routing',
      topics,
      mine: ['Billing', 'Technical support'],
    });
    expect(idsOf(await toMarc('agent.queue'))).toEqual([v.conversationId]);
    marc.client.send({ type: 'agent.take', conversationId: v.conversationId });
    expect(await marc.client.next('agent.conversation')).toMatchObject({
      conversation: { id: v.conversationId, topic: 'Billing' },
    });
  });

  it('routes newcomers by the topics an agent chose signing in on a second console', async () => {
    server = await startTestServer({ topics });
    await agent(server, 'Julie', { topics: ['Billing'] });
    const marc = await agent(server, 'Marc', { topics: ['Technical support'] });
    // A conversation placed before: the queue's routing is kept for the newcomers after it.
    const first = await visitor(server, { attributes: { topic: 'Technical support' } });
    first.client.send({ type: 'message.send', clientId: 'first', text: 'My modem blinks' });
    await first.client.next('queue.update');
    // Julie signs in on another console with another topic, while her first console stays.
    await agent(server, 'Julie', { topics: ['Technical support'] });
    // Nobody takes Billing any more: a Billing conversation overflows to both, Marc included.
    const v = await visitor(server, { attributes: { topic: 'Billing' } });
    v.client.send({ type: 'message.send', clientId: 'first', text: 'About my bill' });
    const { conversationId } = await v.client.next('message.ack');
    expect(await v.client.next('queue.update')).toMatchObject({ position: 2 });
    const queue = (await latest(marc.client, 'agent.queue')) as Received;
    expect(idsOf(queue)).toContain(conversationId);
    expect(queue.total).toBe(2);
  });

  it('makes an agent who unchecks every topic a generalist', async () => {
    server = await startTestServer({ topics });
    await agent(server, 'Julie', { topics: ['Billing'] });
    const marc = await agent(server, 'Marc', { topics: ['Technical support'] });
    const v = await waitingVisitor(server, 'Billing');
    expect(idsOf((await latest(marc.client, 'agent.queue')) as Received)).toEqual([]);
    const toMarc = from(marc.client);
    marc.client.send({ type: 'agent.topics', topics: [] });
    expect(await toMarc('agent.routing')).toMatchObject({ mine: [] });
    expect(idsOf(await toMarc('agent.queue'))).toEqual([v.conversationId]);
  });

  it('refuses agent.topics naming a topic the organisation does not have', async () => {
    server = await startTestServer({ topics });
    const marc = await agent(server, 'Marc', { topics: ['Technical support'] });
    marc.client.send({ type: 'agent.topics', topics: ['Billing', 'Refunds'] });
    const error = await marc.client.next('error');
    expect(error).toMatchObject({ code: 'invalid-frame' });
    expect(error.message).toContain('Refunds');
    expect(marc.client.frames.some((frame) => frame.type === 'agent.routing')).toBe(false);
  });
});

describe('topics at sign-in', () => {
  const signIn = async (on: ReferenceServer, fields: Record<string, unknown>) => {
    const response = await fetch(`${on.url}/agent/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: await account(on, 'Julie'), password: PASSWORD, ...fields }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('refuses a topic the organisation does not have with 400, naming it', async () => {
    server = await startTestServer({ topics });
    const refused = await signIn(server, { topics: ['Billing', 'Refunds'] });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid-frame');
    expect(refused.body.message).toContain('Refunds');
  });

  it('refuses topics that are not a list of strings', async () => {
    server = await startTestServer({ topics });
    expect((await signIn(server, { topics: 'Billing' })).status).toBe(400);
    expect((await signIn(server, { topics: [42] })).status).toBe(400);
  });

  it('refuses any topic when the organisation has none, and accepts none', async () => {
    server = await startTestServer();
    expect((await signIn(server, { topics: ['Billing'] })).status).toBe(400);
    expect((await signIn(server, { topics: [] })).status).toBe(201);
  });

  it('accepts known topics and gives them in the welcome', async () => {
    server = await startTestServer({ topics });
    const julie = await agent(server, 'Julie', { topics: ['Technical support', 'Billing', 'Billing'] });
    expect(julie.welcome.routing).toEqual({ topics, mine: ['Billing', 'Technical support'] });
  });
});
