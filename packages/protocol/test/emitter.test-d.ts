import { createEmitter } from '@clavard/protocol/internal';
import { describe, expectTypeOf, it } from 'vitest';

describe('the emitter is typed by a closed event map', () => {
  it('refuses an undeclared event and a wrong payload', () => {
    const events = createEmitter<{ ping: number }>();
    events.emit('ping', 1);
    // @ts-expect-error an event the map does not declare
    events.emit('pong', 1);
    // @ts-expect-error the payload of `ping` is a number
    events.emit('ping', 'one');
    // @ts-expect-error no listener for an undeclared event either
    events.on('pong', () => {});
    events.on('ping', (n) => expectTypeOf(n).toEqualTypeOf<number>());
  });
});
