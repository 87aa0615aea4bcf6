// Opening a handoff link over a real WebSocket: its conversation starts at once with the greeting, ahead
// in the queue; again by the same visitor it resumes, by another it is used; late it is expired; forged
// or unknown it is invalid; opened too often it is rate-limited; it goes with the visitor's data.
import type { ReferenceServer } from '@clavard/reference-server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  account,
  agent,
  type Received,
  startTestServer,
  type TestClient,
  testDatabase,
  visitor,
} from './support/clients.js';
import { API_KEYS, api, CASE, handoff } from './support/handoffs.js';

let server: ReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const topics = ['Billing', 'Technical support'];
const topicLabels = { fr: ['Facturation', 'Soutien technique'] };

/** Sends `handoff.open` and resolves with the `handoff.result` it gets. */
const open = async (client: TestClient, token: string): Promise<Received> => {
  const before = client.frames.length;
  client.send({ type: 'handoff.open', token });
  return client.next('handoff.result', (frame) => client.frames.indexOf(frame) >= before);
};

const idsOf = (frame: Received) => (frame.queue as { conversationId: string }[]).map((e) => e.conversationId);

describe('handoff.open', () => {
  it('starts the conversation at once: the greeting first, its topic, ahead of the queue', async () => {
    server = await startTestServer({ apiKeys: API_KEYS, topics });
    const julie = await agent(server, 'Julie');
    const early = await visitor(server, { attributes: { topic: 'Billing' } });
    early.client.send({ type: 'message.send', clientId: 'c1', text: 'I was here first' });
    const { conversationId: earlyId } = await early.client.next('message.ack');
    const made = await handoff(server, { topic: 'Billing', advisor: 'julie' });
    const ana = await visitor(server);
    const result = await open(ana.client, made.token);
    expect(result).toEqual({ type: 'handoff.result', status: 'opened', conversationId: expect.any(String) });
    const greeting = await ana.client.next('message', (f) => f.conversationId === result.conversationId);
    expect(greeting).toMatchObject({
      seq: 1,
      author: { role: 'system' },
      content: {
        kind: 'text',
        text: 'You wrote to us on X about a double charge. Julie from Billing will continue here, privately.',
      },
    });
    // The greeting arrived before the result: the client adopts the conversation from its events.
    expect(ana.client.frames.indexOf(greeting)).toBeLessThan(ana.client.frames.indexOf(result));
    const queue = await julie.client.next('agent.queue', (f) =>
      idsOf(f).includes(String(result.conversationId)),
    );
    expect(idsOf(queue)).toEqual([result.conversationId, earlyId]);
    expect(JSON.stringify(ana.client.frames)).not.toContain(made.token);
    // The visitor's next message goes to the same conversation: nothing to repeat.
    ana.client.send({ type: 'message.send', clientId: 'c2', text: 'Thanks' });
    expect((await ana.client.next('message.ack')).conversationId).toBe(result.conversationId);
    julie.client.send({ type: 'agent.take', conversationId: result.conversationId });
    const taken = await julie.client.next(
      'agent.conversation',
      (f) => (f.conversation as { id: string }).id === result.conversationId,
    );
    // Julie sees the case beside the conversation: the customer repeats nothing.
    const seen = (taken.conversation as { handoff?: Record<string, unknown> }).handoff ?? {};
    expect(Object.keys(seen).sort()).toEqual([
      'by',
      'channel',
      'createdAt',
      'details',
      'handle',
      'id',
      'openedAt',
      'postUrl',
      'summary',
      'takenAt',
      'topic',
    ]);
    expect(seen).toMatchObject({
      id: made.id,
      channel: CASE.channel,
      handle: CASE.handle,
      postUrl: CASE.postUrl,
      summary: CASE.summary,
      details: CASE.details,
      topic: 'Billing',
      by: 'crm',
      createdAt: expect.any(String),
      openedAt: expect.any(String),
    });
    const followed = await api(server, 'GET', `/api/handoffs/${made.id}`);
    expect(followed.body).toMatchObject({
      openedAt: expect.any(String),
      takenAt: expect.any(String),
      takenBy: 'Julie',
      resolvedAt: null,
    });
    ana.client.send({ type: 'conversation.end', conversationId: result.conversationId });
    await ana.client.next('conversation.ended');
    const resolved = (await api(server, 'GET', `/api/handoffs/${made.id}`)).body;
    expect(resolved.resolvedAt).toEqual(expect.any(String));
    // The reviewed reply to post where the customer wrote: nothing of their case in it.
    expect(resolved.publicReply).toBe('We sorted this out with you in private. Thank you for your patience!');
    // The team report counts it, with the time from the public post to the chat and to the end.
    await server.addAgent({ login: 'ada', firstName: 'Ada', password: 'test-password', role: 'admin' });
    const ada = await agent(server, 'Ada');
    ada.client.send({ type: 'agent.report', days: 7 });
    const report = await ada.client.next('agent.report');
    expect(report.lines).toEqual([
      expect.objectContaining({
        firstName: 'Julie',
        conversations: 1,
        handoffs: 1,
        postToChatMs: expect.any(Number),
        postToResolvedMs: expect.any(Number),
      }),
    ]);
  });

  it('greets in French, the topic in French, with no advisor named', async () => {
    server = await startTestServer({ apiKeys: API_KEYS, topics, topicLabels });
    const made = await handoff(server, { topic: 'Billing', summary: 'un double prélèvement' });
    const eve = await visitor(server, { locale: 'fr-CA' });
    const result = await open(eve.client, made.token);
    const greeting = await eve.client.next('message', (f) => f.conversationId === result.conversationId);
    expect((greeting.content as { text: string }).text).toBe(
      'Vous nous avez écrit sur X au sujet de ceci\u00a0: «\u00a0un double prélèvement\u00a0». Une personne de l’équipe Facturation poursuivra ici, en privé.',
    );
  });

  it('resumes for the same visitor, is used for another, and shows the other nothing', async () => {
    server = await startTestServer({ apiKeys: API_KEYS });
    const made = await handoff(server);
    const ana = await visitor(server);
    const opened = await open(ana.client, made.token);
    const again = await visitor(server, { token: ana.welcome.token });
    expect(await open(again.client, made.token)).toEqual({
      type: 'handoff.result',
      status: 'resumed',
      conversationId: opened.conversationId,
    });
    const bob = await visitor(server);
    expect(await open(bob.client, made.token)).toEqual({ type: 'handoff.result', status: 'used' });
    expect(bob.client.frames.some((f) => f.type === 'message')).toBe(false);
  });

  it('is expired from its expiry on, and invalid when forged, altered or unknown', async () => {
    let now = Date.now();
    server = await startTestServer({ apiKeys: API_KEYS, now: () => now, handoffs: { expiryMs: 60_000 } });
    const made = await handoff(server);
    const other = await startTestServer({ apiKeys: API_KEYS });
    const foreign = await handoff(other);
    await other.close();
    const ana = await visitor(server);
    const [payload = '', signature = ''] = made.token.slice(2).split('.');
    for (const token of [
      'not-a-token',
      'h_nothing',
      foreign.token,
      `h_${payload}.${signature.slice(0, -2)}AA`,
    ]) {
      expect(await open(ana.client, token)).toEqual({ type: 'handoff.result', status: 'invalid' });
    }
    now += 61_000;
    expect(await open(ana.client, made.token)).toEqual({ type: 'handoff.result', status: 'expired' });
    expect((await api(server, 'GET', `/api/handoffs/${made.id}`)).body.openedAt).toBeNull();
  });

  it('lets a visitor open 5 links a minute, then asks them to wait', async () => {
    server = await startTestServer({ apiKeys: API_KEYS });
    const ana = await visitor(server);
    for (let tried = 0; tried < 5; tried += 1) await open(ana.client, 'h_guess');
    ana.client.send({ type: 'handoff.open', token: 'h_guess' });
    const refused = await ana.client.next('error', (f) => f.code === 'rate-limited');
    expect(refused).toMatchObject({ retryable: true, retryAfterMs: expect.any(Number) });
    expect(refused.retryAfterMs as number).toBeGreaterThan(0);
  });

  it('joins the conversation a visitor has under way, rather than leaving it behind', async () => {
    server = await startTestServer({ apiKeys: API_KEYS });
    const ana = await visitor(server);
    ana.client.send({ type: 'message.send', clientId: 'c1', text: 'Hello?' });
    const { conversationId } = await ana.client.next('message.ack');
    const result = await open(ana.client, (await handoff(server)).token);
    expect(result).toEqual({ type: 'handoff.result', status: 'opened', conversationId });
    expect(
      await ana.client.next('message', (f) => (f.author as { role: string }).role === 'system'),
    ).toMatchObject({
      conversationId,
      seq: 2,
    });
  });

  it('keeps the order of creation when handoffs have no priority', async () => {
    server = await startTestServer({ apiKeys: API_KEYS, handoffs: { priority: false } });
    const julie = await agent(server, 'Julie');
    const early = await visitor(server);
    early.client.send({ type: 'message.send', clientId: 'c1', text: 'First' });
    const { conversationId: earlyId } = await early.client.next('message.ack');
    const ana = await visitor(server);
    const { conversationId } = await open(ana.client, (await handoff(server)).token);
    const queue = await julie.client.next('agent.queue', (f) => idsOf(f).includes(String(conversationId)));
    expect(idsOf(queue)).toEqual([earlyId, conversationId]);
  });

  it('goes to the advisor it names alone while they are signed in, and by its topic otherwise', async () => {
    server = await startTestServer({ apiKeys: API_KEYS, topics });
    const julie = await agent(server, 'Julie', { topics: ['Billing'] });
    const marc = await agent(server, 'Marc', { topics: ['Billing'] });
    const ana = await visitor(server);
    const { conversationId } = await open(
      ana.client,
      (await handoff(server, { topic: 'Billing', advisor: 'marc' })).token,
    );
    const greeting = await ana.client.next('message', (f) => f.conversationId === conversationId);
    expect((greeting.content as { text: string }).text).toContain('Marc from Billing will continue here');
    await marc.client.next('agent.queue', (f) => idsOf(f).includes(String(conversationId)));
    expect(
      julie.client.frames.some((f) => f.type === 'agent.queue' && idsOf(f).includes(String(conversationId))),
    ).toBe(false);
    julie.client.send({ type: 'agent.take', conversationId });
    expect(await julie.client.next('error')).toMatchObject({
      code: 'forbidden',
      message: 'this conversation is kept for the advisor its handoff link named',
    });
    // Marc is away: the greeting names nobody, and the topic's agents get it.
    await account(server, 'Nina');
    const eve = await visitor(server);
    const other = await open(
      eve.client,
      (await handoff(server, { topic: 'Billing', advisor: 'nina' })).token,
    );
    const told = await eve.client.next('message', (f) => f.conversationId === other.conversationId);
    expect((told.content as { text: string }).text).toContain('Someone from Billing will continue here');
    await julie.client.next('agent.queue', (f) => idsOf(f).includes(String(other.conversationId)));
  });

  it('holds it for the advisor for a while only: past the hold, the topic’s agents get it', async () => {
    server = await startTestServer({ apiKeys: API_KEYS, topics, handoffs: { advisorHoldMs: 300 } });
    const julie = await agent(server, 'Julie', { topics: ['Billing'] });
    await agent(server, 'Marc', { topics: ['Billing'] });
    const ana = await visitor(server);
    const made = await handoff(server, { topic: 'Billing', advisor: 'marc' });
    const { conversationId } = await open(ana.client, made.token);
    const listed = (f: Received) => idsOf(f).includes(String(conversationId));
    // Marc is busy elsewhere: once the hold is over, Julie's list has it, and she may take it.
    await julie.client.next('agent.queue', listed);
    julie.client.send({ type: 'agent.take', conversationId });
    expect(await ana.client.next('agent.joined')).toMatchObject({ agent: { firstName: 'Julie' } });
  });

  it('names no advisor when the link joins a conversation under way', async () => {
    server = await startTestServer({ apiKeys: API_KEYS, topics });
    await agent(server, 'Marc', { topics: ['Billing'] });
    const ana = await visitor(server);
    ana.client.send({ type: 'message.send', clientId: 'c1', text: 'Hello?' });
    await ana.client.next('message.ack');
    const { conversationId } = await open(
      ana.client,
      (await handoff(server, { topic: 'Billing', advisor: 'marc' })).token,
    );
    const greeting = await ana.client.next(
      'message',
      (f) => f.conversationId === conversationId && (f.author as { role: string }).role === 'system',
    );
    expect((greeting.content as { text: string }).text).toContain('Someone from Billing will continue here');
  });

  it('is erased with the visitor who opened it', async () => {
    server = await startTestServer({ apiKeys: API_KEYS });
    const made = await handoff(server);
    const ana = await visitor(server);
    await open(ana.client, made.token);
    ana.client.send({ type: 'session.forget' });
    await ana.client.next('session.ended');
    expect((await api(server, 'GET', `/api/handoffs/${made.id}`)).status).toBe(404);
  });
});

describe('the handoff secret', () => {
  it('is kept in the database: a link made before a restart opens after it', async () => {
    const { database, drop } = await testDatabase();
    try {
      const first = await startTestServer({ apiKeys: API_KEYS, database });
      const made = await handoff(first);
      await first.close();
      server = await startTestServer({ apiKeys: API_KEYS, database });
      expect((await open((await visitor(server)).client, made.token)).status).toBe('opened');
    } finally {
      await server?.close();
      server = undefined;
      await drop();
    }
  });

  it('erases at start a handoff nobody opened that expired meanwhile', async () => {
    const { database, drop } = await testDatabase();
    try {
      const first = await startTestServer({ apiKeys: API_KEYS, database, handoffs: { expiryMs: 60_000 } });
      const made = await handoff(first);
      const opened = await handoff(first);
      await open((await visitor(first)).client, opened.token);
      await first.close();
      const later = Date.now() + 120_000;
      server = await startTestServer({ apiKeys: API_KEYS, database, now: () => later });
      expect((await api(server, 'GET', `/api/handoffs/${made.id}`)).status).toBe(404);
      expect((await api(server, 'GET', `/api/handoffs/${opened.id}`)).status).toBe(200);
    } finally {
      await server?.close();
      server = undefined;
      await drop();
    }
  });

  it('refuses to start with a configured secret under 32 characters', async () => {
    await expect(startTestServer({ handoffs: { secret: 'too-short' } })).rejects.toThrow(
      /at least 32 characters/,
    );
  });
});
