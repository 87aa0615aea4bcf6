import { createEmitter } from '@clavard/protocol/internal';
import { describe, expect, it, vi } from 'vitest';

interface Events {
  ping: number;
  pong: string;
}

describe('the one emitter', () => {
  it('calls listeners in the order they were added, and a function added twice twice', () => {
    const events = createEmitter<Events>();
    const calls: string[] = [];
    const twice = (n: number) => calls.push(`twice ${n}`);
    events.on('ping', (n) => calls.push(`first ${n}`));
    const offOne = events.on('ping', twice);
    events.on('ping', twice);
    events.on('pong', (text) => calls.push(`pong ${text}`));
    events.emit('ping', 1);
    offOne();
    offOne(); // harmless
    events.emit('ping', 2);
    expect(calls).toEqual(['first 1', 'twice 1', 'twice 1', 'first 2', 'twice 2']);
  });

  it('does not call a listener removed during an emit before its turn (the rule of EventTarget)', () => {
    const events = createEmitter<Events>();
    const calls: string[] = [];
    let offSecond = () => {};
    events.on('ping', () => {
      calls.push('first');
      offSecond();
    });
    offSecond = events.on('ping', () => calls.push('second'));
    events.emit('ping', 1);
    expect(calls).toEqual(['first']);
  });

  it('calls a listener that removes itself once, and one added during an emit from the next emit', () => {
    const events = createEmitter<Events>();
    const calls: string[] = [];
    const off = events.on('ping', (n) => {
      calls.push(`once ${n}`);
      off();
      events.on('ping', (m) => calls.push(`added ${m}`));
    });
    events.emit('ping', 1);
    events.emit('ping', 2);
    expect(calls).toEqual(['once 1', 'added 2']);
  });

  it('skips the listeners not yet called when clear() runs during an emit', () => {
    const events = createEmitter<Events>();
    const calls: string[] = [];
    events.on('ping', () => {
      calls.push('first');
      events.clear();
    });
    events.on('ping', () => calls.push('second'));
    events.emit('ping', 1);
    events.emit('ping', 2);
    expect(calls).toEqual(['first']);
  });

  it('hands a listener error to onListenerError and still calls the others', () => {
    const caught: Array<[unknown, PropertyKey]> = [];
    const events = createEmitter<Events>({ onListenerError: (error, name) => caught.push([error, name]) });
    const boom = new Error('boom');
    const after = vi.fn();
    events.on('pong', () => {
      throw boom;
    });
    events.on('pong', after);
    events.emit('pong', 'x');
    expect(caught).toEqual([[boom, 'pong']]);
    expect(after).toHaveBeenCalledWith('x');
  });

  it('re-throws a listener error on a microtask by default, after every listener ran', async () => {
    const events = createEmitter<Events>();
    const boom = new Error('boom');
    const after = vi.fn();
    const queued: Array<() => void> = [];
    vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((task) => void queued.push(task));
    events.on('ping', () => {
      throw boom;
    });
    events.on('ping', after);
    events.emit('ping', 1);
    expect(after).toHaveBeenCalledOnce();
    expect(queued).toHaveLength(1);
    expect(() => queued[0]?.()).toThrow(boom);
  });
});
