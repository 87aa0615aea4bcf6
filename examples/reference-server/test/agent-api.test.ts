import type { ReferenceServer } from '@clavard/reference-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agent, startTestServer, visitor } from './support/clients.js';

let server: ReferenceServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

const waitingVisitor = async () => {
  const v = await visitor(server);
  v.client.send({ type: 'message.send', clientId: 'first', text: 'My invoice is wrong' });
  const { conversationId } = await v.client.next('message.ack');
  return { ...v, conversationId: String(conversationId) };
};

describe('the agent API', () => {
  it('tells the agent who holds a conversation that it was erased, and names the message a refusal is about', async () => {
    const v = await waitingVisitor();
    const { conversationId } = v;
    const julie = await agent(server, 'Julie');
    julie.client.send({ type: 'agent.take', conversationId });
    await julie.client.next('agent.conversation');
    v.client.send({ type: 'session.forget' });
    expect(await julie.client.next('agent.removed')).toEqual({
      type: 'agent.removed',
      conversationId,
      reason: 'forgotten',
    });
    julie.client.send({
      type: 'agent.message',
      conversationId,
      clientId: 'k9',
      content: { kind: 'text', text: 'Still there?' },
    });
    expect(await julie.client.next('error')).toMatchObject({ code: 'not-found', clientId: 'k9' });
  });

  it('ends the conversation under way when its visitor logs out (session.end): the agent sees it ended by the visitor', async () => {
    const v = await waitingVisitor();
    const { conversationId } = v;
    const julie = await agent(server, 'Julie');
    julie.client.send({ type: 'agent.take', conversationId });
    await julie.client.next('agent.conversation');
    v.client.send({ type: 'session.end' });
    expect(await v.client.next('session.ended')).toMatchObject({ reason: 'ended' });
    const ended = await julie.client.next(
      'agent.event',
      (f) => (f.event as { type: string }).type === 'conversation.ended',
    );
    expect(ended.event).toMatchObject({ conversationId, type: 'conversation.ended', by: 'visitor' });
    expect((await julie.client.next('agent.stats')).stats).toMatchObject({ conversations: 1 });
  });

  it('shows a waiting conversation in the queue with its wait and preview', async () => {
    const { conversationId } = await waitingVisitor();
    const julie = await agent(server, 'Julie');
    expect(julie.welcome.queue).toEqual([
      expect.objectContaining({
        conversationId,
        preview: 'My invoice is wrong',
        waitSeconds: expect.any(Number),
      }),
    ]);
  });

  it('tells the visitor the first name of the agent who takes the conversation', async () => {
    const v = await waitingVisitor();
    const julie = await agent(server, 'Julie');
    julie.client.send({ type: 'agent.take', conversationId: v.conversationId });
    expect(await v.client.next('agent.joined')).toMatchObject({ agent: { firstName: 'Julie' } });
    expect(await julie.client.next('agent.queue')).toMatchObject({ queue: [] });
  });

  it('carries messages, typing and read both ways', async () => {
    const v = await waitingVisitor();
    const julie = await agent(server, 'Julie');
    julie.client.send({ type: 'agent.take', conversationId: v.conversationId });
    await julie.client.next('agent.conversation');
    julie.client.send({ type: 'agent.typing', conversationId: v.conversationId, active: true });
    expect(await v.client.next('typing')).toMatchObject({
      active: true,
      by: { role: 'agent', firstName: 'Julie' },
    });
    julie.client.send({
      type: 'agent.message',
      conversationId: v.conversationId,
      clientId: 'a1',
      text: 'Hi!',
    });
    const message = await v.client.next('message', (m) => m.clientId === undefined);
    expect(message).toMatchObject({ author: { firstName: 'Julie' }, content: { text: 'Hi!' } });
    v.client.send({ type: 'typing', active: true });
    expect(await julie.client.next('agent.typing')).toMatchObject({ active: true });
    v.client.send({ type: 'read', upToSeq: Number(message.seq) });
    expect(await julie.client.next('agent.read')).toMatchObject({ upToSeq: message.seq });
    julie.client.send({ type: 'agent.read', conversationId: v.conversationId, upToSeq: 1 });
    expect(await v.client.next('read')).toMatchObject({ upToSeq: 1, by: 'agent' });
  });

  it('transfers to another signed-in agent: the visitor sees the new first name', async () => {
    const v = await waitingVisitor();
    const julie = await agent(server, 'Julie');
    const marc = await agent(server, 'Marc');
    julie.client.send({ type: 'agent.take', conversationId: v.conversationId });
    await julie.client.next('agent.conversation');
    julie.client.send({ type: 'agent.transfer', conversationId: v.conversationId, toAgentId: marc.id });
    expect(await v.client.next('agent.transferred')).toMatchObject({
      agent: { firstName: 'Marc' },
      from: { firstName: 'Julie' },
    });
    const handed = await marc.client.next('agent.conversation');
    expect((handed.conversation as { events: unknown[] }).events).toHaveLength(3);
    julie.client.send({
      type: 'agent.message',
      conversationId: v.conversationId,
      clientId: 'late',
      text: 'Still me?',
    });
    expect(await julie.client.next('error')).toMatchObject({ code: 'forbidden' });
  });

  it('ends the conversation with the closing text', async () => {
    const v = await waitingVisitor();
    const julie = await agent(server, 'Julie');
    julie.client.send({ type: 'agent.take', conversationId: v.conversationId });
    await julie.client.next('agent.conversation');
    julie.client.send({
      type: 'agent.end',
      conversationId: v.conversationId,
      closing: 'Thank you, goodbye!',
    });
    expect(await v.client.next('conversation.ended')).toMatchObject({
      by: 'agent',
      closing: 'Thank you, goodbye!',
    });
  });

  it("passes the visitor's survey answer to the agent who ended the conversation", async () => {
    const v = await waitingVisitor();
    const julie = await agent(server, 'Julie');
    julie.client.send({ type: 'agent.take', conversationId: v.conversationId });
    await julie.client.next('agent.conversation');
    julie.client.send({ type: 'agent.end', conversationId: v.conversationId, closing: 'Goodbye!' });
    await v.client.next('conversation.ended');
    v.client.send({
      type: 'rating.submit',
      conversationId: v.conversationId,
      solved: true,
      score: 4,
      note: 'Thanks Julie!',
    });
    expect(await julie.client.next('agent.rating')).toEqual({
      type: 'agent.rating',
      conversationId: v.conversationId,
      solved: true,
      score: 4,
      note: 'Thanks Julie!',
    });
  });

  it('keeps the consent sent with the first message and shows it to the agent', async () => {
    const v = await visitor(server);
    const consent = {
      at: '2026-11-23T12:00:00.000Z',
      version: '2026-11',
      policyUrl: 'https://shop.example/privacy',
    };
    v.client.send({ type: 'message.send', clientId: 'first', text: 'Hello', consent });
    const { conversationId } = await v.client.next('message.ack');
    const julie = await agent(server, 'Julie');
    julie.client.send({ type: 'agent.take', conversationId });
    const taken = await julie.client.next('agent.conversation');
    expect(taken.conversation).toMatchObject({ consent });
  });

  it("keeps each agent's measures: wait, first response, handling, first-contact resolution and rating", async () => {
    let now = Date.parse('2026-11-23T12:00:00.000Z');
    await server.close();
    server = await startTestServer({ now: () => now });
    const v = await visitor(server);
    v.client.send({ type: 'message.send', clientId: 'first', text: 'Hello' });
    const { conversationId } = await v.client.next('message.ack');
    const julie = await agent(server, 'Julie');
    expect(julie.welcome.stats).toMatchObject({ conversations: 0, rating: null });
    now += 30_000;
    julie.client.send({ type: 'agent.take', conversationId });
    await julie.client.next('agent.conversation');
    now += 15_000;
    julie.client.send({ type: 'agent.message', conversationId, clientId: 'a1', text: 'Hi!' });
    await julie.client.next('agent.ack');
    now += 60_000;
    julie.client.send({ type: 'agent.end', conversationId, closing: 'Bye' });
    expect((await julie.client.next('agent.stats')).stats).toEqual({
      conversations: 1,
      waitMs: 30_000,
      firstResponseMs: 45_000,
      handlingMs: 75_000,
      surveyed: 0,
      firstContact: 0,
      rated: 0,
      rating: null,
    });
    v.client.send({ type: 'rating.submit', conversationId, solved: true, score: 5 });
    expect(
      (await julie.client.next('agent.stats', (f) => (f.stats as { rated: number }).rated === 1)).stats,
    ).toMatchObject({
      surveyed: 1,
      firstContact: 1,
      rated: 1,
      rating: 5,
    });
  });

  it('asks a form and never echoes a sensitive value', async () => {
    const v = await waitingVisitor();
    const julie = await agent(server, 'Julie');
    julie.client.send({ type: 'agent.take', conversationId: v.conversationId });
    await julie.client.next('agent.conversation');
    julie.client.send({
      type: 'agent.form',
      conversationId: v.conversationId,
      formId: 'verify-1',
      kind: 'verification',
      fields: [{ name: 'dob', type: 'date', label: 'Date of birth', required: true, sensitive: true }],
    });
    await v.client.next('form.request');
    v.client.send({ type: 'form.submit', formId: 'verify-1', values: { dob: '1990-04-25' } });
    const result = await julie.client.next(
      'agent.event',
      (f) => (f.event as { type: string }).type === 'form.result',
    );
    expect(result.event).toMatchObject({ status: 'accepted', verified: true });
    expect(JSON.stringify(julie.client.frames)).not.toContain('1990-04-25');
  });

  it("builds a verification form from the checks the agent picked, in the visitor's language, and lets the server decide", async () => {
    await server.close();
    server = await startTestServer({
      verifyForm: ({ values }) => values.dob === '1990-04-25' && values.last4 === '4821',
    });
    const v = await visitor(server, { locale: 'fr-CA' });
    v.client.send({ type: 'message.send', clientId: 'first', text: 'Ma facture est fausse' });
    const { conversationId } = await v.client.next('message.ack');
    const julie = await agent(server, 'Julie');
    julie.client.send({ type: 'agent.take', conversationId });
    await julie.client.next('agent.conversation');
    julie.client.send({ type: 'agent.verify', conversationId, checks: ['last4', 'dob', 'dob'] });
    const request = await v.client.next('form.request');
    expect(request).toMatchObject({
      kind: 'verification',
      title: 'Vérification de votre identité',
      fields: [
        { name: 'dob', type: 'date', label: 'Date de naissance', required: true, sensitive: true },
        {
          name: 'last4',
          label: 'Quatre derniers chiffres de votre numéro de compte',
          pattern: '\\d{4}',
          sensitive: true,
        },
      ],
    });
    v.client.send({
      type: 'form.submit',
      formId: request.formId,
      values: { dob: '1990-04-25', last4: '0000' },
    });
    const refused = await julie.client.next(
      'agent.event',
      (f) => (f.event as { type: string }).type === 'form.result',
    );
    expect(refused.event).toMatchObject({ status: 'accepted', verified: false });
    v.client.send({
      type: 'form.submit',
      formId: request.formId,
      values: { dob: '1990-04-25', last4: '4821' },
    });
    const verified = await julie.client.next(
      'agent.event',
      (f) => (f.event as { type: string; verified?: boolean }).verified === true,
    );
    expect(verified.event).toMatchObject({ status: 'accepted', verified: true });
    expect(JSON.stringify(julie.client.frames)).not.toContain('1990-04-25');
    expect(JSON.stringify(v.client.frames)).not.toContain('1990-04-25');
  });

  it('refuses an agent.verify without a known check', async () => {
    const julie = await agent(server, 'Julie');
    julie.client.send({ type: 'agent.verify', conversationId: 'c1', checks: ['ssn'] });
    expect(await julie.client.next('error')).toMatchObject({ code: 'invalid-frame' });
  });

  it('answers an invalid agent frame with an error and keeps the connection', async () => {
    const julie = await agent(server, 'Julie');
    julie.client.send({ type: 'agent.take' });
    expect(await julie.client.next('error')).toMatchObject({ code: 'invalid-frame' });
    julie.client.send({ type: 'ping', id: 'ok' });
    expect(await julie.client.next('pong')).toMatchObject({ id: 'ok' });
  });

  it('tells visitors that agents are online once one signs in', async () => {
    const v = await visitor(server);
    expect(v.welcome.availability).toEqual({ online: false });
    await agent(server, 'Julie');
    expect(await v.client.next('availability')).toMatchObject({ online: true });
  });
});
