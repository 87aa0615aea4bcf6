// What a WebSocket connection to the custom backend lives by: the frame limit, the hello deadline and the
// server's heartbeat (docs/protocol.md), with short timers where time is involved.
import { MAX_FRAME_BYTES } from '@clavard/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type CustomBackend, startCustomBackend } from '../src/server.js';

let backend: CustomBackend;
beforeAll(async () => {
  backend = await startCustomBackend({ heartbeatMs: 100, helloTimeoutMs: 200 });
});
afterAll(() => backend.close());

/** The next frame the socket receives, parsed. */
const next = (socket: WebSocket) =>
  new Promise<{ type: string; code?: string; id?: string; heartbeatMs?: number }>((resolve) =>
    socket.once('message', (data) => resolve(JSON.parse(String(data)))),
  );

/** A socket that has said hello, and its welcome. */
const session = async () => {
  const socket = new WebSocket(backend.wsUrl);
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'session.hello', v: '1.0', locale: 'en' }));
  return { socket, welcome: await next(socket) };
};

it('answers a frame over 256 KiB with frame-too-large and keeps the WebSocket open', async () => {
  const { socket } = await session();
  socket.send(JSON.stringify({ type: 'ping', id: 'x'.repeat(MAX_FRAME_BYTES) }));
  expect(await next(socket)).toMatchObject({ type: 'error', code: 'frame-too-large' });
  socket.send(JSON.stringify({ type: 'ping', id: 'still-open' }));
  expect(await next(socket)).toMatchObject({ type: 'pong', id: 'still-open' });
  socket.close();
});

it('pings every heartbeatMs, the period its welcome announces', async () => {
  const { socket, welcome } = await session();
  expect(welcome).toMatchObject({ type: 'session.welcome', heartbeatMs: 100 });
  const ping = await next(socket);
  expect(ping).toMatchObject({ type: 'ping', id: expect.any(String) });
  socket.send(JSON.stringify({ type: 'pong', id: ping.id }));
  expect(await next(socket)).toMatchObject({ type: 'ping' });
  socket.close();
});

it('closes a connection that sends no hello in time with 4400', async () => {
  const socket = new WebSocket(backend.wsUrl);
  const code = await new Promise((resolve) => socket.once('close', resolve));
  expect(code).toBe(4400);
});
