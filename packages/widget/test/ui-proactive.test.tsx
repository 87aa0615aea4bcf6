// @vitest-environment happy-dom
// @vitest-environment-options { "url": "https://shop.example/plans/fibre" }
import type { ChatStorage } from '@clavard/widget/headless';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStorage } from '../src/headless/index.js';
import type { ProactiveRule } from '../src/mount-options.js';
import { createShownRecord } from '../src/ui/proactive-rules.js';
import { createFakeTransport } from './support/fake-transport.js';
import { type Harness, mountWidget, press } from './support/ui-harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const plans: ProactiveRule = {
  id: 'plans',
  text: { en: 'Questions about our plans? Julie is online', fr: 'Une question sur nos forfaits?' },
  afterSeconds: 30,
  path: '/plans/*',
};
const noon = new Date(2026, 11, 5, 12).getTime();

/** Mounts with `rules` at noon, records the widget's proactive events; `wait` seconds pass. */
async function mountRules(
  rules: ProactiveRule[],
  options: Parameters<typeof mountWidget>[0] = {},
  online = true,
) {
  vi.useFakeTimers({ now: noon });
  h = await mountWidget({ proactive: rules, ...options }, { availability: { online } });
  const events: string[] = [];
  h.widget.on('proactive.shown', ({ ruleId }) => events.push(`shown ${ruleId}`));
  h.widget.on('proactive.clicked', ({ ruleId }) => events.push(`clicked ${ruleId}`));
  const harness = h;
  const wait = (seconds: number) => harness.step(() => vi.advanceTimersByTimeAsync(seconds * 1000));
  return { h: harness, events, wait };
}

describe('proactive messages', () => {
  it('makes mount() refuse a wrong rule, naming it, and leave nothing on the page', async () => {
    const { mount } = await import('@clavard/widget');
    const before = document.querySelectorAll('clavard-widget').length;
    expect(() =>
      mount({
        transport: createFakeTransport(),
        brand: { name: 'Fibre Nord' },
        proactive: [{ ...plans, afterSeconds: -1 }],
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'invalid-option',
        message: expect.stringContaining('"proactive[0].afterSeconds"'),
      }),
    );
    expect(document.querySelectorAll('clavard-widget')).toHaveLength(before);
  });

  it('shows the rule of the page after its delay, announces it politely and emits proactive.shown', async () => {
    const { h, events, wait } = await mountRules([plans]);
    await wait(29);
    expect(h.all('.proactive')).toHaveLength(0);
    await wait(1);
    const text = h.get('.proactive-text');
    expect(text.textContent).toBe('Questions about our plans? Julie is online');
    expect(text.tagName).toBe('BUTTON');
    expect(text.getAttribute('dir')).toBe('auto');
    expect(h.get('[aria-live="polite"]').textContent).toContain('Questions about our plans? Julie is online');
    expect(events).toEqual(['shown plans']);
  });

  it('stays away from a page the path does not match', async () => {
    const { h, events, wait } = await mountRules([{ ...plans, path: '/support/*' }]);
    await wait(60);
    expect(h.all('.proactive')).toHaveLength(0);
    expect(events).toEqual([]);
  });

  it('shows a rule once a day: not on the next page view the same day, again the next day', async () => {
    const storage = createMemoryStorage();
    let run = await mountRules([plans], { storage });
    await run.wait(30);
    expect(run.events).toEqual(['shown plans']);
    run.h.dispose();
    run = await mountRules([plans], { storage });
    await run.wait(60);
    expect(run.h.all('.proactive')).toHaveLength(0);
    run.h.dispose();
    vi.useFakeTimers({ now: new Date(2026, 11, 6, 8).getTime() });
    h = await mountWidget({ proactive: [plans], storage });
    await h.step(() => vi.advanceTimersByTimeAsync(30_000));
    expect(h.all('.proactive')).toHaveLength(1);
  });

  it('passes over a rule another tab has just shown to the next one due', async () => {
    const storage = createMemoryStorage();
    const later: ProactiveRule = { id: 'later', text: 'Still comparing? Julie can help.', afterSeconds: 30 };
    const run = await mountRules([plans, later], { storage });
    await run.wait(15);
    // Another tab of the same site shows "plans" meanwhile, in the same record.
    createShownRecord(storage, 'default').remember('plans', Date.now());
    await run.wait(15);
    expect(run.h.get('.proactive-text').textContent).toBe('Still comparing? Julie can help.');
    expect(run.events).toEqual(['shown later']);
  });

  it('never shows while the panel is open, and hides when the panel opens', async () => {
    let run = await mountRules([plans], { open: true });
    await run.wait(60);
    expect(run.h.all('.proactive')).toHaveLength(0);
    run.h.dispose();
    run = await mountRules([plans]);
    await run.wait(30);
    expect(run.h.all('.proactive')).toHaveLength(1);
    await run.h.step(() => run.h.widget.open());
    expect(run.h.all('.proactive')).toHaveLength(0);
    await run.h.step(() => run.h.widget.close());
    expect(run.h.all('.proactive')).toHaveLength(0);
  });

  it('waits for an agent to be online unless the rule says whenOffline', async () => {
    const run = await mountRules(
      [plans, { id: 'away', text: 'Leave us a message', afterSeconds: 40, whenOffline: true }],
      {},
      false,
    );
    await run.wait(35);
    expect(run.h.all('.proactive')).toHaveLength(0);
    await run.wait(5);
    expect(run.h.get('.proactive-text').textContent).toBe('Leave us a message');
    expect(run.events).toEqual(['shown away']);
  });

  it('shows a due rule as soon as an agent comes online', async () => {
    const run = await mountRules([plans], {}, false);
    await run.wait(60);
    expect(run.h.all('.proactive')).toHaveLength(0);
    await run.h.step(() => run.h.server.setAvailability({ online: true }));
    expect(run.events).toEqual(['shown plans']);
  });

  it('opens the panel when clicked and emits proactive.clicked', async () => {
    const run = await mountRules([plans]);
    await run.wait(30);
    await run.h.step(() => run.h.get('.proactive-text').click());
    expect(run.h.all('[role="dialog"]')).toHaveLength(1);
    expect(run.h.all('.proactive')).toHaveLength(0);
    expect(run.events).toEqual(['shown plans', 'clicked plans']);
  });

  it('is dismissed by its close button (named) or Escape, and the launcher takes the focus', async () => {
    let run = await mountRules([plans]);
    await run.wait(30);
    const close = run.h.get('.proactive-close');
    expect(close.getAttribute('aria-label')).toBe('Dismiss message');
    close.focus();
    await run.h.step(() => close.click());
    expect(run.h.all('.proactive')).toHaveLength(0);
    expect(run.h.root.activeElement).toBe(run.h.get('.launcher'));
    expect(run.h.all('[role="dialog"]')).toHaveLength(0);
    run.h.dispose();
    run = await mountRules([plans]);
    await run.wait(30);
    run.h.get('.proactive-text').focus();
    await run.h.step(() => press(run.h.get('.proactive-text'), 'Escape'));
    expect(run.h.all('.proactive')).toHaveLength(0);
    expect(run.h.root.activeElement).toBe(run.h.get('.launcher'));
    expect(run.events).toEqual(['shown plans']);
  });

  it('clears its timers on unmount and on shutdown (which forgets the record)', async () => {
    const storage = createMemoryStorage();
    let run = await mountRules([plans], { storage });
    run.h.widget.unmount();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(storage.get('clavard:default:proactive')).toBeNull();
    run.h.server.dispose();
    run = await mountRules([plans, { ...plans, id: 'later', afterSeconds: 90 }], { storage });
    await run.wait(30);
    expect(storage.get('clavard:default:proactive')).not.toBeNull();
    await run.h.step(() => run.h.widget.shutdown());
    expect(run.h.all('.proactive')).toHaveLength(0);
    expect(storage.get('clavard:default:proactive')).toBeNull();
    await run.wait(120);
    expect(run.h.all('.proactive')).toHaveLength(0);
    expect(run.events).toEqual(['shown plans']);
  });

  it('before consent: writes nothing, does not connect, and shows only whenOffline rules', async () => {
    const storage: ChatStorage & { writes: string[] } = { ...createMemoryStorage(), writes: [] };
    const set = storage.set;
    storage.set = (key, value) => {
      storage.writes.push(key);
      set(key, value);
    };
    const consent = { version: '2026-11' };
    const rules = [plans, { id: 'away', text: 'Leave us a message', afterSeconds: 40, whenOffline: true }];
    const run = await mountRules(rules, { storage, consent });
    await run.wait(40);
    expect(run.h.widget.client.status.value).toBe('idle');
    expect(run.events).toEqual(['shown away']);
    expect(storage.writes).toEqual([]);
  });
});
