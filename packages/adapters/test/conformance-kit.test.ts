// The kit itself: it says what is wrong with a frame it waited for, and never leaves a rejection behind.

import { runTransportConformance } from '@clavard/adapters/testing';
import type { ClientFrame, Transport, TransportEvents } from '@clavard/protocol';
import { createEmitter } from '@clavard/protocol/internal';
import { describe, expect, it } from 'vitest';

const welcome = {
  type: 'session.welcome',
  v: '1.0',
  token: 'token-1',
  resumed: false,
  heartbeatMs: 25_000,
  availability: { online: true },
};

/** A transport to a scripted server: `answer` returns the frames sent back to each client frame. */
function scriptedTransport(answer: (frame: ClientFrame) => object[]): Transport {
  const events = createEmitter<TransportEvents>();
  let status: Transport['status'] = 'idle';
  const setStatus = (next: Transport['status']) => {
    status = next;
    events.emit('status', next);
  };
  return {
    get status() {
      return status;
    },
    connect() {
      if (status === 'connecting' || status === 'open') return;
      setStatus('connecting');
      queueMicrotask(() => setStatus('open'));
    },
    send(frame) {
      if (status !== 'open') throw new Error('not open');
      for (const reply of answer(frame)) queueMicrotask(() => events.emit('frame', JSON.stringify(reply)));
    },
    close() {
      if (status !== 'closed') setStatus('closed');
    },
    on: events.on,
  };
}

describe('the conformance kit', () => {
  it('names the missing field of a frame it waited for, instead of timing out', async () => {
    const { availability: _, ...broken } = welcome;
    const report = await runTransportConformance({
      createTransport: () => scriptedTransport((frame) => (frame.type === 'session.hello' ? [broken] : [])),
      only: ['hello-welcome'],
      timeoutMs: 2000,
    });
    expect(report.results).toEqual([
      { name: 'hello-welcome', ok: false, error: 'got session.welcome, but availability is missing' },
    ]);
  });

  it('fails a check whose ack never comes without leaving an unhandled rejection', async () => {
    // The echo is awaited after the ack; vitest fails this test if the echo's rejection goes unhandled.
    const report = await runTransportConformance({
      createTransport: () => scriptedTransport((frame) => (frame.type === 'session.hello' ? [welcome] : [])),
      only: ['message-ack-and-echo'],
      timeoutMs: 50,
    });
    expect(report.results[0]).toMatchObject({ ok: false, error: expect.stringMatching(/message\.ack/) });
    // Longer than the echo's own time-out: its rejection has happened by now.
    await new Promise((resolve) => setTimeout(resolve, 120));
  });
});
