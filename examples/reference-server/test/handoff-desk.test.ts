// The community manager's desk over a real WebSocket (`agent.handoffs`): a link made in the console opens
// for the customer, and the desk follows it to its end and the public reply; a community manager is
// never routed a chat; a draft is checked as the API checks it; agents may not make links.
import type { ReferenceServer } from '@clavard/reference-server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  account,
  agent,
  agentHello,
  type Received,
  startTestServer,
  type TestClient,
  visitor,
} from './support/clients.js';
import { CASE } from './support/handoffs.js';
import { call, upload } from './support/uploads.js';

let server: ReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const topics = ['Billing', 'Technical support'];

/** Signs in a community manager (the account made first). */
const communityManager = async (name = 'Sophie') => {
  await account(server as ReferenceServer, name, { role: 'community', title: 'Social media' });
  return agent(server as ReferenceServer, name);
};

/** Sends `agent.handoffs` and resolves with the next answer or error. */
const desk = async (client: TestClient, create?: object): Promise<Received> => {
  const before = client.frames.length;
  client.send({ type: 'agent.handoffs', ...(create ? { create } : {}) });
  return client.next(['agent.handoffs', 'error'], (frame) => client.frames.indexOf(frame) >= before);
};

const first = (frame: Received) => (frame.handoffs as Record<string, unknown>[])[0] ?? {};

describe('agent.handoffs', () => {
  it('makes a link in the console that opens for the customer, and follows it to the public reply', async () => {
    server = await startTestServer({ topics });
    const sophie = await communityManager();
    expect(sophie.welcome).toMatchObject({
      role: 'community',
      queue: [],
      conversations: [],
      routing: { topics, mine: [] },
    });
    const made = await desk(sophie.client, { ...CASE, topic: 'Billing' });
    const created = made.created as { id: string; url: string; expiresAt: string };
    expect(created.url).toMatch(new RegExp(`^${server.url}/\\?clavard=h_`));
    expect(Date.parse(created.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(made.hasMore).toBe(false);
    expect(first(made)).toMatchObject({
      id: created.id,
      by: 'Sophie',
      summary: CASE.summary,
      topic: 'Billing',
    });
    expect(first(made).openedAt).toBeUndefined();
    // The details are for the advisor: not on the desk, whoever collected them.
    expect(first(made)).not.toHaveProperty('details');

    const eve = await visitor(server, { locale: 'fr-CA' });
    eve.client.send({ type: 'handoff.open', token: new URL(created.url).searchParams.get('clavard') });
    const { conversationId } = await eve.client.next('handoff.result');
    expect(first(await desk(sophie.client))).toMatchObject({ openedAt: expect.any(String) });

    const julie = await agent(server, 'Julie');
    julie.client.send({ type: 'agent.take', conversationId });
    await julie.client.next('agent.conversation');
    expect(first(await desk(sophie.client))).toMatchObject({ takenBy: 'Julie', takenAt: expect.any(String) });
    julie.client.send({ type: 'agent.end', conversationId });
    await eve.client.next('conversation.ended');
    const resolved = first(await desk(sophie.client));
    expect(resolved.resolvedAt).toEqual(expect.any(String));
    // In the customer's language, nothing of their case.
    expect(resolved.publicReply).toBe(
      'Nous avons réglé la situation avec vous en privé. Merci de votre patience\u00a0!',
    );
  });

  it('never routes a chat to a community manager, nor lets them take or read one', async () => {
    server = await startTestServer({ topics });
    const sophie = await communityManager();
    const julie = await agent(server, 'Julie');
    expect((julie.welcome.agents as { firstName: string }[]).map((a) => a.firstName)).toEqual(['Julie']);
    const ana = await visitor(server);
    ana.client.send({ type: 'message.send', clientId: 'c1', text: 'Hello' });
    const { conversationId } = await ana.client.next('message.ack');
    await julie.client.next('agent.queue', (f) => (f.queue as unknown[]).length === 1);
    for (const frame of [
      { type: 'agent.take', conversationId },
      { type: 'agent.search', query: 'Hello' },
      { type: 'agent.open', conversationId },
      { type: 'agent.topics', topics: ['Billing'] },
    ]) {
      sophie.client.send(frame);
      expect(await sophie.client.next('error')).toMatchObject({ code: 'forbidden' });
    }
    expect(sophie.client.frames.some((f) => f.type === 'agent.queue')).toBe(false);
    // Signing out closes every connection of the session (a second tab too), and nothing of the agents'.
    const tab = await agentHello(server, sophie.token);
    sophie.client.send({ type: 'agent.signout' });
    expect(await sophie.client.closed()).toBe(1000);
    expect(await tab.client.closed()).toBe(1000);
    julie.client.send({ type: 'ping', id: 'still-here' });
    expect(await julie.client.next('pong')).toMatchObject({ id: 'still-here' });
  });

  it('opens no file of a conversation to a community manager', async () => {
    server = await startTestServer({ topics });
    const sophie = await communityManager();
    const julie = await agent(server, 'Julie');
    const { client, welcome } = await visitor(server);
    const sent = await upload(
      server,
      'widget',
      welcome.token as string,
      Buffer.from('my notes'),
      'notes.txt',
    );
    client.send({ type: 'message.send', clientId: sent.clientId, text: '', attachmentId: sent.id });
    const { conversationId } = await client.next('message.ack');
    client.send({ type: 'conversation.end', conversationId });
    await client.next('conversation.ended');
    expect((await call(server, 'agent', julie.token, 'GET', `files/${sent.id}`)).status).toBe(200);
    expect((await call(server, 'agent', sophie.token, 'GET', `files/${sent.id}`)).status).toBe(401);
  });

  it('checks a draft as the API does, and lets admins make links but not agents', async () => {
    server = await startTestServer({ topics });
    const sophie = await communityManager();
    expect(await desk(sophie.client, { ...CASE, postUrl: 'http://x.com/1' })).toMatchObject({
      type: 'error',
      code: 'invalid-frame',
      message: 'postUrl must be an https URL',
    });
    expect(await desk(sophie.client, { ...CASE, topic: 'Sales' })).toMatchObject({
      code: 'invalid-frame',
      message: 'the organisation has no topic Sales',
    });
    expect(await desk(sophie.client, { ...CASE, summary: 'x'.repeat(201) })).toMatchObject({
      code: 'invalid-frame',
    });
    expect((await desk(sophie.client)).handoffs).toEqual([]);
    const julie = await agent(server, 'Julie');
    expect(await desk(julie.client, CASE)).toMatchObject({ type: 'error', code: 'forbidden' });
    // The advisor is picked among those who answer chats, by id; named in the greeting while here.
    const listed = await desk(sophie.client);
    expect((listed.advisors as { firstName: string }[]).map((a) => a.firstName)).toEqual(['Julie']);
    // Logins are not for community managers: the API's advisor field is not the desk's.
    expect(await desk(sophie.client, { ...CASE, advisor: 'julie' })).toMatchObject({
      code: 'invalid-frame',
      message: 'create has no field advisor',
    });
    for (const advisorId of ['nobody', sophie.id]) {
      expect(await desk(sophie.client, { ...CASE, advisorId })).toMatchObject({
        code: 'invalid-frame',
        message: `advisorId: no agent has the id ${advisorId}`,
      });
    }
    const named = (await desk(sophie.client, { ...CASE, advisorId: julie.id })).created as { url: string };
    const eve = await visitor(server);
    eve.client.send({ type: 'handoff.open', token: new URL(named.url).searchParams.get('clavard') });
    const greeting = await eve.client.next('message');
    expect((greeting.content as { text: string }).text).toContain('Julie will continue here');
    await account(server, 'Ada', { role: 'admin' });
    const ada = await agent(server, 'Ada');
    expect(first(await desk(ada.client, CASE))).toMatchObject({ by: 'Ada' });
  });

  it('makes 30 links a minute per account, then asks to wait', async () => {
    server = await startTestServer({ topics });
    const sophie = await communityManager();
    for (let made = 0; made < 30; made += 1) {
      expect((await desk(sophie.client, CASE)).type).toBe('agent.handoffs');
    }
    expect(await desk(sophie.client, CASE)).toMatchObject({
      code: 'rate-limited',
      retryable: true,
      retryAfterMs: expect.any(Number),
    });
    // Another community manager is counted apart.
    const nora = await communityManager('Nora');
    expect((await desk(nora.client, CASE)).type).toBe('agent.handoffs');
  });
});
