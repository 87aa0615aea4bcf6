import { computed } from '@preact/signals-core';
import type { ChatClient, ChatStorage } from '../headless/index.js';
import type { ResolvedProactiveRule } from '../proactive-options.js';
import type { Cleanup } from './cleanup.js';
import { type Proactive, proactiveStorage, startProactive } from './proactive.js';
import type { WidgetModel } from './widget-model.js';

/**
 * The proactive messages of a widget on this page (part of the extras, loaded only when there are rules):
 * their once-a-day record in the client's storage (behind the consent gate: nothing is written before
 * consent), stopped on unmount, and on shutdown (which also forgets the record).
 *
 * @example
 * ```ts
 * const proactive = attachProactive('default', rules, { client, model, storage, view }, emit, cleanup);
 * ```
 */
export function attachProactive(
  namespace: string,
  rules: readonly ResolvedProactiveRule[],
  parts: {
    client: ChatClient;
    model: WidgetModel;
    storage: ChatStorage | false | undefined;
    view: Window | null;
  },
  emit: (name: 'proactive.shown' | 'proactive.clicked', event: { ruleId: string }) => void,
  cleanup: Cleanup,
): Proactive {
  const { client, model, view } = parts;
  const proactive = startProactive({
    rules,
    pathname: view?.location.pathname ?? '/',
    storage: proactiveStorage(parts.storage, view ?? undefined),
    namespace,
    open: model.open,
    online: computed(() => client.availability.value?.online === true),
    announce: model.announce,
    emit,
  });
  const off = client.on('shutdown', () => proactive.stop(true));
  cleanup.add(() => {
    off();
    proactive.stop();
  });
  return proactive;
}
