// @vitest-environment happy-dom
import type { AnalyticsEvent } from '@clavard/widget';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tick } from './support/survey.js';
import { type Harness, julie, marc, mountWidget } from './support/ui-harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

describe('analytics events', () => {
  it('reports the start, the wait in queue, the first response, the handling time, resolution and rating, once each', async () => {
    h = await mountWidget({ open: true });
    const events: AnalyticsEvent[] = [];
    h.widget.on('analytics', (event) => events.push(event));
    await h.step(() => h?.widget.send('Hello'));
    const id = h.widget.client.conversation.value?.id ?? '';
    await h.step(() => vi.advanceTimersByTimeAsync(30_000));
    await h.step(() => h?.server.agents.join(id, julie));
    await h.step(() => vi.advanceTimersByTimeAsync(15_000));
    await h.step(() => h?.server.agents.send(id, julie.id, 'Hi, Julie here'));
    await h.step(() => h?.server.agents.send(id, julie.id, 'Let me check.'));
    await h.step(() => vi.advanceTimersByTimeAsync(60_000));
    await h.step(() => h?.server.agents.end(id, 'Goodbye'));
    tick(h, 'Yes');
    tick(h, '4 – Good');
    await h.step(() => h?.get<HTMLButtonElement>('.end .form-submit').click());

    expect(events.map((event) => event.name)).toEqual([
      'conversation-started',
      'queue-wait',
      'first-response',
      'handling-time',
      'resolved',
      'rating',
    ]);
    const ms = Object.fromEntries(events.flatMap((event) => ('ms' in event ? [[event.name, event.ms]] : [])));
    // The memory server's clock is the fake one; each step adds its own 20 ms.
    expect(ms['queue-wait']).toBeGreaterThanOrEqual(30_000);
    expect(ms['queue-wait']).toBeLessThan(31_000);
    expect(ms['first-response']).toBeGreaterThanOrEqual(45_000);
    expect(ms['first-response']).toBeLessThan(46_000);
    expect(ms['handling-time']).toBeGreaterThanOrEqual(75_000);
    expect(ms['handling-time']).toBeLessThan(76_000);
    expect(events.at(-2)).toEqual({ name: 'resolved', conversationId: id, solved: true, firstContact: true });
    expect(events.at(-1)).toEqual({ name: 'rating', conversationId: id, score: 4 });
    expect(JSON.stringify(events)).not.toContain('Hello');
  });

  it('does not count a solved conversation that was transferred as resolved on first contact', async () => {
    h = await mountWidget({ open: true });
    const events: AnalyticsEvent[] = [];
    h.widget.on('analytics', (event) => events.push(event));
    const id = await h.startConversation(julie);
    await h.step(() => h?.server.agents.transfer(id, marc));
    await h.step(() => h?.server.agents.end(id, 'Bye'));
    tick(h, 'Yes');
    await h.step(() => h?.get<HTMLButtonElement>('.end .form-submit').click());
    expect(events.find((event) => event.name === 'resolved')).toEqual({
      name: 'resolved',
      conversationId: id,
      solved: true,
      firstContact: false,
    });
  });
});
