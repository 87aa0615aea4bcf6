import { describe, expect, it } from 'vitest';
import { createRowHeights, rowAt, rowOffsets, rowRange } from '../src/ui/row-offsets.js';

const rows = (count: number, gap = 12) =>
  Array.from({ length: count }, (_, index) => ({ key: `r${index}`, gap }));

describe('the height cache', () => {
  it('estimates rows not measured yet with the fallback, then with the mean of the measured ones', () => {
    const heights = createRowHeights(56);
    expect(heights.get('a')).toBe(56);
    expect(heights.set('a', 40)).toBe(true);
    expect(heights.set('b', 80)).toBe(true);
    expect(heights.get('a')).toBe(40);
    expect(heights.get('unknown')).toBe(60);
  });

  it('says a height changed only when it moved by half a pixel or more, and keeps the mean right', () => {
    const heights = createRowHeights(56);
    heights.set('a', 40);
    expect(heights.set('a', 40.3)).toBe(false);
    expect(heights.set('a', 100)).toBe(true);
    expect(heights.get('unknown')).toBe(100);
  });
});

describe('row offsets', () => {
  it('puts each row after the one before and its gap, the first with none, the total last', () => {
    const heights = createRowHeights(56);
    heights.set('r0', 40);
    heights.set('r1', 100);
    heights.set('r2', 40);
    const offsets = rowOffsets([...rows(2), { key: 'r2', gap: 4 }], heights);
    expect([...offsets]).toEqual([0, 40, 152, 196]);
  });

  it('finds the row at a height by binary search, clamped to the rows', () => {
    const offsets = rowOffsets(rows(100), createRowHeights(38)); // rows 38 px tall, 12 px apart
    expect(rowAt(offsets, -10)).toBe(0);
    expect(rowAt(offsets, 0)).toBe(0);
    expect(rowAt(offsets, 137)).toBe(2);
    expect(rowAt(offsets, 138)).toBe(3);
    expect(rowAt(offsets, 1e9)).toBe(99);
  });

  it('renders the rows in view and the overscan, in steps of 8 rows, never past the ends', () => {
    const offsets = rowOffsets(rows(100), createRowHeights(38));
    expect(rowRange(offsets, 1000, 500, 200)).toEqual([16, 40]);
    expect(rowRange(offsets, 0, 500, 200)).toEqual([0, 16]);
    expect(rowRange(offsets, 4500, 500, 200)).toEqual([80, 100]);
    expect(rowRange(rowOffsets([], createRowHeights(38)), 0, 500, 200)).toEqual([0, 0]);
  });

  it('computes 10,000 offsets again when one height changes, the rows after it moved by the difference', () => {
    const list = rows(10_000);
    const heights = createRowHeights(56);
    for (const row of list) heights.set(row.key, 38);
    const before = rowOffsets(list, heights);
    heights.set('r5000', 88);
    const after = rowOffsets(list, heights);
    expect(after[5000]).toBe(before[5000]);
    expect(after[5001]).toBe((before[5001] ?? 0) + 50);
    expect(after[10_000]).toBe((before[10_000] ?? 0) + 50);
  });

  it('copies the offsets up to the first row changed and computes the rest, as a full computation would', () => {
    const heights = createRowHeights(56);
    const list = rows(1000);
    for (const row of list) heights.set(row.key, 30 + (row.key.length % 3) * 20);
    const before = rowOffsets(list, heights);
    heights.set('r700', 400);
    const longer = [...list, { key: 'r1000', gap: 4 }];
    expect([...rowOffsets(longer, heights, 700, before)]).toEqual([...rowOffsets(longer, heights)]);
    // Rows computed only after the copied part: a stale one before `from` stays as it was.
    heights.set('r10', 400);
    expect(rowOffsets(longer, heights, 700, before)[11]).toBe(before[11]);
  });

  it('keeps its estimate until the number of measured rows doubles', () => {
    const heights = createRowHeights(56);
    heights.set('a', 40);
    heights.set('b', 80);
    heights.set('c', 120);
    expect(heights.guess()).toBe(60);
    heights.set('d', 160);
    expect(heights.guess()).toBe(100);
  });
});
