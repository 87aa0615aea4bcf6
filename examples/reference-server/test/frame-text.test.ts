import { type ConversationEvent, MAX_FRAME_BYTES } from '@clavard/protocol';
import type { ReferenceServer } from '@clavard/reference-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { agentEvent, frameText } from '../src/chat/frame-text.js';
import { agent, startTestServer, visitor } from './support/clients.js';

const event: ConversationEvent = {
  type: 'message',
  conversationId: 'c1',
  seq: 1,
  at: '2026-12-05T10:00:00.000Z',
  id: 'm1',
  author: { role: 'visitor' },
  content: { kind: 'text', text: 'Bonjour, ma facture est fausse.' },
  clientId: 'x1',
};

let server: ReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('each event serialized once', () => {
  it('writes a frame’s text once, and an agent.event around the event’s own text', () => {
    const stringify = vi.spyOn(JSON, 'stringify');
    const text = frameText(event);
    expect(frameText(event)).toBe(text);
    const wrapped = agentEvent(event);
    expect(JSON.parse(frameText(wrapped))).toEqual({ type: 'agent.event', event });
    expect(stringify.mock.calls.filter(([value]) => value === event || value === wrapped)).toHaveLength(1);
  });

  it('leaves an agent.event over the size limit to the encoder, which refuses it', () => {
    const text = 'é'.repeat(MAX_FRAME_BYTES / 2 - 100);
    const big = { ...event, content: { kind: 'text', text } } as ConversationEvent;
    expect(() => frameText(agentEvent(big))).toThrow(/frame-too-large|over/);
  });

  it('serializes a visitor’s message once for both of its tabs and its agent', async () => {
    server = await startTestServer();
    const julie = await agent(server, 'Julie');
    const first = await visitor(server);
    const second = await visitor(server, { token: first.welcome.token });
    first.client.send({ type: 'message.send', clientId: 'once', text: 'Hello' });
    const { conversationId } = await first.client.next('message.ack');
    julie.client.send({ type: 'agent.take', conversationId });
    await julie.client.next('agent.conversation');
    const stringify = vi.spyOn(JSON, 'stringify');
    first.client.send({ type: 'message.send', clientId: 'twice', text: 'Are you there?' });
    await Promise.all([
      first.client.next('message', (f) => f.clientId === 'twice'),
      second.client.next('message', (f) => f.clientId === 'twice'),
      julie.client.next('agent.event', (f) => (f.event as { clientId?: string }).clientId === 'twice'),
    ]);
    const written = stringify.mock.calls.filter(
      ([value]) =>
        typeof value === 'object' &&
        value !== null &&
        'type' in value &&
        value.type === 'message' &&
        'clientId' in value &&
        value.clientId === 'twice',
    );
    expect(written).toHaveLength(1);
  });
});
