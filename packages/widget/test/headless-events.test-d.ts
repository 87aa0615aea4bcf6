import type { ChatClient, ChatEvents } from '@clavard/widget/headless';
import { describe, expectTypeOf, it } from 'vitest';

declare const client: ChatClient;

describe('the client events are a closed map', () => {
  it('types each payload and refuses an undeclared event', () => {
    client.on('form.result', (result) => expectTypeOf(result.type).toEqualTypeOf<'form.result'>());
    // @ts-expect-error not an event of the client
    client.on('form.answered', () => {});
    expectTypeOf<keyof ChatEvents>().toEqualTypeOf<
      | 'message'
      | 'agent.joined'
      | 'agent.left'
      | 'agent.transferred'
      | 'form.request'
      | 'form.result'
      | 'conversation.ended'
      | 'discontinuity'
      | 'status'
      | 'error'
      | 'shutdown'
    >();
  });
});
