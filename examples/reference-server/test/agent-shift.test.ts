import { MAX_FRAME_BYTES } from '@clavard/protocol';
import type { ReferenceServer, ServerOptions } from '@clavard/reference-server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  agent,
  agentHello,
  connect,
  login,
  type Received,
  startTestServer,
  type TestClient,
  visitor,
} from './support/clients.js';

let server: ReferenceServer;
afterEach(() => server.close());

const GREETING = "Hello, I'm Julie. How can I help you today?";

/** Every frame a client received stayed under the protocol's limit. */
const largestFrame = (client: TestClient) => Math.max(...client.frames.map((f) => JSON.stringify(f).length));

const waitingVisitor = async (text = 'My invoice is wrong') => {
  const v = await visitor(server);
  v.client.send({ type: 'message.send', clientId: 'first', text });
  const { conversationId } = await v.client.next('message.ack');
  return { ...v, conversationId: String(conversationId) };
};

const take = async (client: TestClient, conversationId: string) => {
  client.send({ type: 'agent.take', conversationId });
  return client.next('agent.conversation', (f) => (f.conversation as { id: string }).id === conversationId);
};

const say = (client: TestClient, conversationId: string, clientId: string, text: string) =>
  client.send({ type: 'agent.message', conversationId, clientId, content: { kind: 'text', text } });

describe('a conversation belongs to the account, not the socket', () => {
  const start = async (options: ServerOptions = {}) => {
    server = await startTestServer({ agentGraceMs: 60_000, ...options });
  };

  it('gives the same conversations back after a reload, and the visitor is told nothing', async () => {
    await start();
    const v = await waitingVisitor();
    const julie = await agent(server, 'Julie');
    await take(julie.client, v.conversationId);
    julie.client.close();
    await julie.client.closed();

    // The reload: the page signs in again (a new session of the same account).
    const again = await agent(server, 'Julie');
    expect(again.id).toBe(julie.id);
    expect(again.welcome.conversations).toEqual([
      expect.objectContaining({ id: v.conversationId, status: 'active', greeted: false }),
    ]);
    say(again.client, v.conversationId, 'a1', `${GREETING} Let me look.`);
    await v.client.next('message', (m) => (m.author as { role: string }).role === 'agent');
    expect(v.client.frames.some((f) => f.type === 'agent.left')).toBe(false);
  });

  it('keeps the token across a reload: the same token opens the same conversations', async () => {
    await start();
    const v = await waitingVisitor();
    const julie = await agent(server, 'Julie');
    await take(julie.client, v.conversationId);
    julie.client.close();
    const reloaded = await agentHello(server, julie.token);
    expect(reloaded.welcome.conversations).toEqual([expect.objectContaining({ id: v.conversationId })]);
  });

  it('hands the conversations back to the queue on sign-out, tells the visitor, and ends the token', async () => {
    await start();
    const first = await waitingVisitor('First in line');
    const v = await waitingVisitor('Second in line');
    const julie = await agent(server, 'Julie');
    await take(julie.client, v.conversationId);
    const marc = await agent(server, 'Marc');

    julie.client.send({ type: 'agent.signout' });
    const left = await v.client.next('agent.left');
    expect(left).toMatchObject({ conversationId: v.conversationId, agent: { firstName: 'Julie' } });
    // Back at its original place: second, behind the visitor who came first.
    expect(await v.client.next('queue.update', (f) => f.position === 2)).toMatchObject({ position: 2 });
    const queue = await marc.client.next('agent.queue', (f) => (f.queue as unknown[]).length === 2);
    expect((queue.queue as { conversationId: string }[]).map((e) => e.conversationId)).toEqual([
      first.conversationId,
      v.conversationId,
    ]);
    // Nothing the visitor wrote is lost: Marc takes it with its history.
    const taken = await take(marc.client, v.conversationId);
    expect(JSON.stringify(taken.conversation)).toContain('Second in line');

    const stale = await connect(server.agentWsUrl);
    stale.send({ type: 'agent.hello', token: julie.token });
    expect(await stale.next('error')).toMatchObject({ code: 'unauthorized' });
  });

  it('hands them back when the agent stays away longer than the grace period', async () => {
    await start({ agentGraceMs: 50 });
    const v = await waitingVisitor();
    const julie = await agent(server, 'Julie');
    await take(julie.client, v.conversationId);
    julie.client.close();
    expect(await v.client.next('agent.left')).toMatchObject({ agent: { firstName: 'Julie' } });
    expect(await v.client.next('queue.update')).toMatchObject({ position: 1 });
  });

  it('keeps the measures of an account across sign-ins', async () => {
    await start({ rules: { requireGreeting: false, requireClosing: false } });
    const v = await waitingVisitor();
    const julie = await agent(server, 'Julie');
    await take(julie.client, v.conversationId);
    julie.client.send({ type: 'agent.end', conversationId: v.conversationId, closing: 'Bye' });
    await julie.client.next('agent.stats');
    julie.client.send({ type: 'agent.signout' });
    const again = await agent(server, 'Julie');
    expect(again.welcome.stats).toMatchObject({ conversations: 1 });
  });
});

describe('sign-in', () => {
  it('throttles failed sign-ins per account: the sixth try in a row is refused, even with the right password', async () => {
    server = await startTestServer();
    for (let i = 0; i < 5; i++) expect((await login(server, 'Julie', 'not the password')).status).toBe(401);
    const refused = await fetch(`${server.url}/agent/login`, {
      method: 'POST',
      body: JSON.stringify({ login: 'julie', password: 'test-password' }),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account from the same address is not locked out by Julie's.
    expect((await login(server, 'Marc')).status).toBe(201);
  });

  it('answers an unknown login as a wrong password', async () => {
    server = await startTestServer();
    const response = await fetch(`${server.url}/agent/login`, {
      method: 'POST',
      body: JSON.stringify({ login: 'nobody', password: 'test-password' }),
    });
    expect(response.status).toBe(401);
  });
});

describe('no frame over the limit', () => {
  const long = (n: number, size: number) => `${n} `.padEnd(size, 'x');

  it('welcomes an agent back with 3 conversations × 200 messages × 200 characters, and pages the rest', async () => {
    server = await startTestServer({ agentGraceMs: 60_000 });
    const julie = await agent(server, 'Julie');
    const ids: string[] = [];
    for (let c = 0; c < 3; c++) {
      const v = await waitingVisitor(`visitor ${c}`);
      ids.push(v.conversationId);
      await take(julie.client, v.conversationId);
      for (let m = 0; m < 200; m++) {
        say(julie.client, v.conversationId, `c${c}m${m}`, long(m, 200));
        await julie.client.next('agent.ack', (f) => f.clientId === `c${c}m${m}`);
      }
    }
    julie.client.close();
    const back = await agentHello(server, julie.token);
    const views = [
      ...(back.welcome.conversations as Received[]),
      ...back.client.frames
        .filter((f) => f.type === 'agent.conversation')
        .map((f) => f.conversation as Received),
    ];
    expect(views.map((view) => view.id).sort()).toEqual([...ids].sort());
    expect(views.every((view) => view.hasMore === true)).toBe(true);

    // Older pages on demand, until the first event: every event once, in order.
    const view = views.find((candidate) => candidate.id === ids[0]) as Received & {
      events: { seq: number }[];
    };
    let seqs = view.events.map((event) => event.seq);
    while ((seqs[0] ?? 1) > 1) {
      back.client.send({ type: 'agent.history', conversationId: ids[0], beforeSeq: seqs[0] });
      const page = await back.client.next('agent.history');
      seqs = [...(page.events as { seq: number }[]).map((event) => event.seq), ...seqs];
    }
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(seqs.length).toBeGreaterThanOrEqual(202);
    expect(largestFrame(back.client)).toBeLessThan(MAX_FRAME_BYTES);
  }, 30_000);

  it('pages a conversation of 30 messages of 9,000 characters for the agent and for the visitor', async () => {
    server = await startTestServer();
    const v = await visitor(server);
    for (let m = 0; m < 30; m++) {
      v.client.send({ type: 'message.send', clientId: `m${m}`, text: long(m, 9000) });
      await v.client.next('message.ack', (f) => f.clientId === `m${m}`);
    }
    const conversationId = String(v.client.frames.find((f) => f.type === 'message.ack')?.conversationId);
    const julie = await agent(server, 'Julie');
    const taken = await take(julie.client, conversationId);
    expect((taken.conversation as Received).hasMore).toBe(true);

    // The agent, forward from the start.
    const agentSeqs: number[] = [];
    for (let more = true; more; ) {
      julie.client.send({ type: 'agent.history', conversationId, afterSeq: agentSeqs.at(-1) ?? 0 });
      const page = await julie.client.next('agent.history');
      agentSeqs.push(...(page.events as { seq: number }[]).map((event) => event.seq));
      more = page.hasMore === true;
    }
    // The visitor, with `history.since` and no limit.
    const visitorSeqs: number[] = [];
    for (let more = true; more; ) {
      v.client.send({ type: 'history.since', conversationId, afterSeq: visitorSeqs.at(-1) ?? 0 });
      const page = await v.client.next('history');
      visitorSeqs.push(...(page.events as { seq: number }[]).map((event) => event.seq));
      more = page.hasMore === true;
    }
    const all = Array.from({ length: 31 }, (_, i) => i + 1); // 30 messages and agent.joined
    expect(agentSeqs).toEqual(all);
    expect(visitorSeqs).toEqual(all);
    expect(largestFrame(julie.client)).toBeLessThan(MAX_FRAME_BYTES);
    expect(largestFrame(v.client)).toBeLessThan(MAX_FRAME_BYTES);
  }, 30_000);
});

describe('house rules, enforced by the server', () => {
  const start = () => startTestServer({ rules: { requireGreeting: true, requireClosing: true } });

  it('refuses an answer before the greeting, and a greeting typed over, with greeting-required', async () => {
    server = await start();
    const v = await waitingVisitor();
    const julie = await agent(server, 'Julie');
    await take(julie.client, v.conversationId);
    say(julie.client, v.conversationId, 'free', 'Your invoice is fixed.');
    expect(await julie.client.next('error')).toMatchObject({ code: 'greeting-required', clientId: 'free' });
    // The prefilled greeting, selected and typed over.
    say(julie.client, v.conversationId, 'over', 'Hi there, about your invoice');
    expect(await julie.client.next('error')).toMatchObject({ code: 'greeting-required', clientId: 'over' });
    expect(
      v.client.frames.some((f) => f.type === 'message' && (f.author as { role: string }).role === 'agent'),
    ).toBe(false);

    say(julie.client, v.conversationId, 'hello', `${GREETING.toUpperCase()} About your invoice…`);
    await julie.client.next('agent.ack', (f) => f.clientId === 'hello');
    say(julie.client, v.conversationId, 'free-after', 'Your invoice is fixed.');
    await julie.client.next('agent.ack', (f) => f.clientId === 'free-after');
  });

  it('accepts the French greeting for a French conversation', async () => {
    server = await start();
    const v = await waitingVisitor();
    const julie = await agent(server, 'Julie');
    await take(julie.client, v.conversationId);
    say(julie.client, v.conversationId, 'fr', 'Bonjour, ici Julie. Comment puis-je vous aider aujourd’hui?');
    expect(await julie.client.next('agent.ack')).toMatchObject({ clientId: 'fr' });
  });

  it('refuses to end without a closing, with closing-required, and the conversation stays open', async () => {
    server = await start();
    const v = await waitingVisitor();
    const julie = await agent(server, 'Julie');
    await take(julie.client, v.conversationId);
    julie.client.send({ type: 'agent.end', conversationId: v.conversationId, closing: '   ' });
    expect(await julie.client.next('error')).toMatchObject({ code: 'closing-required' });
    julie.client.send({ type: 'agent.end', conversationId: v.conversationId });
    expect(await julie.client.next('error')).toMatchObject({ code: 'closing-required' });
    julie.client.send({ type: 'agent.end', conversationId: v.conversationId, closing: 'Goodbye!' });
    expect(await v.client.next('conversation.ended')).toMatchObject({ closing: 'Goodbye!' });
  });

  it('gives the receiving agent the note and no greeting to say, and the visitor never sees the note', async () => {
    server = await start();
    const v = await waitingVisitor();
    const julie = await agent(server, 'Julie');
    const marc = await agent(server, 'Marc');
    await take(julie.client, v.conversationId);
    say(julie.client, v.conversationId, 'hello', GREETING);
    await julie.client.next('agent.ack');
    const note = 'Refund approved; needs the new address.';
    julie.client.send({ type: 'agent.transfer', conversationId: v.conversationId, toAgentId: marc.id, note });
    const handed = (await marc.client.next('agent.conversation')).conversation as Received;
    expect(handed).toMatchObject({ greeted: true, transferNote: { note, from: { firstName: 'Julie' } } });
    say(marc.client, v.conversationId, 'marc', 'I have your file.');
    expect(await marc.client.next('agent.ack')).toMatchObject({ clientId: 'marc' });
    await v.client.next('agent.transferred');
    expect(JSON.stringify(v.client.frames)).not.toContain('Refund approved');
  });
});

describe('where the visitor is', () => {
  it('shows the agent the page and time zone of the latest hello, and tells them when the visitor moves on', async () => {
    server = await startTestServer();
    const page = { url: 'https://shop.example/plans', title: 'Plans' };
    const v = await visitor(server, { page, timeZone: 'America/Toronto' });
    v.client.send({ type: 'message.send', clientId: 'p1', text: 'Which plan for a family?' });
    const { conversationId } = await v.client.next('message.ack');
    const julie = await agent(server, 'Julie');
    const taken = await take(julie.client, String(conversationId));
    expect(taken.conversation).toMatchObject({ page, timeZone: 'America/Toronto' });

    // The visitor goes to another page: a new hello there.
    await visitor(server, {
      token: v.welcome.token,
      page: { url: 'https://shop.example/checkout', title: 'Checkout' },
      timeZone: 'America/Toronto',
    });
    expect(await julie.client.next('agent.visitor')).toMatchObject({
      conversationId,
      page: { url: 'https://shop.example/checkout', title: 'Checkout' },
    });
  });
});
