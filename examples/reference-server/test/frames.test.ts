import { CLOSE_CODES } from '@clavard/protocol';
import type { ReferenceServer } from '@clavard/reference-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, startTestServer, visitor } from './support/clients.js';

let server: ReferenceServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

describe('bad frames', () => {
  it.each([
    ['text that is not JSON', 'not json', 'invalid-frame'],
    ['a frame without a type', '{"text":"hi"}', 'invalid-frame'],
    ['a message without clientId', '{"type":"message.send","text":"hi"}', 'invalid-frame'],
    [
      'a text over 10,000 characters',
      JSON.stringify({ type: 'message.send', clientId: 'x', text: 'a'.repeat(10_001) }),
      'text-too-long',
    ],
    [
      'a frame over 256 KiB',
      JSON.stringify({ type: 'message.send', clientId: 'x', text: 'a'.repeat(300 * 1024) }),
      'frame-too-large',
    ],
  ])('answers %s with an error frame and keeps the connection', async (_name, data, code) => {
    const { client } = await visitor(server);
    client.send(data);
    expect(await client.next('error')).toMatchObject({ code, retryable: false });
    client.send({ type: 'ping', id: 'still-here' });
    expect(await client.next('pong')).toMatchObject({ id: 'still-here' });
  });

  it('ignores a frame type it does not know', async () => {
    const { client } = await visitor(server);
    client.send({ type: 'future.thing', x: 1 });
    client.send({ type: 'ping', id: 'after' });
    await client.next('pong');
    expect(client.frames.some((frame) => frame.type === 'error')).toBe(false);
  });

  it('closes a connection whose first frame is not session.hello with 4400', async () => {
    const client = await connect(server.widgetWsUrl);
    client.send({ type: 'message.send', clientId: 'early', text: 'hi' });
    expect(await client.next('error')).toMatchObject({ code: 'invalid-frame' });
    expect(await client.closed()).toBe(CLOSE_CODES['protocol-error']);
  });

  it('refuses another major version with unsupported-version and 4426', async () => {
    const client = await connect(server.widgetWsUrl);
    client.send({ type: 'session.hello', v: '2.0', locale: 'en' });
    expect(await client.next('error')).toMatchObject({ code: 'unsupported-version' });
    expect(await client.closed()).toBe(CLOSE_CODES['unsupported-version']);
  });

  it('answers a bad HTTP channel batch element with an error frame down the channel', async () => {
    const opened = await fetch(`${server.widgetUrl}/channel`, { method: 'POST' });
    const { channel } = (await opened.json()) as { channel: string };
    const post = (frames: unknown[]) =>
      fetch(`${server.widgetUrl}/channel/frames`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'clavard-channel': channel },
        body: JSON.stringify(frames),
      });
    await post([
      { type: 'session.hello', v: '1.0', locale: 'en' },
      { type: 'read' },
      { type: 'ping', id: 'p' },
    ]);
    const poll = await fetch(`${server.widgetUrl}/channel/poll`, { headers: { 'clavard-channel': channel } });
    const frames = (await poll.json()) as Array<{ type: string; code?: string }>;
    expect(frames.map((frame) => frame.code ?? frame.type)).toEqual([
      'session.welcome',
      'invalid-frame',
      'pong',
    ]);
  });

  it('answers 204 to a DELETE of a channel, again, and of one it never knew (DELETE is idempotent)', async () => {
    const opened = await fetch(`${server.widgetUrl}/channel`, { method: 'POST' });
    const { channel } = (await opened.json()) as { channel: string };
    const remove = (id: string) =>
      fetch(`${server.widgetUrl}/channel`, { method: 'DELETE', headers: { 'clavard-channel': id } });
    expect((await remove(channel)).status).toBe(204);
    const poll = await fetch(`${server.widgetUrl}/channel/poll`, { headers: { 'clavard-channel': channel } });
    expect(poll.status).toBe(410);
    expect((await remove(channel)).status).toBe(204);
    expect((await remove('never-made')).status).toBe(204);
  });
});
