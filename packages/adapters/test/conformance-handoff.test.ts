// The kit's check of handoff links: a sound server answers a token it never made with `invalid` and
// starts nothing; a server that opens it, starts a conversation, or never answers fails, saying why; a
// server of protocol 1.1 passes.
import { createMemoryChatServer } from '@clavard/adapters/memory';
import { runServerConformance } from '@clavard/adapters/testing';
import { describe, expect, it } from 'vitest';
import { rewriting } from './support/rewriting.js';

type Edit = Parameters<typeof rewriting>[1];

/** The outcome of the check against the memory server, its frames edited by `edit`. */
async function check(edit: Edit = (frame) => frame) {
  const server = createMemoryChatServer({ heartbeatMs: 0 });
  const report = await runServerConformance({
    createTransport: () => rewriting(server.createTransport(), edit),
    only: ['handoff-unknown-invalid'],
    timeoutMs: 300,
    quietMs: 50,
  });
  return report.results[0];
}

const message = {
  type: 'message',
  conversationId: 'c-handoff',
  seq: 1,
  at: '2026-12-05T10:00:00.000Z',
  id: 'm1',
  author: { role: 'system' },
  content: { kind: 'text', text: 'You wrote to us on X' },
};

describe('handoff-unknown-invalid', () => {
  it('passes a server that answers invalid and starts nothing', async () => {
    expect(await check()).toEqual({ name: 'handoff-unknown-invalid', ok: true });
  });

  it('passes a server of protocol 1.1, which knows no handoff', async () => {
    const result = await check((frame) =>
      frame.type === 'session.welcome'
        ? { ...frame, v: '1.1' }
        : frame.type === 'handoff.result'
          ? null
          : frame,
    );
    expect(result?.ok).toBe(true);
  });

  it('fails a server that opens a link it never made', async () => {
    const result = await check((frame) =>
      frame.type === 'handoff.result' ? { ...frame, status: 'opened', conversationId: 'c-handoff' } : frame,
    );
    expect(result?.error).toBe(
      'a handoff.open with a token the server never made must get handoff.result invalid; it got opened',
    );
  });

  it('fails a server that starts a conversation all the same', async () => {
    const result = await check((frame) => (frame.type === 'handoff.result' ? [message, frame] : frame));
    expect(result?.error).toBe('an invalid handoff must start nothing; the server sent message');
  });

  it('fails a server of 1.2 that never answers', async () => {
    const result = await check((frame) => (frame.type === 'handoff.result' ? null : frame));
    expect(result?.ok).toBe(false);
    expect(result?.error).toMatch(/handoff\.result/);
  });
});
