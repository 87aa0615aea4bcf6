import type { ReferenceServer } from '@clavard/reference-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agent, type Received, startTestServer, visitor } from './support/clients.js';

let server: ReferenceServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

const history = async (client: Awaited<ReturnType<typeof visitor>>['client'], conversationId: string) => {
  client.send({ type: 'history.since', conversationId, afterSeq: 0 });
  const frame = await client.next('history');
  return frame.events as Received[];
};

describe('idempotent sending', () => {
  it('stores a message sent five times once and answers five identical acks', async () => {
    const { client } = await visitor(server);
    for (let i = 0; i < 5; i++) client.send({ type: 'message.send', clientId: 'same-id', text: 'Hello' });
    const acks: Received[] = [];
    for (let i = 0; i < 5; i++) acks.push(await client.next('message.ack'));
    const { duplicate: _first, ...original } = acks[0] ?? { type: '' };
    for (const ack of acks) {
      const { duplicate: _duplicate, ...rest } = ack;
      expect(rest).toEqual(original);
    }
    const events = await history(client, String(original.conversationId));
    expect(events.filter((event) => event.type === 'message')).toHaveLength(1);
  });

  it('answers a resend after a reconnect with the original id and seq', async () => {
    const first = await visitor(server);
    first.client.send({ type: 'message.send', clientId: 'across', text: 'Hello' });
    const ack = await first.client.next('message.ack');
    first.client.close();
    const second = await visitor(server, { token: first.welcome.token });
    second.client.send({ type: 'message.send', clientId: 'across', text: 'Hello' });
    expect(await second.client.next('message.ack')).toMatchObject({
      id: ack.id,
      seq: ack.seq,
      duplicate: true,
    });
  });

  it('refuses the same clientId with another text as idempotency-conflict', async () => {
    const { client } = await visitor(server);
    client.send({ type: 'message.send', clientId: 'reused', text: 'Hello' });
    await client.next('message.ack');
    client.send({ type: 'message.send', clientId: 'reused', text: 'Something else' });
    expect(await client.next('error')).toMatchObject({ code: 'idempotency-conflict', clientId: 'reused' });
  });
});

describe('seq', () => {
  it('stays gap-free under two tabs and an agent sending at once', async () => {
    const tab1 = await visitor(server);
    const tab2 = await visitor(server, { token: tab1.welcome.token });
    tab1.client.send({ type: 'message.send', clientId: 'start', text: 'Hello' });
    const { conversationId } = await tab1.client.next('message.ack');
    const julie = await agent(server, 'Julie');
    julie.client.send({ type: 'agent.take', conversationId });
    await julie.client.next('agent.conversation');
    const each = 40;
    for (let i = 0; i < each; i++) {
      tab1.client.send({ type: 'message.send', clientId: `t1-${i}`, text: `one ${i}` });
      tab2.client.send({ type: 'message.send', clientId: `t2-${i}`, text: `two ${i}` });
      julie.client.send({
        type: 'agent.message',
        conversationId,
        clientId: `a-${i}`,
        content: { kind: 'text', text: `agent ${i}` },
      });
    }
    for (let i = 0; i < each; i++) {
      await tab1.client.next('message.ack', (ack) => ack.clientId === `t1-${i}`);
      await tab2.client.next('message.ack', (ack) => ack.clientId === `t2-${i}`);
      await julie.client.next('agent.ack', (ack) => ack.clientId === `a-${i}`);
    }
    const seqs: number[] = [];
    let afterSeq = 0;
    for (;;) {
      tab1.client.send({ type: 'history.since', conversationId, afterSeq });
      const page = await tab1.client.next('history', (frame) => frame.afterSeq === afterSeq);
      const events = page.events as Array<{ seq: number }>;
      seqs.push(...events.map((event) => event.seq));
      afterSeq = events.at(-1)?.seq ?? afterSeq;
      if (!page.hasMore) break;
    }
    // 1 first message + agent.joined + 3 × 40 messages.
    expect(seqs).toEqual(Array.from({ length: 2 + 3 * each }, (_, i) => i + 1));
  });
});
