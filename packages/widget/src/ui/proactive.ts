import { effect, type ReadonlySignal, type Signal, signal, untracked } from '@preact/signals-core';
import type { ChatStorage } from '../headless/index.js';
import { createLocalStorage, createMemoryStorage } from '../headless/storage.js';
import type { ResolvedProactiveRule } from '../proactive-options.js';
import { createShownRecord, rulesFor } from './proactive-rules.js';

/**
 * The payload of the `proactive.shown` and `proactive.clicked` events.
 *
 * @example
 * ```ts
 * widget.on('proactive.clicked', ({ ruleId }: ProactiveEvent) => analytics.track('proactive', ruleId));
 * ```
 */
export interface ProactiveEvent {
  ruleId: string;
}

/**
 * What {@link startProactive} needs: the rules, the page, the widget's state, and where to report.
 *
 * @example
 * ```ts
 * const options: ProactiveOptions = { rules, pathname: location.pathname, storage, namespace: 'default',
 *   open: model.open, online, announce: model.announce, emit };
 * ```
 */
export interface ProactiveOptions {
  rules: readonly ResolvedProactiveRule[];
  /** The page's `location.pathname`. */
  pathname: string;
  /** Where the once-a-day record is kept (the widget's storage, behind the consent gate). */
  storage: ChatStorage;
  namespace: string;
  /** Whether the panel is open: the bubble never shows then, and opening it drops every rule. */
  open: Signal<boolean>;
  /** Whether an agent is known to be online (unknown counts as offline). */
  online: ReadonlySignal<boolean>;
  /** Tells screen-reader users (the widget's polite live region). */
  announce(text: string): void;
  emit(name: 'proactive.shown' | 'proactive.clicked', event: ProactiveEvent): void;
  /** @default Date.now */
  now?: () => number;
}

/**
 * The proactive messages of one mounted widget: the bubble shown, if any, and what the visitor does with it.
 *
 * @example
 * ```ts
 * const proactive = startProactive(options);
 * proactive.bubble.value?.text; // 'Questions about our plans?'
 * ```
 */
export interface Proactive {
  /** The rule whose bubble is shown now. */
  readonly bubble: ReadonlySignal<ResolvedProactiveRule | undefined>;
  /** The visitor clicked the bubble: the panel opens, `proactive.clicked` is emitted. */
  click(): void;
  /** The visitor dismissed the bubble. */
  dismiss(): void;
  /** Stop every timer and hide the bubble (unmount); with `forget`, also forget the record (shutdown). */
  stop(forget?: boolean): void;
}

/**
 * Starts the timers of the rules that apply to `pathname` and were not shown today. A rule whose time
 * has come is due; the first due rule shows as soon as the panel is closed and an agent is online (or
 * the rule says `whenOffline`): the bubble appears, its text is announced politely, the day is recorded
 * and `proactive.shown` emitted. One bubble per page view at most, and none once the visitor has opened
 * the panel (they found the chat already).
 *
 * @example
 * ```ts
 * const proactive = startProactive({ rules, pathname: location.pathname, storage, namespace, open, online, announce, emit });
 * cleanup.add(() => proactive.stop());
 * ```
 */
export function startProactive(options: ProactiveOptions): Proactive {
  const { open, online, emit } = options;
  const now = options.now ?? Date.now;
  const record = createShownRecord(options.storage, options.namespace);
  const bubble = signal<ResolvedProactiveRule | undefined>(undefined);
  const due: ResolvedProactiveRule[] = [];
  let done = false;
  const timers = rulesFor(options.rules, options.pathname, record, now()).map((rule) =>
    setTimeout(() => {
      due.push(rule);
      tryShow();
    }, rule.afterSeconds * 1000),
  );
  const finish = (): void => {
    done = true;
    for (const timer of timers) clearTimeout(timer);
    bubble.value = undefined;
  };
  function tryShow(): void {
    if (done) return;
    // Another tab may have shown a rule since this page loaded: the next one may still show.
    const rule = due.find(
      (candidate) => (candidate.whenOffline || online.peek()) && !record.shownToday(candidate.id, now()),
    );
    if (!rule) return;
    done = true;
    for (const timer of timers) clearTimeout(timer);
    record.remember(rule.id, now());
    bubble.value = rule;
    options.announce(rule.text);
    emit('proactive.shown', { ruleId: rule.id });
  }
  const stopWatching = effect(() => {
    const isOpen = open.value;
    // Read to re-check when an agent comes online.
    void online.value;
    if (isOpen) finish();
    else untracked(tryShow);
  });
  return {
    bubble,
    click() {
      const rule = bubble.peek();
      if (!rule) return;
      bubble.value = undefined;
      emit('proactive.clicked', { ruleId: rule.id });
      open.value = true;
    },
    dismiss() {
      bubble.value = undefined;
    },
    stop(forget = false) {
      finish();
      stopWatching();
      if (forget) record.clear();
    },
  };
}

/**
 * Where the once-a-day record of proactive messages is kept: the storage the chat client is given (the
 * consent gate while consent is asked), `false` → memory (once per page view), by default localStorage,
 * else memory.
 *
 * @example
 * ```ts
 * proactiveStorage(gated.storage, window);
 * ```
 */
export function proactiveStorage(
  option: ChatStorage | false | undefined,
  view: Window | undefined,
): ChatStorage {
  if (option === false) return createMemoryStorage();
  return option ?? createLocalStorage(view) ?? createMemoryStorage();
}
