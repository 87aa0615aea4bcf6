// @vitest-environment node
import { describe, expect, it } from 'vitest';

describe('server-side import', () => {
  it('imports @clavard/widget without DOM globals, without throwing or touching anything', async () => {
    expect(typeof document).toBe('undefined');
    expect(typeof window).toBe('undefined');
    const before = Object.keys(globalThis).sort();
    const widget = await import('@clavard/widget');
    expect(typeof widget.mount).toBe('function');
    expect(typeof widget.defineClavardElement).toBe('function');
    expect(Object.keys(globalThis).sort()).toEqual(before);
  });
});
