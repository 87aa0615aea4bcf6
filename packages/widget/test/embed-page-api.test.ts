// @vitest-environment happy-dom
import { ChatError } from '@clavard/protocol';
import { createEmitter } from '@clavard/protocol/internal';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClavardApi } from '../src/embed/embed-api.js';
import { createHub, hook, refuseDuplicate } from '../src/embed/embed-hub.js';
import { PANEL_HOOK } from '../src/embed/kits.js';
import { type SharedPolicy, trustedScriptUrl } from '../src/embed/trusted-script-url.js';
import type { OpenOptions, WidgetEvents, WidgetHandle } from '../src/widget-handle.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A mounted widget's handle that records `open` and emits what the test asks. */
function fakeHandle() {
  const events = createEmitter<WidgetEvents>();
  const opened: Array<OpenOptions | undefined> = [];
  let unread = 0;
  const handle = {
    open: (options?: OpenOptions) => opened.push(options),
    on: (name: keyof WidgetEvents, listener: (payload: unknown) => void) => events.on(name, listener),
    get unread() {
      return unread;
    },
  } as unknown as WidgetHandle;
  const setUnread = (count: number): void => {
    unread = count;
    events.emit('unread', count);
  };
  return { handle, opened, setUnread };
}

describe('window.Clavard, the page API', () => {
  it('says the unread count (0 before the widget is there) and forwards the unread event', () => {
    const controller = createClavardApi();
    const { handle, setUnread } = fakeHandle();
    const counts: number[] = [];
    controller.api.on('unread', (count) => counts.push(count));
    expect(controller.api.unread).toBe(0);
    controller.attach(handle);
    setUnread(3);
    expect(controller.api.unread).toBe(3);
    setUnread(0);
    expect(counts).toEqual([3, 0]);
  });

  it('passes open({ message }) to the widget, from a call or from the queue', () => {
    const demand = vi.fn();
    const controller = createClavardApi({ demand });
    controller.replay([['open', { message: 'About my bill: ' }]]);
    expect(demand).toHaveBeenCalledOnce();
    const { handle, opened } = fakeHandle();
    controller.attach(handle);
    controller.api.open({ message: 'Hello' });
    expect(opened).toEqual([{ message: 'About my bill: ' }, { message: 'Hello' }]);
  });

  it('finds the widget of another namespace through get()', () => {
    const billing = createClavardApi();
    const first = createClavardApi({ get: (name) => (name === 'billing' ? billing.api : undefined) });
    expect(first.api.get('billing')).toBe(billing.api);
    expect(first.api.get('sales')).toBeUndefined();
  });
});

describe('the page hub of several script tags', () => {
  it('refuses a second tag for a namespace with one invalid-option ChatError, in the console and on(error)', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const controller = createClavardApi();
    const hub = createHub(window, controller.api);
    hub.widgets.set('default', controller);
    const errors: unknown[] = [];
    controller.api.on('error', (error) => errors.push(error));
    expect(refuseDuplicate(hub, 'billing')).toBe(false);
    expect(refuseDuplicate(hub, 'default')).toBe(true);
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(ChatError.isInstance(error) && error.code).toBe('invalid-option');
    expect(String((error as Error).message)).toContain('data-namespace="default"');
    expect(logged).toHaveBeenCalledWith(error);
  });

  it("hands a later file's factory only to the widgets that load that file", () => {
    const controller = createClavardApi();
    const hub = createHub(window, controller.api);
    const taken: string[] = [];
    const english = hook<() => void>(hub, PANEL_HOOK);
    const french = hook<() => void>(hub, PANEL_HOOK);
    english(
      () => taken.push('en'),
      () => 'https://cdn.example/clavard-panel.js',
    );
    french(
      () => taken.push('fr'),
      () => 'https://cdn.example/clavard-panel.fr.js',
    );
    const script = document.createElement('script');
    script.src = 'https://cdn.example/clavard-panel.fr.js';
    vi.spyOn(document, 'currentScript', 'get').mockReturnValue(script);
    const give = Reflect.get(controller.api, PANEL_HOOK) as (factory: unknown) => void;
    give(() => undefined);
    give('not a factory');
    expect(taken).toEqual(['fr']);
  });
});

describe("the page's one Trusted Types policy", () => {
  it('is created once for every tag, and accepts their files and nothing else', () => {
    const created: string[] = [];
    const view = {
      trustedTypes: {
        createPolicy: (name: string, rules: { createScriptURL(input: string): string }) => {
          created.push(name);
          return { createScriptURL: (input: string) => `trusted:${rules.createScriptURL(input)}` };
        },
      },
    } as unknown as Window;
    const shared: SharedPolicy = { urls: [] };
    const first = trustedScriptUrl(view, ['https://cdn.example/clavard-panel.js'], shared);
    const second = trustedScriptUrl(view, ['https://cdn.example/clavard-panel.fr.js'], shared);
    expect(first('https://cdn.example/clavard-panel.js')).toBe(
      'trusted:https://cdn.example/clavard-panel.js',
    );
    expect(second('https://cdn.example/clavard-panel.fr.js')).toBe(
      'trusted:https://cdn.example/clavard-panel.fr.js',
    );
    expect(() => second('https://evil.example/x.js')).toThrow(TypeError);
    expect(created).toEqual(['clavard']);
  });
});
