import { ChatError, type Transport, type TransportEvents, type TransportStatus } from '@clavard/protocol';
import { createEmitter } from '@clavard/protocol/internal';
import { describe, expect, it } from 'vitest';
import { createDeferredTransport } from '../src/embed/deferred-transport.js';

/** A transport that records its calls and changes status when told. */
interface Fake {
  status: TransportStatus;
  sent: unknown[];
  connects: number;
  set(status: TransportStatus): void;
  transport: Transport;
  emitter: ReturnType<typeof createEmitter<TransportEvents>>;
}

function fakeTransport(): Fake {
  const emitter = createEmitter<TransportEvents>();
  const fake: Fake = {
    status: 'idle',
    sent: [],
    connects: 0,
    set(status: TransportStatus) {
      fake.status = status;
      emitter.emit('status', status);
    },
    transport: {
      get status(): TransportStatus {
        return fake.status;
      },
      connect() {
        fake.connects++;
        fake.set('connecting');
      },
      send(frame) {
        fake.sent.push(frame);
      },
      close() {
        fake.set('closed');
      },
      on: (event, listener) => emitter.on(event, listener),
    },
    emitter,
  };
  return fake;
}

/** A promise settled from outside. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('the deferred transport (the SSE transport of clavard-sse.js)', () => {
  it('loads on the first connect, then forwards status, frames and sends to the real one', async () => {
    const fake = fakeTransport();
    const loading = deferred<Transport>();
    let loads = 0;
    const transport = createDeferredTransport(() => {
      loads++;
      return loading.promise;
    });
    const statuses: TransportStatus[] = [];
    const frames: unknown[] = [];
    transport.on('status', (status) => statuses.push(status));
    transport.on('frame', (frame) => frames.push(frame));
    expect(loads).toBe(0);
    transport.connect();
    transport.connect();
    expect(loads).toBe(1);
    expect(transport.status).toBe('connecting');
    expect(() => transport.send({ type: 'typing', v: 1, typing: true } as never)).toThrow(
      expect.objectContaining({ code: 'transport-closed' }),
    );
    loading.resolve(fake.transport);
    await loading.promise;
    expect(fake.connects).toBe(1);
    fake.set('open');
    fake.emitter.emit('frame', '{"type":"pong"}');
    transport.send({ type: 'typing' } as never);
    expect(statuses).toEqual(['connecting', 'open']);
    expect(transport.status).toBe('open');
    expect(frames).toEqual(['{"type":"pong"}']);
    expect(fake.sent).toEqual([{ type: 'typing' }]);
  });

  it('reports a failed load and turns closed; the next connect loads again', async () => {
    const failure = new ChatError('unavailable', 'the SSE file could not be loaded');
    const fake = fakeTransport();
    const attempts = [deferred<Transport>(), deferred<Transport>()];
    let loads = 0;
    const transport = createDeferredTransport(() => {
      const attempt = attempts[loads++];
      if (!attempt) throw new Error('loaded too often');
      return attempt.promise;
    });
    const errors: ChatError[] = [];
    const statuses: TransportStatus[] = [];
    transport.on('error', (error) => errors.push(error));
    transport.on('status', (status) => statuses.push(status));
    transport.connect();
    attempts[0]?.reject(failure);
    await expect.poll(() => statuses).toEqual(['connecting', 'closed']);
    expect(errors).toEqual([failure]);
    transport.connect();
    attempts[1]?.resolve(fake.transport);
    await expect.poll(() => fake.connects).toBe(1);
    expect(loads).toBe(2);
  });

  it('does not connect the real one when closed while it was loading', async () => {
    const fake = fakeTransport();
    const loading = deferred<Transport>();
    const transport = createDeferredTransport(() => loading.promise);
    transport.connect();
    transport.close();
    expect(transport.status).toBe('closed');
    loading.resolve(fake.transport);
    await loading.promise;
    expect(fake.connects).toBe(0);
  });
});
