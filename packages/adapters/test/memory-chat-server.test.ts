import { createMemoryChatServer, REDACTED } from '@clavard/adapters/memory';
import { PROTOCOL_VERSION } from '@clavard/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectVisitor, nextEvent, visitor } from './memory-helpers.js';

const julie = { id: 'a-1', firstName: 'Julie' };
const marc = { id: 'a-2', firstName: 'Marc' };

afterEach(() => {
  vi.useRealTimers();
});

describe('createMemoryChatServer: session', () => {
  it('answers hello with a welcome carrying a token and the availability', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const { welcome } = await connectVisitor(server);
    expect(welcome).toMatchObject({ v: PROTOCOL_VERSION, resumed: false, availability: { online: true } });
    expect(welcome.token).toMatch(/^[0-9a-f-]{36}$/);
    expect(welcome.heartbeatMs).toBeUndefined();
  });

  it('refuses another major version with unsupported-version and closes', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const v = visitor(server.createTransport());
    await v.open();
    const closed = nextEvent(v.transport, 'status', (s) => s === 'closed');
    const errors: string[] = [];
    v.transport.on('error', (error) => errors.push(error.code));
    v.send({ type: 'session.hello', v: '2.0', locale: 'en' });
    expect(await v.next('error')).toMatchObject({ code: 'unsupported-version', retryable: false });
    await closed;
    expect(errors).toEqual(['unsupported-version']);
  });

  it('answers ping with a pong of the same id', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const { v } = await connectVisitor(server);
    v.send({ type: 'ping', id: 'p-7' });
    expect(await v.next('pong')).toEqual({ type: 'pong', id: 'p-7' });
  });

  it('pings every heartbeatMs with a setTimeout chain', async () => {
    vi.useFakeTimers();
    const server = createMemoryChatServer({ heartbeatMs: 1000 });
    const { v, welcome } = await connectVisitor(server);
    expect(welcome.heartbeatMs).toBe(1000);
    await vi.advanceTimersByTimeAsync(3000);
    expect(v.all('ping').map((ping) => ping.id)).toEqual(['hb-1', 'hb-2', 'hb-3']);
    server.dispose();
  });

  it('answers a malformed frame with a typed error and keeps working', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const transport = server.createTransport();
    const v = visitor(transport);
    await v.open();
    await v.hello();
    v.send({ type: 'message.send', clientId: 'c1', text: '' });
    expect(await v.next('error')).toMatchObject({ code: 'invalid-frame', retryable: false });
    v.send({ type: 'message.send', clientId: 'c2', text: 'still here' });
    expect(await v.next('message.ack')).toMatchObject({ clientId: 'c2', seq: 1 });
  });

  it('answers frames before hello with invalid-frame', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const v = visitor(server.createTransport());
    await v.open();
    v.send({ type: 'typing', active: true });
    expect(await v.next('error')).toMatchObject({ code: 'invalid-frame' });
  });

  it('survives raw garbage through accept()', () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const sent: string[] = [];
    const peer = server.accept({ send: (data) => sent.push(data), close: () => undefined });
    for (const input of ['', '[]', 'null', '{"type":42}', 17, { type: 'message.send' }, '{"__proto__":{}}']) {
      peer.receive(input);
    }
    peer.receive({ type: 'ping', id: 'after' });
    expect(sent.at(-1)).toBe('{"type":"pong","id":"after"}');
    expect(sent.slice(0, -1).every((text) => JSON.parse(text).type === 'error')).toBe(true);
  });
});

describe('createMemoryChatServer: messages', () => {
  it('creates a queued conversation on the first message: echo, ack, queue.update', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const { v } = await connectVisitor(server);
    v.send({ type: 'message.send', clientId: 'c1', text: 'Bonjour' });
    const message = await v.next('message');
    const ack = await v.next('message.ack');
    expect(message).toMatchObject({ seq: 1, clientId: 'c1', author: { role: 'visitor' } });
    expect(ack).toMatchObject({
      clientId: 'c1',
      id: message.id,
      seq: 1,
      conversationId: message.conversationId,
    });
    expect(await v.next('queue.update')).toMatchObject({ position: 1 });
    expect(server.conversations()).toMatchObject([{ status: 'queued', lastSeq: 1 }]);
    expect(v.frames.map((frame) => frame.type)).toEqual([
      'session.welcome',
      'message',
      'message.ack',
      'queue.update',
    ]);
  });

  it('stores a clientId sent five times once and gives five identical acks', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const { v } = await connectVisitor(server);
    for (let i = 0; i < 5; i++) v.send({ type: 'message.send', clientId: 'same', text: 'Hi' });
    await v.barrier();
    const acks = v.all('message.ack');
    expect(acks).toHaveLength(5);
    expect(
      new Set(acks.map(({ id, seq, at, conversationId }) => JSON.stringify({ id, seq, at, conversationId })))
        .size,
    ).toBe(1);
    expect(acks.map((ack) => ack.duplicate ?? false)).toEqual([false, true, true, true, true]);
    expect(v.all('message')).toHaveLength(1);
    expect(server.messages(acks[0]?.conversationId ?? '')).toHaveLength(1);
  });

  it('acks a resend after a reconnect with the original id and seq', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const { v, welcome } = await connectVisitor(server);
    v.send({ type: 'message.send', clientId: 'c1', text: 'Hi' });
    const first = await v.next('message.ack');
    const { v: again } = await connectVisitor(server, { token: welcome.token });
    again.send({ type: 'message.send', clientId: 'c1', text: 'Hi' });
    const second = await again.next('message.ack');
    expect(second).toEqual({ ...first, duplicate: true });
  });

  it('refuses the same clientId with another text: idempotency-conflict', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const { v } = await connectVisitor(server);
    v.send({ type: 'message.send', clientId: 'c1', text: 'Hi' });
    await v.next('message.ack');
    v.send({ type: 'message.send', clientId: 'c1', text: 'Something else' });
    expect(await v.next('error')).toMatchObject({
      code: 'idempotency-conflict',
      clientId: 'c1',
      retryable: false,
    });
    const [conversation] = server.conversations();
    expect(server.messages(conversation?.id ?? '')).toHaveLength(1);
  });

  it('sends the ack before the echo when asked', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0, ackBeforeEcho: true });
    const { v } = await connectVisitor(server);
    v.send({ type: 'message.send', clientId: 'c1', text: 'Hi' });
    await v.next('queue.update');
    expect(v.frames.slice(1, 3).map((frame) => frame.type)).toEqual(['message.ack', 'message']);
  });

  it('keeps seq gap-free under interleaved visitor and agent messages', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const { v } = await connectVisitor(server);
    v.send({ type: 'message.send', clientId: 'c0', text: 'start' });
    const { conversationId } = await v.next('message.ack');
    server.agents.join(conversationId, julie);
    for (let i = 1; i <= 20; i++) {
      v.send({ type: 'message.send', clientId: `c${i}`, text: `visitor ${i}` });
      server.agents.send(conversationId, julie.id, `agent ${i}`);
    }
    await v.barrier();
    const seqs = server.events(conversationId).map((event) => event.seq);
    expect(seqs).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
    expect(v.all('message').map((m) => m.seq)).toEqual(seqs.filter((seq) => seq !== 2));
  });

  it('sends every event to every connection of the session, the ack to the sender only', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const { v: tab1, welcome } = await connectVisitor(server);
    const { v: tab2 } = await connectVisitor(server, { token: welcome.token });
    tab1.send({ type: 'message.send', clientId: 'c1', text: 'Hi' });
    await tab1.next('message.ack');
    expect(await tab2.next('message')).toMatchObject({ clientId: 'c1' });
    await tab2.barrier();
    expect(tab2.all('message.ack')).toEqual([]);
  });

  it('starts a new conversation when the visitor writes after the end', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const { v } = await connectVisitor(server);
    v.send({ type: 'message.send', clientId: 'c1', text: 'Hi' });
    const first = await v.next('message.ack');
    v.send({ type: 'conversation.end', conversationId: first.conversationId });
    expect(await v.next('conversation.ended')).toMatchObject({ by: 'visitor' });
    v.send({ type: 'message.send', clientId: 'c2', text: 'Again' });
    const second = await v.next('message.ack');
    expect(second.conversationId).not.toBe(first.conversationId);
    expect(second.seq).toBe(1);
  });
});

describe('createMemoryChatServer: history, resume, epoch', () => {
  it('history.since gives the range once, with hasMore and limit', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const { v } = await connectVisitor(server);
    for (let i = 1; i <= 5; i++) v.send({ type: 'message.send', clientId: `c${i}`, text: `m${i}` });
    const { conversationId } = await v.next('message.ack', (ack) => ack.seq === 5);
    v.send({ type: 'history.since', conversationId, afterSeq: 1, limit: 3 });
    const page = await v.next('history');
    expect(page.events.map((event) => event.seq)).toEqual([2, 3, 4]);
    expect(page.hasMore).toBe(true);
    v.send({ type: 'history.since', conversationId, afterSeq: 4 });
    const rest = await v.next('history');
    expect(rest.events.map((event) => event.seq)).toEqual([5]);
    expect(rest.hasMore).toBe(false);
  });

  it('history.since for a conversation of another session is not-found', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const { v } = await connectVisitor(server);
    v.send({ type: 'message.send', clientId: 'c1', text: 'Hi' });
    const { conversationId } = await v.next('message.ack');
    const { v: stranger } = await connectVisitor(server);
    stranger.send({ type: 'history.since', conversationId, afterSeq: 0 });
    expect(await stranger.next('error')).toMatchObject({ code: 'not-found' });
  });

  it('after restart(), a resume gives exactly the missed events and resumed: true', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const { v, welcome } = await connectVisitor(server);
    v.send({ type: 'message.send', clientId: 'c1', text: 'Hi' });
    const { conversationId } = await v.next('message.ack');
    server.agents.join(conversationId, julie);
    await v.next('agent.joined');
    const errors: string[] = [];
    v.transport.on('error', (error) => errors.push(error.code));
    const closed = nextEvent(v.transport, 'status', (s) => s === 'closed');
    server.restart();
    await closed;
    expect(errors).toEqual(['connection-lost']);
    server.agents.send(conversationId, julie.id, 'Are you there?');
    server.agents.send(conversationId, julie.id, 'Hello?');
    const { v: back, welcome: again } = await connectVisitor(server, {
      token: welcome.token,
      resume: { conversationId, lastSeq: 2 },
    });
    await back.barrier();
    expect(again).toMatchObject({
      resumed: true,
      agent: julie,
      conversation: { id: conversationId, lastSeq: 4 },
    });
    expect(back.frames.filter((frame) => 'seq' in frame).map((frame) => 'seq' in frame && frame.seq)).toEqual(
      [3, 4],
    );
  });

  it('resetEpoch gives one discontinuity to a resume with the old epoch', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const { v, welcome } = await connectVisitor(server);
    v.send({ type: 'message.send', clientId: 'c1', text: 'Hi' });
    const { conversationId } = await v.next('message.ack');
    const [before] = server.conversations();
    const epoch = server.resetEpoch(conversationId);
    expect(epoch).not.toBe(before?.epoch);
    const { v: back } = await connectVisitor(server, {
      token: welcome.token,
      resume: { conversationId, lastSeq: 1, epoch: before?.epoch ?? '' },
    });
    await back.barrier();
    expect(back.all('discontinuity')).toEqual([
      { type: 'discontinuity', conversationId, epoch, reason: 'epoch-changed' },
    ]);
    expect(back.all('message')).toEqual([]);
  });

  it('a resume with an unknown token starts a new session', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const { welcome } = await connectVisitor(server, {
      token: 'forged',
      resume: { conversationId: 'x', lastSeq: 0 },
    });
    expect(welcome.resumed).toBe(false);
    expect(welcome.token).not.toBe('forged');
  });
});

describe('createMemoryChatServer: agents, forms, ratings, sessions', () => {
  async function withConversation(options: Parameters<typeof createMemoryChatServer>[0] = {}) {
    const server = createMemoryChatServer({ heartbeatMs: 0, ...options });
    const { v, welcome } = await connectVisitor(server);
    v.send({ type: 'message.send', clientId: 'c1', text: 'Hi' });
    const { conversationId } = await v.next('message.ack');
    return { server, v, welcome, conversationId };
  }

  it('joins, transfers and ends with the right events and status', async () => {
    const { server, v, conversationId } = await withConversation();
    server.agents.join(conversationId, julie);
    expect(await v.next('agent.joined')).toMatchObject({ agent: julie });
    server.agents.transfer(conversationId, marc);
    expect(await v.next('agent.transferred')).toMatchObject({ agent: marc, from: julie });
    server.agents.end(conversationId, 'Thank you');
    expect(await v.next('conversation.ended')).toMatchObject({ by: 'agent', closing: 'Thank you' });
    expect(server.conversations()[0]).toMatchObject({ status: 'ended', agent: marc });
    expect(() => server.agents.send(conversationId, marc.id, 'late')).toThrow(/has ended/);
  });

  it('forwards typing and read both ways', async () => {
    const { server, v, conversationId } = await withConversation();
    server.agents.join(conversationId, julie);
    const typing = new Promise((resolve) => server.on('typing', resolve));
    const read = new Promise((resolve) => server.on('read', resolve));
    v.send({ type: 'typing', active: true });
    v.send({ type: 'read', upToSeq: 2 });
    expect(await typing).toEqual({ conversationId, active: true });
    expect(await read).toEqual({ conversationId, upToSeq: 2 });
    server.agents.typing(conversationId, julie.id);
    expect(await v.next('typing')).toMatchObject({ active: true, by: { role: 'agent', firstName: 'Julie' } });
    server.agents.read(conversationId);
    expect(await v.next('read')).toEqual({ type: 'read', conversationId, upToSeq: 2, by: 'agent' });
  });

  it('moves the queue up when a conversation ahead is taken', async () => {
    const server = createMemoryChatServer({
      heartbeatMs: 0,
      availability: { online: true, expectedWaitSeconds: 60 },
    });
    const { v: first } = await connectVisitor(server);
    const { v: second } = await connectVisitor(server);
    first.send({ type: 'message.send', clientId: 'a', text: 'first' });
    const { conversationId } = await first.next('message.ack');
    second.send({ type: 'message.send', clientId: 'b', text: 'second' });
    expect(await second.next('queue.update')).toMatchObject({ position: 2, etaSeconds: 120 });
    server.agents.join(conversationId, julie);
    expect(await second.next('queue.update')).toMatchObject({ position: 1, etaSeconds: 60 });
  });

  it('keeps sensitive form values redacted and reports verification', async () => {
    const verifyForm = vi.fn(() => true);
    const { server, v, conversationId } = await withConversation({ verifyForm });
    const seenForms: unknown[] = [];
    server.on('form', (form) => seenForms.push(form));
    const formId = server.agents.requestForm(conversationId, {
      kind: 'verification',
      fields: [
        { name: 'dob', type: 'date', label: 'Date of birth', required: true, sensitive: true },
        { name: 'city', type: 'text', label: 'City' },
      ],
    });
    expect(await v.next('form.request')).toMatchObject({ formId, kind: 'verification' });
    v.send({ type: 'form.submit', formId, values: { dob: '1980-02-29', city: 'Laval' } });
    expect(await v.next('form.result')).toMatchObject({ formId, status: 'accepted', verified: true });
    expect(verifyForm).toHaveBeenCalledOnce();
    const stored = server.conversations()[0]?.forms;
    expect(stored).toEqual([
      {
        conversationId,
        formId,
        kind: 'verification',
        values: { dob: REDACTED, city: 'Laval' },
        status: 'accepted',
        verified: true,
      },
    ]);
    expect(JSON.stringify([stored, seenForms, server.events(conversationId)])).not.toContain('1980-02-29');
  });

  it('rejects a form with a missing required field, with per-field errors', async () => {
    const { server, v, conversationId } = await withConversation();
    const formId = server.agents.requestForm(conversationId, {
      kind: 'prechat',
      fields: [{ name: 'email', type: 'email', label: 'Email', required: true, pattern: '.+@.+' }],
    });
    v.send({ type: 'form.submit', formId, values: { email: 'nope' } });
    expect(await v.next('form.result')).toMatchObject({ status: 'rejected', errors: { email: 'invalid' } });
  });

  it('stores a rating', async () => {
    const { server, v, conversationId } = await withConversation();
    const rated = new Promise((resolve) => server.on('rating', resolve));
    v.send({ type: 'rating.submit', conversationId, solved: true, score: 5, note: 'Merci' });
    expect(await rated).toEqual({
      conversationId,
      rating: { conversationId, solved: true, score: 5, note: 'Merci' },
    });
    expect(server.conversations()[0]?.rating).toMatchObject({ score: 5 });
  });

  it('session.end ends the session: the token no longer resumes', async () => {
    const { server, v, welcome } = await withConversation();
    const closed = nextEvent(v.transport, 'status', (s) => s === 'closed');
    v.send({ type: 'session.end' });
    expect(await v.next('session.ended')).toEqual({ type: 'session.ended', reason: 'ended' });
    await closed;
    const { welcome: again } = await connectVisitor(server, { token: welcome.token });
    expect(again.resumed).toBe(false);
    expect(server.conversations()).toHaveLength(1);
  });

  it('session.forget erases the visitor conversations', async () => {
    const { server, v } = await withConversation();
    v.send({ type: 'session.forget' });
    expect(await v.next('session.ended')).toEqual({ type: 'session.ended', reason: 'forgotten' });
    expect(server.conversations()).toEqual([]);
  });

  it('autoAgent joins new conversations and autoReply answers', async () => {
    const { v } = await withConversation({ autoAgent: julie, autoReply: ({ text }) => `You said: ${text}` });
    expect(await v.next('agent.joined')).toMatchObject({ agent: julie });
    const reply = await v.next('message', (m) => m.author.role === 'agent');
    expect(reply.content).toEqual({ kind: 'text', text: 'You said: Hi' });
    expect(reply.seq).toBe(3);
  });

  it('setAvailability tells connected visitors', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const { v } = await connectVisitor(server);
    server.setAvailability({ online: false, nextOpenAt: '2026-11-24T13:00:00.000Z' });
    expect(await v.next('availability')).toEqual({
      type: 'availability',
      online: false,
      nextOpenAt: '2026-11-24T13:00:00.000Z',
    });
  });
});
