import { ChatError, CLIENT_ERROR_CODES, isServerErrorCode, SERVER_ERROR_CODES } from '@clavard/protocol';
import { describe, expect, it } from 'vitest';

describe('ChatError', () => {
  it('is recognised from this copy of the package', () => {
    expect(ChatError.isInstance(new ChatError('outbox-full', 'full'))).toBe(true);
  });

  it('is recognised from another copy, by its Symbol.for marker', () => {
    const fromAnotherCopy = Object.assign(new Error('lost'), { code: 'connection-lost' });
    Object.defineProperty(fromAnotherCopy, Symbol.for('clavard.chat-error'), { value: true });
    expect(ChatError.isInstance(fromAnotherCopy)).toBe(true);
  });

  it.each([new Error('plain'), { code: 'connection-lost' }, null, undefined, 'connection-lost', 42])(
    'does not take %j for one',
    (value) => {
      expect(ChatError.isInstance(value)).toBe(false);
    },
  );

  it.each([
    'rate-limited',
    'unavailable',
    'server-error',
    'connection-lost',
    'connect-timeout',
    'heartbeat-timeout',
    'ack-timeout',
  ] as const)('%s is retryable by default', (code) => {
    expect(new ChatError(code, 'x').retryable).toBe(true);
  });

  it.each([
    'unsupported-version',
    'invalid-frame',
    'frame-too-large',
    'text-too-long',
    'unauthorized',
    'forbidden',
    'idempotency-conflict',
    'outbox-full',
  ] as const)('%s is not retryable by default', (code) => {
    expect(new ChatError(code, 'x').retryable).toBe(false);
  });

  it('takes retryable, retryAfterMs, clientId and cause from its options', () => {
    const cause = new Error('socket');
    const error = new ChatError('unauthorized', 'x', {
      retryable: true,
      retryAfterMs: 10,
      clientId: 'c',
      cause,
    });
    expect([error.retryable, error.retryAfterMs, error.clientId, error.cause]).toEqual([
      true,
      10,
      'c',
      cause,
    ]);
  });

  it('is an Error named ChatError', () => {
    const error = new ChatError('not-found', 'gone');
    expect([error instanceof Error, error.name, error.message]).toEqual([true, 'ChatError', 'gone']);
  });
});

describe('error codes', () => {
  it('are kebab-case and distinct', () => {
    const codes = [...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES];
    expect(
      codes.every((code) => /^[a-z]+(-[a-z]+)*$/.test(code)) && new Set(codes).size === codes.length,
    ).toBe(true);
  });

  it.each([...SERVER_ERROR_CODES])('%s is a server code', (code) => {
    expect(isServerErrorCode(code)).toBe(true);
  });

  it.each(['connection-lost', 'teapot', 42, null])('%j is not a server code', (code) => {
    expect(isServerErrorCode(code)).toBe(false);
  });
});
