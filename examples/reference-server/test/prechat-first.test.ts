import { runServerConformance } from '@clavard/adapters/testing';
import { createWebSocketTransport } from '@clavard/adapters/websocket';
import { type ReferenceServer, readConfig } from '@clavard/reference-server';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { agent, type Received, startTestServer, type TestClient, visitor } from './support/clients.js';

const topics = ['Billing', 'Technical support'];

let server: ReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

let pings = 0;
/** Every frame the server sent `client` before now has arrived: a ping's pong comes after them. */
const settled = async (client: TestClient) => {
  const id = `sync-${++pings}`;
  client.send({ type: 'ping', id });
  await client.next('pong', (f) => f.id === id);
};

/** The queue entries an agent was last told of. */
const lastQueue = async (client: TestClient) => {
  await settled(client);
  const frame: Received | undefined = client.frames.filter((f) => f.type === 'agent.queue').at(-1);
  return (frame?.queue ?? []) as { conversationId: string; topic?: string; given?: { name?: string } }[];
};

describe('the pre-chat form asked first', () => {
  it('reads CLAVARD_PRECHAT_FIRST=1', () => {
    expect(readConfig({ CLAVARD_PRECHAT_FIRST: '1' })).toMatchObject({ prechatFirst: true });
    expect(readConfig({})).not.toHaveProperty('prechatFirst');
  });

  it('is in the welcome while someone can answer, only when asked first, with topics', async () => {
    server = await startTestServer({ topics, prechatFirst: true });
    expect((await visitor(server)).welcome.prechat).toBeUndefined();
    await agent(server, 'Julie');
    const { welcome } = await visitor(server, { locale: 'fr-CA' });
    expect(welcome.prechat).toMatchObject({ formId: 'prechat', title: 'Avant de commencer' });
    await server.close();
    server = await startTestServer({ topics });
    await agent(server, 'Julie');
    expect((await visitor(server)).welcome.prechat).toBeUndefined();
  });

  it('refuses a missing or unknown topic, keeps an accepted answer, and routes the first message by it', async () => {
    server = await startTestServer({ topics, prechatFirst: true });
    const julie = await agent(server, 'Julie', { topics: ['Billing'] });
    const marc = await agent(server, 'Marc', { topics: ['Technical support'] });
    const { client, welcome } = await visitor(server);
    const formId = (welcome.prechat as { formId: string }).formId;
    client.send({ type: 'form.submit', formId, values: { name: 'Ana', topic: '' } });
    expect(await client.next('prechat.result')).toEqual({
      type: 'prechat.result',
      formId,
      status: 'rejected',
      errors: { topic: 'required' },
    });
    client.send({ type: 'form.submit', formId, values: { topic: 'Gardening' } });
    expect((await client.next('prechat.result')).errors).toEqual({ topic: 'invalid' });
    client.send({ type: 'form.submit', formId, values: { name: 'Ana', email: '', topic: 'Billing' } });
    expect(await client.next('prechat.result')).toMatchObject({ status: 'accepted' });
    // Nothing in the queue until the visitor writes.
    expect(await lastQueue(julie.client)).toEqual([]);

    client.send({ type: 'message.send', clientId: 'first', text: 'My invoice is wrong' });
    const { conversationId } = await client.next('message.ack');
    // Placed in the queue: the visitor told their place, the agents it goes to their list, together.
    await client.next('queue.update');
    await settled(client);
    // Asked already: not again inside the conversation.
    expect(client.frames.some((f) => f.type === 'form.request')).toBe(false);
    expect(await lastQueue(julie.client)).toMatchObject([
      { conversationId, topic: 'Billing', given: { name: 'Ana' } },
    ]);
    expect(await lastQueue(marc.client)).toEqual([]);
  });

  it('is not asked again of a returning visitor, nor once they are in a conversation, and is forgotten with them', async () => {
    server = await startTestServer({ topics, prechatFirst: true });
    await agent(server, 'Julie');
    const first = await visitor(server);
    const token = String(first.welcome.token);
    first.client.send({ type: 'form.submit', formId: 'prechat', values: { topic: 'Billing' } });
    await first.client.next('prechat.result');
    // Another tab, or a resend after a reconnect: accepted as it is.
    first.client.send({ type: 'form.submit', formId: 'prechat', values: { topic: '' } });
    expect(await first.client.next('prechat.result')).toMatchObject({ status: 'accepted' });
    first.client.close();
    expect((await visitor(server, { token })).welcome.prechat).toBeUndefined();

    // Erased with the visitor: a new session is asked again.
    const back = await visitor(server, { token });
    back.client.send({ type: 'session.forget' });
    await back.client.next('session.ended');
    expect((await visitor(server)).welcome.prechat).toMatchObject({ formId: 'prechat' });

    // A visitor who writes without answering is in a conversation: the welcome does not ask.
    const hasty = await visitor(server);
    hasty.client.send({ type: 'message.send', clientId: 'x', text: 'Hello?' });
    await hasty.client.next('message.ack');
    const again = await visitor(server, { token: hasty.welcome.token });
    expect(again.welcome.prechat).toBeUndefined();
  });

  it('passes the conformance kit’s check of it', async () => {
    server = await startTestServer({ topics, prechatFirst: true });
    await agent(server, 'Julie');
    const url = server.widgetWsUrl;
    const report = await runServerConformance({
      createTransport: () => createWebSocketTransport({ url, WebSocket }),
      only: ['prechat-first-answered'],
    });
    expect(report.results).toEqual([{ name: 'prechat-first-answered', ok: true }]);
  });
});
