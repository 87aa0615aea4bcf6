import type { Consent } from '@clavard/protocol';
import type { ChatStorage } from '../headless/index.js';
import type { ConsentOptions } from '../mount-options.js';

// The visitor's consent record: one key, one shape, read and written here for `mount()` (ui/consent-gate.ts)
// and for the script tag's notice (embed/boot-embed.ts), which the panel then finds given.

/** Where a widget keeps the consent: `clavard:<namespace>:consent`, next to the client's `clavard:<namespace>`. */
const keyOf = (namespace: string): string => `clavard:${namespace}:consent`;

/**
 * The consents given on this page that no storage kept (it refused the write, or is blocked, as in a
 * third-party frame), by key: read when the storage has none, so that a consent holds for the page
 * whatever the storage does. The script tag's panel takes this module from `clavard.js`
 * (src/embed/kits.ts): it finds the consent the tag's notice took, instead of asking again.
 */
const thisPage = new Map<string, string>();

/** The record's one shape: the time, the version, and the policy link when there is one. */
const record = (at: string, version: string, policyUrl: unknown): Consent => ({
  at,
  version,
  ...(typeof policyUrl === 'string' ? { policyUrl } : {}),
});

/**
 * The consent the visitor gave earlier for this `version`, from `storage`, or undefined: never given,
 * given to another version, or unreadable.
 *
 * @example
 * ```ts
 * readConsent(storage, 'default', '2026-11'); // { at, version: '2026-11', policyUrl }
 * ```
 */
export function readConsent(storage: ChatStorage, namespace: string, version: string): Consent | undefined {
  try {
    const key = keyOf(namespace);
    // This page's first: it holds only what the storage refused, which may still hold an older consent.
    const value: unknown = JSON.parse(thisPage.get(key) ?? storage.get(key) ?? 'null');
    if (typeof value !== 'object' || value === null) return undefined;
    const { at, version: given, policyUrl } = value as Record<string, unknown>;
    if (typeof at !== 'string' || given !== version) return undefined;
    return record(at, version, policyUrl);
  } catch {
    return undefined;
  }
}

/**
 * The consent the visitor gives now to the notice `options` describes: the time, the version and the
 * policy link, as it goes with the first message.
 *
 * @example
 * ```ts
 * newConsent({ version: '2026-11', policyUrl: 'https://shop.example/privacy' }); // { at: '2026-…', version, policyUrl }
 * ```
 */
export function newConsent(options: ConsentOptions): Consent {
  return record(new Date().toISOString(), options.version, options.policyUrl);
}

/**
 * Keeps `consent` for this page, and in `storage` for the next pages. A storage that refuses is ignored:
 * the consent holds for this page, and is asked again on the next.
 *
 * @example
 * ```ts
 * writeConsent(storage, 'default', newConsent(options));
 * ```
 */
export function writeConsent(storage: ChatStorage, namespace: string, consent: Consent): void {
  const key = keyOf(namespace);
  const text = JSON.stringify(consent);
  try {
    storage.set(key, text);
    if (storage.get(key) === text) {
      thisPage.delete(key);
      return;
    }
  } catch {
    // storage refused: asked again on the next page
  }
  thisPage.set(key, text);
}
