import { type ReferenceServer, signIdentityToken } from '@clavard/reference-server';
import { afterEach, describe, expect, it } from 'vitest';
import { agent, startTestServer, visitor } from './support/clients.js';

let server: ReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('nobody available', () => {
  it("keeps the message, asks for an email in the visitor's language, and shows the email in the queue", async () => {
    server = await startTestServer({ leaveMessage: true });
    const v = await visitor(server, { locale: 'fr-CA' });
    expect(v.welcome.availability).toEqual({ online: false });
    v.client.send({ type: 'message.send', clientId: 'm1', text: 'Ma connexion coupe le soir.' });
    const { conversationId } = await v.client.next('message.ack');
    const request = await v.client.next('form.request');
    expect(request).toMatchObject({
      conversationId,
      kind: 'offline',
      title: 'Laissez-nous un message',
      fields: [
        { name: 'email', type: 'email', label: 'Courriel', required: true },
        { name: 'name', type: 'text', label: 'Nom' },
      ],
    });
    expect(request.fields).not.toContainEqual(expect.objectContaining({ name: 'name', required: true }));

    v.client.send({ type: 'form.submit', formId: request.formId, values: { email: '' } });
    expect(await v.client.next('form.result', (f) => f.status === 'rejected')).toMatchObject({
      errors: { email: 'required' },
    });
    v.client.send({
      type: 'form.submit',
      formId: request.formId,
      values: { email: 'ana@example.com', name: 'Ana' },
    });
    expect(await v.client.next('form.result', (f) => f.status === 'accepted')).toMatchObject({
      formId: request.formId,
    });

    // A left message waits in the inbox, not in the live queue.
    const julie = await agent(server, 'Julie');
    expect(julie.welcome.queue).toEqual([]);
    expect(julie.welcome.inbox).toEqual([
      expect.objectContaining({
        conversationId,
        locale: 'fr-CA',
        contactEmail: 'ana@example.com',
        messages: [expect.objectContaining({ text: 'Ma connexion coupe le soir.' })],
      }),
    ]);
  });

  it('asks nothing when an agent is signed in', async () => {
    server = await startTestServer({ leaveMessage: true });
    await agent(server, 'Julie');
    const v = await visitor(server);
    expect(v.welcome.availability).toEqual({ online: true, agents: [{ firstName: 'Julie' }] });
    v.client.send({ type: 'message.send', clientId: 'm1', text: 'Hello' });
    await v.client.next('message.ack');
    v.client.send({ type: 'ping', id: 'after' });
    await v.client.next('pong');
    expect(v.client.frames.map((frame) => frame.type)).not.toContain('form.request');
  });
});

describe('outside business hours', () => {
  const hours = 'mon-fri 09:00-17:00';
  const saturdayEvening = Date.parse('2026-11-28T23:00:00Z'); // 18:00 in Toronto

  it('says nobody is available with the next opening, even with an agent signed in, and asks for an email', async () => {
    server = await startTestServer({
      leaveMessage: true,
      hours,
      timeZone: 'America/Toronto',
      now: () => saturdayEvening,
    });
    await agent(server, 'Julie');
    const v = await visitor(server);
    expect(v.welcome.availability).toEqual({ online: false, nextOpenAt: '2026-11-30T14:00:00.000Z' });
    v.client.send({ type: 'message.send', clientId: 'm1', text: 'Are you open tomorrow?' });
    await v.client.next('message.ack');
    expect(await v.client.next('form.request')).toMatchObject({ kind: 'offline' });
  });

  it('is available during the hours when an agent is signed in', async () => {
    const mondayMorning = Date.parse('2026-11-30T15:00:00Z'); // 10:00 in Toronto
    server = await startTestServer({ hours, timeZone: 'America/Toronto', now: () => mondayMorning });
    await agent(server, 'Julie');
    const v = await visitor(server);
    expect(v.welcome.availability).toEqual({ online: true, agents: [{ firstName: 'Julie' }] });
  });

  it('refuses business hours it cannot read, at start', async () => {
    await expect(startTestServer({ hours: 'weekdays 9 to 5' })).rejects.toThrow(/schedule/);
  });
});

describe('pre-chat form', () => {
  const topics = ['Billing', 'Technical support'];

  it('asks name, email and topic when a conversation starts, and puts the chosen topic in the queue', async () => {
    server = await startTestServer({ topics });
    const julie = await agent(server, 'Julie');
    const v = await visitor(server, { locale: 'fr-CA' });
    v.client.send({ type: 'message.send', clientId: 'm1', text: 'Ma facture' });
    const { conversationId } = await v.client.next('message.ack');
    const request = await v.client.next('form.request');
    expect(request).toMatchObject({
      kind: 'prechat',
      title: 'Avant de commencer',
      fields: [
        { name: 'name', label: 'Nom' },
        { name: 'email', type: 'email', label: 'Courriel' },
        {
          name: 'topic',
          type: 'select',
          required: true,
          options: topics.map((t) => ({ value: t, label: t })),
        },
      ],
    });
    v.client.send({ type: 'form.submit', formId: request.formId, values: { topic: 'Billing', name: 'Ana' } });
    expect(
      await julie.client.next(
        'agent.queue',
        (f) => (f.queue as { topic?: string }[])[0]?.topic === 'Billing',
      ),
    ).toMatchObject({
      queue: [expect.objectContaining({ conversationId, topic: 'Billing', given: { name: 'Ana' } })],
    });
  });

  it('shows the agent the name and email given, as given, in the queue and once taken; an empty answer is no answer', async () => {
    server = await startTestServer({ topics });
    const julie = await agent(server, 'Julie');
    const v = await visitor(server);
    v.client.send({ type: 'message.send', clientId: 'm1', text: 'My invoice' });
    const { conversationId } = await v.client.next('message.ack');
    const request = await v.client.next('form.request');
    v.client.send({
      type: 'form.submit',
      formId: request.formId,
      values: { topic: 'Billing', name: '  ', email: 'ana@example.com' },
    });
    const queued = await julie.client.next(
      'agent.queue',
      (f) => (f.queue as Array<{ given?: unknown }>)[0]?.given !== undefined,
    );
    expect((queued.queue as Array<{ given?: unknown }>)[0]?.given).toEqual({ email: 'ana@example.com' });
    julie.client.send({ type: 'agent.take', conversationId });
    const taken = await julie.client.next('agent.conversation');
    expect((taken.conversation as { given?: unknown }).given).toEqual({ email: 'ana@example.com' });
  });

  it('updates the view of an agent who took the conversation before the form was answered', async () => {
    server = await startTestServer({ topics });
    const julie = await agent(server, 'Julie');
    const v = await visitor(server);
    v.client.send({ type: 'message.send', clientId: 'm1', text: 'Hello' });
    const { conversationId } = await v.client.next('message.ack');
    const request = await v.client.next('form.request');
    julie.client.send({ type: 'agent.take', conversationId });
    const taken = await julie.client.next('agent.conversation');
    expect((taken.conversation as { given?: unknown }).given).toBeUndefined();
    v.client.send({ type: 'form.submit', formId: request.formId, values: { topic: 'Billing', name: 'Ben' } });
    const updated = await julie.client.next(
      'agent.conversation',
      (f) => (f.conversation as { given?: unknown }).given !== undefined,
    );
    expect((updated.conversation as { given?: unknown }).given).toEqual({ name: 'Ben' });
  });

  it('is not asked of an identified visitor', async () => {
    const now = Date.now();
    server = await startTestServer({ topics, identitySecret: 's', now: () => now });
    await agent(server, 'Julie');
    const token = signIdentityToken({ sub: 'c-1', exp: Math.floor(now / 1000) + 60 }, 's');
    const v = await visitor(server, { identity: token });
    v.client.send({ type: 'message.send', clientId: 'm1', text: 'Hello' });
    await v.client.next('message.ack');
    v.client.send({ type: 'ping', id: 'after' });
    await v.client.next('pong');
    expect(v.client.frames.map((frame) => frame.type)).not.toContain('form.request');
  });
});
