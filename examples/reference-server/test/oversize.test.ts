import { MAX_FRAME_BYTES } from '@clavard/protocol';
import { describe, expect, it } from 'vitest';
import { acceptConnection } from '../src/chat/connection.js';
import { createGroupCommit } from '../src/chat/group-commit.js';
import { fitting, jsonBytes } from '../src/chat/paging.js';

describe('a frame over the limit', () => {
  it('reaches the peer as a typed frame-too-large error naming the frame, never as silence', () => {
    const sent: string[] = [];
    const reported: string[] = [];
    const { conn } = acceptConnection(
      { send: (text) => sent.push(text), close: () => undefined },
      {
        parse: () => ({ ok: false, ignored: true, type: 'x' }),
        helloType: 'hello',
        hello: () => undefined,
        handle: () => undefined,
        closed: () => undefined,
        heartbeatMs: 0,
        helloTimeoutMs: 60_000,
        report: (error) => reported.push(error.code),
      },
    );
    conn.send({ type: 'agent.history', events: ['x'.repeat(MAX_FRAME_BYTES)], clientId: 'k1' } as never);
    conn.close('normal');
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0] ?? '')).toMatchObject({
      type: 'error',
      code: 'frame-too-large',
      clientId: 'k1',
      message: expect.stringContaining('agent.history'),
    });
    expect(reported).toEqual(['frame-too-large']);
  });
});

describe('a connection closed while a group is on its way to the disk', () => {
  it('still sends what it sent before the close, then closes', async () => {
    const log: string[] = [];
    const flushes: Array<() => void> = [];
    const commits = createGroupCommit({
      transaction: (fn) => fn(),
      savepoint: (fn) => fn(),
      sync: (done) => flushes.push(() => done()),
    });
    const { conn } = acceptConnection(
      {
        send: (text) => log.push(`sent ${JSON.parse(text).type}`),
        close: (reason) => log.push(`closed ${reason}`),
      },
      {
        parse: () => ({ ok: false, ignored: true, type: 'x' }),
        helloType: 'hello',
        hello: () => undefined,
        handle: () => undefined,
        closed: () => log.push('gone from the hub'),
        heartbeatMs: 0,
        helloTimeoutMs: 60_000,
        report: () => undefined,
        whenCommitted: (send) => commits.whenCommitted(send),
      },
    );
    const group = commits.add(async () => conn.send({ type: 'message.ack' } as never));
    await new Promise(setImmediate); // the group is written, its flush out
    conn.send({ type: 'session.ended' } as never);
    conn.close('normal');
    conn.send({ type: 'too.late' } as never);
    expect(log).toEqual(['gone from the hub']);
    flushes[0]?.();
    await group;
    expect(log).toEqual(['gone from the hub', 'sent message.ack', 'sent session.ended', 'closed normal']);
  });
});

describe('fitting', () => {
  it('keeps the longest head within the budget and says it cut', () => {
    const items = ['aaaa', 'bbbb', 'cccc'];
    const each = jsonBytes('aaaa') + 1;
    expect(fitting(items, each * 2)).toEqual({ kept: ['aaaa', 'bbbb'], cut: true });
    expect(fitting(items, each * 3)).toEqual({ kept: items, cut: false });
  });

  it('keeps one item over the budget so that paging moves on, unless told not to', () => {
    expect(fitting(['a long one'], 2)).toEqual({ kept: ['a long one'], cut: false });
    expect(fitting(['a long one'], 2, false)).toEqual({ kept: [], cut: true });
  });
});
