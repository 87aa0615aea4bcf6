import {
  ChatError,
  CONVERSATION_EVENT_TYPES,
  encodeFrame,
  isConversationEvent,
  MAX_FRAME_BYTES,
  parseClientFrame,
  parseServerFrame,
  toChatError,
} from '@clavard/protocol';
import { describe, expect, it } from 'vitest';
import { allClientExamples, allServerExamples, serverExamples } from './examples.js';

describe('encodeFrame', () => {
  it.each(allServerExamples.map((frame) => [frame.type, frame] as const))(
    '%s round-trips through the server parser',
    (_type, frame) => {
      expect(parseServerFrame(encodeFrame(frame))).toEqual({ ok: true, value: frame });
    },
  );

  it.each(allClientExamples.map((frame) => [frame.type, frame] as const))(
    '%s round-trips through the client parser',
    (_type, frame) => {
      expect(parseClientFrame(encodeFrame(frame))).toEqual({ ok: true, value: frame });
    },
  );

  it('throws frame-too-large over the limit, counting UTF-8 bytes', () => {
    const frame = {
      type: 'form.submit' as const,
      formId: 'f',
      values: { a: 'é'.repeat(MAX_FRAME_BYTES / 2) },
    };
    expect(() => encodeFrame(frame)).toThrow(
      expect.objectContaining({ code: 'frame-too-large', retryable: false }),
    );
  });

  it('throws a ChatError', () => {
    const frame = { type: 'form.submit' as const, formId: 'f', values: { a: 'x'.repeat(MAX_FRAME_BYTES) } };
    expect(() => encodeFrame(frame)).toThrow(ChatError);
  });
});

describe('isConversationEvent', () => {
  it.each(allServerExamples.map((frame) => [frame.type, frame] as const))(
    'tells whether %s is an event',
    (type, frame) => {
      expect(isConversationEvent(frame)).toBe((CONVERSATION_EVENT_TYPES as readonly string[]).includes(type));
    },
  );

  it('knows seven event types', () => {
    expect([...CONVERSATION_EVENT_TYPES].sort()).toEqual([
      'agent.joined',
      'agent.left',
      'agent.transferred',
      'conversation.ended',
      'form.request',
      'form.result',
      'message',
    ]);
  });
});

describe('toChatError', () => {
  it('carries code, message, retryable, retryAfterMs and clientId', () => {
    const error = toChatError(serverExamples.error);
    expect({ ...error, message: error.message }).toEqual({
      name: 'ChatError',
      message: 'Slow down',
      code: 'rate-limited',
      retryable: true,
      retryAfterMs: 2000,
      clientId: 'V1StGXR8_Z5jdHi6B-myT',
    });
  });

  it('takes retryable from the frame, not from the code', () => {
    const error = toChatError({ type: 'error', code: 'server-error', message: 'bug', retryable: false });
    expect(error.retryable).toBe(false);
  });

  it('is a ChatError', () => {
    expect(ChatError.isInstance(toChatError(serverExamples.error))).toBe(true);
  });
});
