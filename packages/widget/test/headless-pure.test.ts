import { backoffDelay } from '@clavard/widget/headless';
import { describe, expect, it, vi } from 'vitest';

describe('backoffDelay', () => {
  it('stays within [0, min(30 s, 1 s · 2^n)] for every attempt', () => {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const cap = Math.min(30_000, 1000 * 2 ** attempt);
      expect(backoffDelay(attempt, () => 0)).toBe(0);
      const high = backoffDelay(attempt, () => 0.999_999);
      expect(high).toBeLessThanOrEqual(cap);
      expect(high).toBeGreaterThan(cap * 0.99);
    }
  });

  it('uses the injected random for full jitter', () => {
    const random = vi.fn(() => 0.5);
    expect(backoffDelay(2, random)).toBe(2000);
    expect(random).toHaveBeenCalledOnce();
  });
});
