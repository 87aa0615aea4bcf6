// The checks of runTransportConformance, one per promise of docs/transports.md.
import { ChatError, MAX_FRAME_BYTES, type Transport, type TransportStatus } from '@clavard/protocol';
import type { ConformanceCheckName, ConformanceOptions } from './conformance.js';
import { ENDPOINT_CHECKS } from './endpoint-checks.js';
import type { CheckContext } from './run-checks.js';
import { openTransport, pingPong, request, sayHello } from './wait.js';

type Context = CheckContext<ConformanceOptions>;

const assert: (condition: boolean, message: string) => asserts condition = (condition, message) => {
  if (!condition) throw new Error(message);
};

const open = (ctx: Context, transport: Transport) => openTransport(transport, ctx.timeoutMs);

const hello = (ctx: Context, transport: Transport, token?: string) =>
  sayHello(transport, { ...ctx.options.hello, ...(token === undefined ? {} : { token }) }, ctx.timeoutMs);

const ping = (ctx: Context, transport: Transport, id: string) => pingPong(transport, id, ctx.timeoutMs);

const expectTransportClosed = (transport: Transport, when: string) => {
  let thrown: unknown;
  try {
    transport.send({ type: 'ping', id: 'must-throw' });
  } catch (error) {
    thrown = error;
  }
  assert(
    ChatError.isInstance(thrown) && thrown.code === 'transport-closed',
    `send() ${when} must throw ChatError transport-closed`,
  );
};

const recordStatuses = (transport: Transport): TransportStatus[] => {
  const seen: TransportStatus[] = [];
  transport.on('status', (status) => seen.push(status));
  return seen;
};

const quiet = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const TRANSPORT_CHECKS: Record<ConformanceCheckName, (ctx: Context) => Promise<void>> = {
  async 'status-sequence'(ctx) {
    const transport = ctx.make();
    assert(transport.status === 'idle', `a new transport must be 'idle', not '${transport.status}'`);
    const seen = recordStatuses(transport);
    await open(ctx, transport);
    assert(seen.join() === 'connecting,open', `statuses were ${seen.join(' → ')}, not connecting → open`);
  },
  async 'connect-idempotent'(ctx) {
    const transport = ctx.make();
    const seen = recordStatuses(transport);
    transport.connect();
    transport.connect();
    await open(ctx, transport);
    transport.connect();
    await hello(ctx, transport);
    assert(seen.join() === 'connecting,open', `connect() ×3 gave ${seen.join(' → ')}`);
  },
  async 'hello-welcome'(ctx) {
    const transport = ctx.make();
    await open(ctx, transport);
    const welcome = await hello(ctx, transport);
    assert(welcome.token.length > 0, 'session.welcome must carry a token');
    assert(welcome.resumed === false, 'a hello without token must not be resumed');
  },
  async 'ping-pong'(ctx) {
    const transport = ctx.make();
    await open(ctx, transport);
    await hello(ctx, transport);
    await ping(ctx, transport, 'conformance-1');
    await ping(ctx, transport, 'conformance-2');
  },
  async 'message-ack-and-echo'(ctx) {
    const transport = ctx.make();
    await open(ctx, transport);
    await hello(ctx, transport);
    const clientId = `conformance-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const echo = request(transport, undefined, 'message', (m) => m.clientId === clientId, ctx.timeoutMs);
    // Awaited only after the ack: if the ack fails first, this one's failure must not go unhandled.
    echo.catch(() => {});
    const ack = await request(
      transport,
      { type: 'message.send', clientId, text: 'conformance check' },
      'message.ack',
      (frame) => frame.clientId === clientId,
      ctx.timeoutMs,
    );
    const message = await echo;
    assert(
      message.id === ack.id && message.seq === ack.seq,
      'the echoed message must have the id and seq of its ack',
    );
  },
  async 'send-while-not-open-throws'(ctx) {
    const transport = ctx.make();
    expectTransportClosed(transport, "while 'idle'");
    transport.connect();
    if (transport.status === 'connecting') expectTransportClosed(transport, "while 'connecting'");
    await open(ctx, transport);
    transport.close();
    expectTransportClosed(transport, 'after close()');
  },
  async 'close-idempotent'(ctx) {
    const transport = ctx.make();
    await open(ctx, transport);
    const seen = recordStatuses(transport);
    transport.close();
    transport.close();
    assert(transport.status === 'closed', `status after close() is '${transport.status}'`);
    await quiet(ctx.quietMs);
    assert(seen.join() === 'closed', `close() ×2 gave ${seen.join(' → ') || 'no status'}`);
  },
  async 'no-frames-after-close'(ctx) {
    const transport = ctx.make();
    await open(ctx, transport);
    await hello(ctx, transport);
    let late = 0;
    transport.on('frame', () => {
      if (transport.status === 'closed') late++;
    });
    transport.send({ type: 'ping', id: 'after-close' });
    transport.close();
    await quiet(ctx.quietMs);
    assert(late === 0, `${late} frame(s) arrived after close()`);
  },
  async 'reconnect-after-close'(ctx) {
    const transport = ctx.make();
    await open(ctx, transport);
    await hello(ctx, transport);
    transport.close();
    await open(ctx, transport);
    await hello(ctx, transport);
    await ping(ctx, transport, 'after-reconnect');
  },
  async 'resume-with-token'(ctx) {
    const transport = ctx.make();
    await open(ctx, transport);
    const { token } = await hello(ctx, transport);
    transport.close();
    await open(ctx, transport);
    const welcome = await hello(ctx, transport, token);
    assert(welcome.resumed, 'a hello with the previous token must be resumed');
  },
  async 'unsubscribe-stops-listener'(ctx) {
    const transport = ctx.make();
    let removed = 0;
    const off = transport.on('frame', () => removed++);
    off();
    off();
    await open(ctx, transport);
    await hello(ctx, transport);
    await ping(ctx, transport, 'unsubscribed');
    assert(removed === 0, `an unsubscribed listener received ${removed} frame(s)`);
  },
  async 'close-emits-no-error'(ctx) {
    const transport = ctx.make();
    await open(ctx, transport);
    await hello(ctx, transport);
    const errors: string[] = [];
    transport.on('error', (error) => errors.push(error.code));
    transport.close();
    await quiet(ctx.quietMs);
    assert(
      errors.length === 0,
      `close() reported ${errors.join(', ')}; it must report closed without an error`,
    );
  },
  async 'oversized-send-throws'(ctx) {
    const transport = ctx.make();
    await open(ctx, transport);
    await hello(ctx, transport);
    let thrown: unknown;
    try {
      transport.send({ type: 'ping', id: 'x'.repeat(MAX_FRAME_BYTES) });
    } catch (error) {
      thrown = error;
    }
    assert(
      ChatError.isInstance(thrown) && thrown.code === 'frame-too-large',
      `send() of a frame over ${MAX_FRAME_BYTES} bytes must throw ChatError frame-too-large`,
    );
    assert(
      transport.status === 'open',
      `after a refused send the transport is '${transport.status}', not 'open'`,
    );
    await ping(ctx, transport, 'after-oversized');
  },
  async 'burst-keeps-order'(ctx) {
    const transport = ctx.make();
    await open(ctx, transport);
    await hello(ctx, transport);
    const ids = Array.from({ length: 20 }, (_, index) => `burst-${index}`);
    const seen: string[] = [];
    const last = request(
      transport,
      undefined,
      'pong',
      (pong) => {
        if (pong.id?.startsWith('burst-')) seen.push(pong.id);
        return pong.id === ids.at(-1);
      },
      ctx.timeoutMs,
    );
    for (const id of ids) transport.send({ type: 'ping', id });
    await last;
    assert(seen.join() === ids.join(), `20 pings sent at once were answered in the order ${seen.join(', ')}`);
  },
  ...ENDPOINT_CHECKS,
};
