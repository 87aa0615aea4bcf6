import type {
  AgentInfo,
  ChatError,
  ChatErrorCode,
  ClientFrame,
  ConversationEvent,
  ParseResult,
  ServerFrame,
} from '@clavard/protocol';
import {
  type CONVERSATION_EVENT_TYPES,
  isConversationEvent,
  parseClientFrame,
  parseServerFrame,
} from '@clavard/protocol';
import { describe, expectTypeOf, it } from 'vitest';

declare const server: ServerFrame;
declare const client: ClientFrame;

describe('ServerFrame', () => {
  it('narrows on type', () => {
    switch (server.type) {
      case 'message':
        expectTypeOf(server.seq).toEqualTypeOf<number>();
        expectTypeOf(server.content.kind).toEqualTypeOf<
          'text' | 'quick-replies' | 'link' | 'product' | 'attachment'
        >();
        // @ts-expect-error a message has no `agent`
        server.agent;
        break;
      case 'agent.transferred':
        expectTypeOf(server.from).toEqualTypeOf<AgentInfo | undefined>();
        break;
      case 'error':
        expectTypeOf(server.code).toExtend<ChatErrorCode>();
        expectTypeOf(server.retryable).toEqualTypeOf<boolean>();
        break;
      case 'typing':
        expectTypeOf(server.by.role).toEqualTypeOf<'visitor' | 'agent' | 'bot' | 'system'>();
        break;
      case 'history':
        expectTypeOf(server.events).toEqualTypeOf<ConversationEvent[]>();
        break;
    }
  });

  it('narrows the author of a message on role', () => {
    if (server.type === 'message' && server.author.role === 'agent') {
      expectTypeOf(server.author.firstName).toEqualTypeOf<string>();
    }
  });

  it('narrows content on kind', () => {
    if (server.type === 'message' && server.content.kind === 'product') {
      expectTypeOf(server.content.price).toEqualTypeOf<{ amount: number; currency: string } | undefined>();
    }
  });

  it('refuses a type that does not exist', () => {
    // @ts-expect-error not a server frame type
    if (server.type === 'message.send') return;
  });
});

describe('ClientFrame', () => {
  it('narrows on type', () => {
    if (client.type === 'message.send') {
      expectTypeOf(client.clientId).toEqualTypeOf<string>();
      expectTypeOf(client.quickReplyId).toEqualTypeOf<string | undefined>();
      expectTypeOf(client.attachmentId).toEqualTypeOf<string | undefined>();
    }
    if (client.type === 'rating.submit')
      expectTypeOf(client.score).toEqualTypeOf<1 | 2 | 3 | 4 | 5 | undefined>();
  });

  it('refuses a frame with a missing field', () => {
    // @ts-expect-error clientId is required
    const frame: ClientFrame = { type: 'message.send', text: 'hi' };
    expectTypeOf(frame).toEqualTypeOf<ClientFrame>();
  });
});

describe('ParseResult', () => {
  it('narrows on ok and ignored', () => {
    const result = parseServerFrame('{}');
    if (result.ok) expectTypeOf(result.value).toEqualTypeOf<ServerFrame>();
    else if (result.ignored) expectTypeOf(result.type).toEqualTypeOf<string>();
    else expectTypeOf(result.error).toEqualTypeOf<ChatError>();
  });

  it('has no value when not ok', () => {
    const result = parseClientFrame('{}');
    // @ts-expect-error value only exists when ok
    result.value;
    expectTypeOf(result).toEqualTypeOf<ParseResult<ClientFrame>>();
  });
});

describe('ChatError', () => {
  it('has a closed union of codes', () => {
    expectTypeOf<ChatError['code']>().toEqualTypeOf<ChatErrorCode>();
    expectTypeOf<'outbox-full'>().toExtend<ChatErrorCode>();
    // @ts-expect-error not a code
    const code: ChatErrorCode = 'oops';
    expectTypeOf(code).toBeString();
  });
});

describe('conversation events', () => {
  it('CONVERSATION_EVENT_TYPES lists exactly the event types', () => {
    expectTypeOf<(typeof CONVERSATION_EVENT_TYPES)[number]>().toEqualTypeOf<ConversationEvent['type']>();
  });

  it('isConversationEvent narrows', () => {
    if (isConversationEvent(server)) expectTypeOf(server.seq).toEqualTypeOf<number>();
  });
});
