import { describe, expect, it } from 'vitest';
import type { ChatStorage } from '../src/headless/index.js';
import { newConsent, readConsent, writeConsent } from '../src/ui/consent.js';

const keeping = (): ChatStorage => {
  const saved = new Map<string, string>();
  return {
    get: (key) => saved.get(key) ?? null,
    set: (key, value) => saved.set(key, value),
    remove: () => {},
  };
};
/** localStorage blocked (a third-party frame), as the script tag's page storage sees it: nothing kept. */
const refusing = (): ChatStorage => ({ get: () => null, set: () => undefined, remove: () => undefined });
const throwing = (): ChatStorage => ({
  get: () => null,
  set: () => {
    throw new DOMException('blocked', 'SecurityError');
  },
  remove: () => undefined,
});

const options = { version: '2026-11', policyUrl: 'https://shop.example/privacy' };

describe('the consent record', () => {
  it('is read back from the storage that kept it, and only from there', () => {
    const storage = keeping();
    writeConsent(storage, 'kept', newConsent(options));
    expect(readConsent(storage, 'kept', '2026-11')).toMatchObject(options);
    expect(readConsent(keeping(), 'kept', '2026-11')).toBeUndefined();
  });

  it('holds for the page when no storage keeps it: the panel finds what the tag’s notice took', () => {
    writeConsent(refusing(), 'blocked', newConsent(options));
    // The panel reads with a storage of its own (memory, as localStorage is blocked).
    expect(readConsent(keeping(), 'blocked', '2026-11')).toMatchObject(options);
    expect(readConsent(keeping(), 'blocked', '2027-01')).toBeUndefined();
    expect(readConsent(keeping(), 'other', '2026-11')).toBeUndefined();
    writeConsent(throwing(), 'thrown', newConsent(options));
    expect(readConsent(keeping(), 'thrown', '2026-11')).toMatchObject(options);
  });
});
