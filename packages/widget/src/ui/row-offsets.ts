/** What the offsets need of a row: its key (its height is cached by it) and the space above it. */
export interface SizedRow {
  key: string;
  /** Pixels between this row and the one before (the list's gap, less for a message that continues a group). */
  gap: number;
}

/**
 * Row heights measured in the browser, by row key, and the estimate for rows not measured yet: the
 * mean of the measured ones (or `fallback` before any), brought up to date each time the number of
 * measured rows doubles, since a new estimate moves every offset after the first row not measured.
 *
 * @example
 * ```ts
 * const heights = createRowHeights(56);
 * heights.set('e:12', 80); // true: it changed
 * heights.get('e:13'); // 80, the mean so far
 * ```
 */
export function createRowHeights(fallback: number) {
  const sizes = new Map<string, number>();
  let sum = 0;
  let guess = fallback;
  return {
    /** The row's measured height, else the estimate. */
    get: (key: string): number => sizes.get(key) ?? guess,
    /** The estimate for rows not measured yet. */
    guess: (): number => guess,
    /** Caches a measured height; true when it differs from the cached one by half a pixel or more. */
    set(key: string, height: number): boolean {
      const old = sizes.get(key);
      if (old !== undefined && Math.abs(old - height) < 0.5) return false;
      sum += height - (old ?? 0);
      sizes.set(key, height);
      if (!(sizes.size & (sizes.size - 1))) guess = sum / sizes.size;
      return true;
    },
  };
}

/** The height cache {@link createRowHeights} returns. */
export type RowHeights = ReturnType<typeof createRowHeights>;

/**
 * The top of every row in the list's content, its gap included (`offsets[i]` is where the space above
 * row `i` starts), and the content's height last (`offsets[rows.length]`). The first row has no gap.
 * Given the `previous` offsets, those up to row `from` (whose rows and heights are unchanged) are copied.
 *
 * @example
 * ```ts
 * rowOffsets([{ key: 'a', gap: 12 }, { key: 'b', gap: 4 }], heights); // [0, 40, 84] with 40 px rows
 * ```
 */
export function rowOffsets(
  rows: readonly SizedRow[],
  heights: RowHeights,
  from = 0,
  previous?: Float64Array,
): Float64Array {
  const offsets = new Float64Array(rows.length + 1);
  const start = previous ? Math.min(from, previous.length - 1, rows.length) : 0;
  if (previous) offsets.set(previous.subarray(0, start + 1));
  let top = offsets[start] ?? 0;
  for (let index = start; index < rows.length; index++) {
    const row = rows[index] as SizedRow;
    offsets[index] = top;
    top += (index ? row.gap : 0) + heights.get(row.key);
  }
  offsets[rows.length] = top;
  return offsets;
}

/** The first index whose offset is above `y` or at it (binary search; 0 for a `y` above the first). */
export function rowAt(offsets: Float64Array, y: number): number {
  let low = 0;
  let high = offsets.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((offsets[middle] ?? 0) <= y) low = middle;
    else high = middle - 1;
  }
  return Math.max(0, low);
}

/** The edges of {@link rowRange} move by this many rows at a time. */
const STEP = 8;

/**
 * The rows to render for a view of the content from `top`, `height` pixels tall, with `overscan` pixels
 * more on each side, widened to multiples of 8 rows: `[start, end)`.
 *
 * @example
 * ```ts
 * rowRange(offsets, 1200, 600, 300); // [16, 40]
 * ```
 */
export function rowRange(
  offsets: Float64Array,
  top: number,
  height: number,
  overscan: number,
): [number, number] {
  const count = offsets.length - 1;
  if (count <= 0) return [0, 0];
  // In steps of STEP rows, so that a row appended at the end (or scrolled by) most often moves neither
  // edge: the space standing for the rows left out stays as it is.
  const start = rowAt(offsets, top - overscan);
  const end = rowAt(offsets, top + height + overscan) + 1;
  return [start - (start % STEP), Math.min(count, end + ((STEP - (end % STEP)) % STEP))];
}
