import { createMemoryChatServer } from '@clavard/adapters/memory';
import { describe, expect, it } from 'vitest';
import { connectVisitor, PRECHAT } from './memory-helpers.js';

describe('createMemoryChatServer: the pre-chat form asked first', () => {
  it('is offered in the welcome, refused with a message per field, then accepted and not asked again', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0, prechat: PRECHAT });
    const { v, welcome } = await connectVisitor(server);
    expect(welcome.prechat).toEqual(PRECHAT);
    v.send({ type: 'form.submit', formId: 'pre-1', values: { name: 'Ana' } });
    expect(await v.next('prechat.result')).toEqual({
      type: 'prechat.result',
      formId: 'pre-1',
      status: 'rejected',
      errors: { topic: 'required' },
    });
    v.send({ type: 'form.submit', formId: 'pre-1', values: { name: 'Ana', topic: 'b' } });
    expect(await v.next('prechat.result')).toMatchObject({ status: 'accepted' });
    const again = await connectVisitor(server, { token: welcome.token });
    expect(again.welcome.prechat).toBeUndefined();
  });

  it('is not offered during a conversation, nor without the option', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0, prechat: PRECHAT });
    const { v, welcome } = await connectVisitor(server);
    v.send({ type: 'message.send', clientId: 'c1', text: 'Hello' });
    await v.next('message.ack');
    expect((await connectVisitor(server, { token: welcome.token })).welcome.prechat).toBeUndefined();
    const plain = createMemoryChatServer({ heartbeatMs: 0 });
    expect((await connectVisitor(plain)).welcome.prechat).toBeUndefined();
  });
});
