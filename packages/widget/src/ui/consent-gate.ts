import type { Consent } from '@clavard/protocol';
import { type ChatStorage, createLocalStorage, createMemoryStorage } from '../headless/index.js';
import type { ResolvedMountOptions } from '../mount-options.js';
import { newConsent, readConsent, writeConsent } from './consent.js';

/** A storage that keeps everything in memory until {@link ConsentGate.allow}, then writes through. */
export interface ConsentGate extends ChatStorage {
  /** Consent given: write what was kept, and everything from now on, to the real storage. */
  allow(): void;
}

/**
 * Wraps `storage` so that nothing reaches it before the visitor consents: reads see only what was
 * written since (in memory), writes stay in memory. After `allow()` it is `storage` itself.
 *
 * @example
 * ```ts
 * const gate = createConsentGate(localStorageAdapter);
 * createChatClient({ transport, storage: gate });
 * agreeButton.onclick = () => gate.allow();
 * ```
 */
export function createConsentGate(storage: ChatStorage): ConsentGate {
  let held: Map<string, string> | undefined = new Map();
  return {
    get: (key) => (held ? (held.get(key) ?? null) : storage.get(key)),
    set(key, value) {
      if (held) held.set(key, value);
      else storage.set(key, value);
    },
    remove(key) {
      if (held) held.delete(key);
      else storage.remove(key);
    },
    allow() {
      if (!held) return;
      const kept = held;
      held = undefined;
      for (const [key, value] of kept) storage.set(key, value);
    },
  };
}

/**
 * A mounted widget's storage and consent: see {@link consentStorage}.
 *
 * @example
 * ```ts
 * const { storage, consent, asking, agree } = consentStorage(config, window);
 * ```
 */
export interface ConsentStorage {
  /** What the chat client stores in (the option as given when no consent is asked). */
  readonly storage: ChatStorage | false | undefined;
  /** The consent given, for the first message; undefined while none is. */
  consent(): Consent | undefined;
  /** Whether the visitor must agree before anything is stored or a connection opened. */
  readonly asking: boolean;
  /** The visitor agrees: record the consent and open the gate. False when there was nothing to agree to. */
  agree(): boolean;
}

/**
 * The storage `mount()` gives its client. With `consent` asked and not given yet for its version, a
 * {@link ConsentGate} over the real storage (`storage: false` → memory; default → localStorage, else
 * memory): nothing is written until the visitor agrees. Otherwise the `storage` option as it is.
 *
 * @example
 * ```ts
 * const gated = consentStorage(config, window);
 * createChatClient({ transport, storage: gated.storage, consent: gated.consent });
 * ```
 */
export function consentStorage(
  config: Pick<ResolvedMountOptions, 'consent' | 'storage' | 'namespace'>,
  view: Window | undefined,
): ConsentStorage {
  const { consent: options, namespace } = config;
  const real =
    options &&
    (config.storage === false
      ? createMemoryStorage()
      : (config.storage ?? createLocalStorage(view) ?? createMemoryStorage()));
  let given = real && readConsent(real, namespace, options.version);
  const gate = real && !given ? createConsentGate(real) : undefined;
  return {
    storage: gate ?? real ?? config.storage,
    consent: () => given,
    asking: gate !== undefined,
    agree() {
      if (!gate || !real || !options) return false;
      given = newConsent(options);
      gate.allow();
      writeConsent(real, namespace, given);
      return true;
    },
  };
}
