import { CLOSE_CODES } from '@clavard/protocol';
import type { ReferenceServer, ServerOptions } from '@clavard/reference-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  agent,
  agentHello,
  connect,
  type Received,
  startTestServer,
  testDatabase,
  visitor,
} from './support/clients.js';

// The same database across the restart: a file on SQLite, a throwaway database on Postgres.
let database: Awaited<ReturnType<typeof testDatabase>>;
let servers: ReferenceServer[];
beforeEach(async () => {
  database = await testDatabase();
  servers = [];
});
afterEach(async () => {
  for (const server of servers) await server.close();
  await database.drop();
});

const start = async (options: ServerOptions = {}) => {
  // Agents keep their conversations across the restart (the default grace period, not the tests' 0).
  const server = await startTestServer({
    database: database.database,
    agentGraceMs: 60_000,
    ...options,
  });
  servers.push(server);
  return server;
};

describe('a restart', () => {
  it('tells connected clients to reconnect, with session.reconnect and close code 1012', async () => {
    const server = await start();
    const { client } = await visitor(server);
    const closed = client.closed();
    await server.close();
    expect(await client.next('session.reconnect')).toMatchObject({ reason: 'server-restart' });
    expect(await closed).toBe(CLOSE_CODES['server-restart']);
  });

  it('loses nothing: resume from lastSeq gives exactly the missed events, once each', async () => {
    const first = await start();
    const { client, welcome } = await visitor(first);
    client.send({ type: 'message.send', clientId: 'm1', text: 'My modem is blinking' });
    const { conversationId, seq: seenSeq } = await client.next('message.ack');
    await client.next('message', (m) => m.clientId === 'm1');
    client.close();
    await client.closed();
    // While the visitor is away, an agent answers twice.
    const julie = await agent(first, 'Julie');
    julie.client.send({ type: 'agent.take', conversationId });
    await julie.client.next('agent.conversation');
    for (const text of ['Hi, Julie here.', 'Let me check your line.']) {
      julie.client.send({
        type: 'agent.message',
        conversationId,
        clientId: text,
        content: { kind: 'text', text },
      });
      await julie.client.next('agent.ack', (ack) => ack.clientId === text);
    }
    await first.close();

    const second = await start();
    const back = await connect(second.widgetWsUrl);
    back.send({
      type: 'session.hello',
      v: '1.0',
      locale: 'en',
      token: welcome.token,
      resume: { conversationId, lastSeq: seenSeq },
    });
    const resumed = await back.next('session.welcome');
    expect(resumed).toMatchObject({ resumed: true, conversation: { id: conversationId, lastSeq: 4 } });
    expect(resumed.agent).toMatchObject({ firstName: 'Julie' });
    back.send({ type: 'ping', id: 'after-replay' });
    await back.next('pong');
    const replayed = back.frames.filter(
      (frame): frame is Received & { seq: number } => typeof frame.seq === 'number',
    );
    expect(replayed.map((event) => [event.seq, event.type])).toEqual([
      [2, 'agent.joined'],
      [3, 'message'],
      [4, 'message'],
    ]);
  });

  it('keeps the epoch of the database, so a resume after a restart is no discontinuity', async () => {
    const first = await start();
    const { client, welcome } = await visitor(first);
    client.send({ type: 'message.send', clientId: 'e1', text: 'Hello' });
    const ack = await client.next('message.ack');
    client.send({ type: 'history.since', conversationId: ack.conversationId, afterSeq: 0 });
    const { epoch } = await client.next('history');
    await first.close();
    const back = await visitor(await start(), {
      token: welcome.token,
      resume: { conversationId: ack.conversationId, lastSeq: 1, epoch },
    });
    back.client.send({ type: 'ping', id: 'after' });
    await back.client.next('pong');
    expect(back.welcome.conversation).toMatchObject({ epoch });
    expect(back.client.frames.some((frame) => frame.type === 'discontinuity')).toBe(false);
  });

  it("keeps each agent's topics, from sign-in and from agent.topics", async () => {
    const topics = ['Plans', 'Billing', 'Technical support'];
    const first = await start({ topics });
    const julie = await agent(first, 'Julie', { topics: ['Billing'] });
    const marc = await agent(first, 'Marc', { topics: ['Billing'] });
    marc.client.send({ type: 'agent.topics', topics: ['Technical support', 'Plans'] });
    await marc.client.next('agent.routing');
    await first.close();

    const second = await start({ topics });
    expect((await agentHello(second, julie.token)).welcome.routing).toEqual({ topics, mine: ['Billing'] });
    expect((await agentHello(second, marc.token)).welcome.routing).toEqual({
      topics,
      mine: ['Plans', 'Technical support'],
    });
    await second.close();

    // A topic the organisation no longer has no longer counts.
    const third = await start({ topics: ['Billing', 'Technical support'] });
    expect((await agentHello(third, marc.token)).welcome.routing).toEqual({
      topics: ['Billing', 'Technical support'],
      mine: ['Technical support'],
    });
  });

  it('gives an agent who does not come back after a restart the grace period, then hands back their conversations', async () => {
    const first = await start();
    const v = await visitor(first);
    v.client.send({ type: 'message.send', clientId: 'g1', text: 'Anyone?' });
    const { conversationId } = await v.client.next('message.ack');
    const julie = await agent(first, 'Julie');
    julie.client.send({ type: 'agent.take', conversationId });
    await julie.client.next('agent.conversation');
    await first.close();

    const second = await start({ agentGraceMs: 100 });
    const back = await visitor(second, { token: v.welcome.token, resume: { conversationId, lastSeq: 2 } });
    expect(back.welcome.agent).toMatchObject({ firstName: 'Julie' });
    expect(await back.client.next('agent.left')).toMatchObject({ agent: { firstName: 'Julie' } });
    expect(await back.client.next('queue.update')).toMatchObject({ position: 1 });
  });
});
