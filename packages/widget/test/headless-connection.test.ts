import { ChatError, PROTOCOL_VERSION } from '@clavard/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { welcome } from './support/fake-transport.js';
import { setupClient } from './support/setup-client.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('connection', () => {
  it('does nothing until connect(), then says hello with the locale', () => {
    const { client, transport } = setupClient({ locale: 'fr-CA' });
    expect(transport.connects).toBe(0);
    expect(client.status.value).toBe('idle');
    client.connect();
    expect(transport.sentOfType('session.hello')).toEqual([
      {
        type: 'session.hello',
        v: PROTOCOL_VERSION,
        locale: 'fr-CA',
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      },
    ]);
    client.dispose();
  });

  it('goes online on welcome and resumes with token, conversation and lastSeq on the next hello', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome();
    expect(client.status.value).toBe('online');
    transport.drop();
    expect(client.status.value).toBe('reconnecting');
    vi.advanceTimersByTime(1000);
    expect(transport.sentOfType('session.hello').at(-1)).toMatchObject({
      token: 't1',
      resume: { conversationId: 'c1', lastSeq: 0, epoch: 'e1' },
    });
    client.dispose();
  });

  it('emits each status change once as a status event', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    const seen: string[] = [];
    client.on('status', (status) => seen.push(status));
    connectAndWelcome();
    transport.drop();
    expect(seen).toEqual(['connecting', 'online', 'reconnecting']);
    client.dispose();
  });

  it('attempts within 1 s of the online event after a long offline spell', () => {
    const { client, transport, window } = setupClient();
    window.navigator.onLine = false;
    client.connect();
    expect(client.status.value).toBe('offline');
    vi.advanceTimersByTime(5 * 60_000 + 30_000);
    const before = transport.connects;
    window.navigator.onLine = true;
    window.dispatchEvent(new Event('online'));
    vi.advanceTimersByTime(999);
    expect(transport.connects).toBe(before + 1);
    client.dispose();
  });

  it('probes at most once a minute while offline for hours', () => {
    const { client, transport, window } = setupClient();
    window.navigator.onLine = false;
    client.connect();
    const attempts: number[] = [];
    let seen = transport.connects;
    for (let second = 0; second < 5 * 3600; second += 1) {
      vi.advanceTimersByTime(1000);
      if (transport.connects !== seen) {
        seen = transport.connects;
        attempts.push(Date.now());
        transport.drop(); // every probe fails
      }
    }
    expect(attempts.length).toBeGreaterThan(200);
    for (let i = 1; i < attempts.length; i += 1) {
      expect((attempts[i] ?? 0) - (attempts[i - 1] ?? 0)).toBeGreaterThanOrEqual(60_000);
    }
    expect(client.status.value).toBe('offline');
    client.dispose();
  });

  it('reconnects at once when the page becomes visible again', () => {
    const { client, transport, document, connectAndWelcome } = setupClient({ random: () => 0.999 });
    connectAndWelcome();
    transport.drop();
    vi.advanceTimersByTime(500);
    const before = transport.connects;
    document.dispatchEvent(new Event('visibilitychange'));
    expect(transport.connects).toBe(before + 1);
    client.dispose();
  });

  it('pings after half the heartbeat and declares a silent connection dead within 35 s', () => {
    const { client, transport, errors, connectAndWelcome } = setupClient();
    connectAndWelcome();
    vi.advanceTimersByTime(17_500);
    expect(transport.sentOfType('ping')).toHaveLength(1);
    expect(transport.status).toBe('open');
    vi.advanceTimersByTime(17_500);
    expect(transport.status).not.toBe('open');
    expect(errors.map((e) => e.code)).toContain('heartbeat-timeout');
    client.dispose();
  });

  it('keeps a connection alive while frames keep coming', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome();
    for (let i = 0; i < 10; i += 1) {
      vi.advanceTimersByTime(25_000);
      transport.receive({ type: 'ping' });
    }
    expect(client.status.value).toBe('online');
    expect(transport.sentOfType('pong')).toHaveLength(10);
    client.dispose();
  });

  it('times out a connection that never says welcome after 10 s', () => {
    const { client, transport, errors } = setupClient();
    client.connect();
    vi.advanceTimersByTime(10_000);
    expect(errors.map((e) => e.code)).toEqual(['connect-timeout']);
    expect(transport.status).toBe('closed');
    client.dispose();
  });

  it('waits within the backoff bounds between failed attempts', () => {
    const { client, transport } = setupClient({ random: () => 0.999_999 });
    client.connect();
    const times: number[] = [];
    let last = Date.now();
    for (let attempt = 0; attempt < 8; attempt += 1) {
      transport.drop();
      const before = transport.connects;
      while (transport.connects === before) vi.advanceTimersByTime(100);
      times.push(Date.now() - last - 0);
      last = Date.now();
    }
    times.forEach((delay, n) => {
      expect(delay).toBeLessThanOrEqual(Math.min(30_000, 1000 * 2 ** n) + 100);
    });
    client.dispose();
  });

  it('stops on 401 with one error event and no retry', () => {
    const { client, transport, errors } = setupClient();
    client.connect();
    transport.drop(new ChatError('unauthorized', 'HTTP 401', { retryable: false }));
    vi.advanceTimersByTime(10 * 60_000);
    expect(transport.connects).toBe(1);
    expect(errors.map((e) => e.code)).toEqual(['unauthorized']);
    expect(client.status.value).toBe('idle');
    client.dispose();
  });

  it('stops on an unauthorized error frame too', () => {
    const { client, transport, errors } = setupClient();
    client.connect();
    transport.receive({ type: 'error', code: 'unauthorized', message: 'no', retryable: false });
    vi.advanceTimersByTime(10 * 60_000);
    expect(transport.connects).toBe(1);
    expect(errors.map((e) => e.code)).toEqual(['unauthorized']);
    client.dispose();
  });

  it('honours session.reconnect retryAfterMs', () => {
    const { client, transport, connectAndWelcome } = setupClient({ random: () => 0 });
    connectAndWelcome();
    transport.receive({ type: 'session.reconnect', reason: 'server-restart', retryAfterMs: 5000 });
    vi.advanceTimersByTime(4999);
    expect(transport.connects).toBe(1);
    vi.advanceTimersByTime(1);
    expect(transport.connects).toBe(2);
    client.dispose();
  });

  it('writes the first transport error of each run of failures to the console, once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { client, transport, connectAndWelcome } = setupClient();
    const lost = (n: number) =>
      new ChatError('connection-lost', `connection-lost: ws://h/ws closed with ${n}`);
    connectAndWelcome();
    for (const code of [1006, 1011, 1012]) {
      const before = transport.connects;
      transport.drop(lost(code)); // three failures in a row: one line
      while (transport.connects === before) vi.advanceTimersByTime(100);
    }
    expect(warn.mock.calls).toEqual([['clavard: connection-lost: ws://h/ws closed with 1006']]);
    transport.receive(welcome()); // back online: the next failure starts a new run
    transport.drop(lost(1001));
    expect(warn.mock.calls.at(-1)).toEqual(['clavard: connection-lost: ws://h/ws closed with 1001']);
    expect(warn).toHaveBeenCalledTimes(2);
    client.dispose();
  });

  it('leaves no timer behind after dispose', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome();
    client.send('hello');
    client.markRead();
    transport.drop();
    client.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });
});
