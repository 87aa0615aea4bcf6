// The kit's check of the pre-chat form asked first: a sound server passes it, and a server that accepts an
// empty form, refuses a full one, or asks a session again fails it, saying why.
import { createMemoryChatServer } from '@clavard/adapters/memory';
import { runServerConformance } from '@clavard/adapters/testing';
import { describe, expect, it } from 'vitest';
import { PRECHAT } from './memory-helpers.js';
import { rewriting } from './support/rewriting.js';

/** The outcome of the check against the memory server asking `PRECHAT`, its frames edited by `edit`. */
async function check(edit: (frame: Record<string, unknown>) => Record<string, unknown> = (frame) => frame) {
  const server = createMemoryChatServer({ heartbeatMs: 0, prechat: PRECHAT });
  const report = await runServerConformance({
    createTransport: () => rewriting(server.createTransport(), edit),
    only: ['prechat-first-answered'],
    timeoutMs: 500,
  });
  return report.results[0];
}

describe('prechat-first-answered', () => {
  it('passes a server that refuses an empty form, accepts a full one and does not ask again', async () => {
    expect(await check()).toEqual({ name: 'prechat-first-answered', ok: true });
  });

  it('passes a server that asks no form first', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const report = await runServerConformance({
      createTransport: () => server.createTransport(),
      only: ['prechat-first-answered'],
    });
    expect(report.results[0]?.ok).toBe(true);
  });

  it('does not fail a server for an answer the kit cannot make (a field shorter than its sample)', async () => {
    const email = { name: 'email', type: 'email', label: 'Email', maxLength: 10 } as const;
    const server = createMemoryChatServer({
      heartbeatMs: 0,
      prechat: { ...PRECHAT, fields: [...PRECHAT.fields, email] },
    });
    const report = await runServerConformance({
      createTransport: () => server.createTransport(),
      only: ['prechat-first-answered'],
    });
    expect(report.results[0]?.ok).toBe(true);
  });

  it('fails a server that accepts the form sent empty', async () => {
    const result = await check((frame) =>
      frame.type === 'prechat.result'
        ? { type: 'prechat.result', formId: 'pre-1', status: 'accepted' }
        : frame,
    );
    expect(result?.ok).toBe(false);
    expect(result?.error).toMatch(/sent empty must be rejected naming topic; it got accepted/);
  });

  it('fails a server that refuses the form answered in full', async () => {
    const result = await check((frame) =>
      frame.type === 'prechat.result'
        ? { ...frame, status: 'rejected', errors: { topic: 'required' } }
        : frame,
    );
    expect(result?.error).toMatch(/answered in full .* must be accepted; it got rejected/);
  });

  it('fails a server that asks a session again once answered', async () => {
    const result = await check((frame) =>
      frame.type === 'session.welcome' ? { ...frame, prechat: PRECHAT } : frame,
    );
    expect(result?.error).toBe('a session that answered the pre-chat form must not be asked it again');
  });
});
