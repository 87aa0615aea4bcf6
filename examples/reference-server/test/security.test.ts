import { CLOSE_CODES } from '@clavard/protocol';
import type { ReferenceServer } from '@clavard/reference-server';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, login, startTestServer, visitor } from './support/clients.js';

let server: ReferenceServer;
afterEach(() => server.close());

describe('visitor isolation', () => {
  it("does not let a visitor's token resume another visitor's conversation", async () => {
    server = await startTestServer();
    const alice = await visitor(server);
    alice.client.send({ type: 'message.send', clientId: 'a1', text: 'private' });
    const { conversationId } = await alice.client.next('message.ack');
    const mallory = await visitor(server);
    const again = await visitor(server, {
      token: mallory.welcome.token,
      resume: { conversationId, lastSeq: 0 },
    });
    expect(await again.client.next('error')).toMatchObject({ code: 'not-found' });
    expect(again.client.frames.some((frame) => frame.type === 'message')).toBe(false);
  });

  it("does not let a visitor read another visitor's history", async () => {
    server = await startTestServer();
    const alice = await visitor(server);
    alice.client.send({ type: 'message.send', clientId: 'a1', text: 'private' });
    const { conversationId } = await alice.client.next('message.ack');
    const mallory = await visitor(server);
    mallory.client.send({ type: 'history.since', conversationId, afterSeq: 0 });
    expect(await mallory.client.next('error')).toMatchObject({ code: 'not-found' });
  });

  it('does not store tokens: an unknown token starts a new session', async () => {
    server = await startTestServer();
    const { welcome } = await visitor(server, { token: 'made-up-token' });
    expect(welcome).toMatchObject({ resumed: false });
    expect(welcome.token).not.toBe('made-up-token');
  });
});

describe('agents', () => {
  it('refuses a sign-in with a wrong password', async () => {
    server = await startTestServer();
    expect((await login(server, 'Julie', 'wrong')).status).toBe(401);
  });

  it('refuses a sign-in without a password', async () => {
    server = await startTestServer();
    expect((await login(server, 'Julie', '')).status).toBe(400);
  });

  it('closes an agent socket with an unknown token with 4401', async () => {
    server = await startTestServer();
    const client = await connect(server.agentWsUrl);
    client.send({ type: 'agent.hello', token: 'forged' });
    expect(await client.next('error')).toMatchObject({ code: 'unauthorized' });
    expect(await client.closed()).toBe(CLOSE_CODES.unauthorized);
  });

  it('does not accept a visitor token on the agent socket', async () => {
    server = await startTestServer();
    const { welcome } = await visitor(server);
    const client = await connect(server.agentWsUrl);
    client.send({ type: 'agent.hello', token: welcome.token });
    expect(await client.closed()).toBe(CLOSE_CODES.unauthorized);
  });
});

describe('origins', () => {
  it('refuses a WebSocket upgrade from an origin that is not allowed', async () => {
    server = await startTestServer();
    await expect(connect(server.widgetWsUrl, 'https://evil.example')).rejects.toThrow('HTTP 403');
  });

  it('accepts a WebSocket from an allowed origin and from its own', async () => {
    server = await startTestServer({ allowedOrigins: ['https://shop.example'] });
    (await connect(server.widgetWsUrl, 'https://shop.example')).close();
    (await connect(server.widgetWsUrl, server.url)).close();
  });

  it('refuses an HTTP channel from an origin that is not allowed', async () => {
    server = await startTestServer({ allowedOrigins: ['https://shop.example'] });
    const response = await fetch(`${server.widgetUrl}/channel`, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
  });

  it('answers an allowed origin with its CORS headers', async () => {
    server = await startTestServer({ allowedOrigins: ['https://shop.example'] });
    const response = await fetch(`${server.widgetUrl}/channel`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });

  it('refuses the agent socket from a widget origin', async () => {
    server = await startTestServer({ allowedOrigins: ['https://shop.example'] });
    await expect(connect(server.agentWsUrl, 'https://shop.example')).rejects.toThrow('HTTP 403');
  });
});
