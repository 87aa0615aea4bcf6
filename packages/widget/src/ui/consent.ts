import type { Consent } from '@clavard/protocol';
import type { ChatStorage } from '../headless/index.js';

/**
 * The consent the visitor gave earlier for this `version`, from `storage` (under `key`), or undefined:
 * never given, given to another version, or unreadable.
 *
 * @example
 * ```ts
 * readConsent(storage, 'clavard:default:consent', '2026-11'); // { at, version: '2026-11', policyUrl }
 * ```
 */
export function readConsent(storage: ChatStorage, key: string, version: string): Consent | undefined {
  try {
    const value: unknown = JSON.parse(storage.get(key) ?? 'null');
    if (typeof value !== 'object' || value === null) return undefined;
    const { at, version: given, policyUrl } = value as Record<string, unknown>;
    if (typeof at !== 'string' || given !== version) return undefined;
    return { at, version, ...(typeof policyUrl === 'string' ? { policyUrl } : {}) };
  } catch {
    return undefined;
  }
}

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
