import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { createRowHeights, rowAt, rowOffsets, rowRange, type SizedRow } from './row-offsets.js';

/** Pixels rendered beyond each edge of the view, so that a scroll shows rows already laid out. */
const OVERSCAN = 400;

/** What {@link useVirtualRows} gives the list to render. */
export interface VirtualRows {
  /** The rows to render: `rows.slice(start, end)`. */
  start: number;
  end: number;
  /** Messages came while the visitor was reading further up: offer to go to the end. */
  unseen: boolean;
  /** Scrolls to the end and stays there as rows come or grow. */
  toEnd(): void;
}

/** A field of a form in the list has the focus: the list does not move under the visitor's typing. */
const editing = (element: HTMLElement): boolean =>
  !!element.querySelector(':is(input,textarea,select):focus');

/** What the list keeps between renders, outside Preact's state: read and written by its listeners. */
const createListState = (rows: readonly SizedRow[], last: string | undefined) => ({
  heights: createRowHeights(56),
  atEnd: true,
  top: 0,
  height: 0,
  lastTop: 0,
  /** The first row measured again since the offsets were computed. */
  dirty: 0,
  guess: 0,
  pin: false,
  last,
  anchor: undefined as { key: string; delta: number } | undefined,
  range: [0, 0] as [number, number],
  offsets: new Float64Array(1) as Float64Array,
  rows,
  toEnd: () => {},
});

type ListState = ReturnType<typeof createListState>;

/**
 * The list's listeners: scrolling (leaving or reaching the end, the row in view, the rows to render),
 * Home and End, and the ResizeObserver measuring the list and its rows as they are rendered.
 */
function listen(
  element: HTMLElement,
  state: ListState,
  setMeasured: (update: (count: number) => number) => void,
  setScrolled: (update: (count: number) => number) => void,
  setUnseen: (unseen: boolean) => void,
): (() => void) | undefined {
  const view = element.ownerDocument.defaultView;
  if (!view) return undefined;
  const rerender = (): void => setScrolled((count) => count + 1);
  state.toEnd = () => {
    state.atEnd = true;
    setUnseen(false);
    rerender();
  };
  const onScroll = (): void => {
    const top = element.scrollTop;
    // Only the visitor scrolls up (growing rows and sticking move it down): that leaves the end.
    if (top < state.lastTop - 1) state.atEnd = false;
    if (element.scrollHeight - top - element.clientHeight < 32) {
      state.atEnd = true;
      setUnseen(false);
    }
    state.lastTop = state.top = top;
    const index = rowAt(state.offsets, top);
    const row = state.rows[index];
    state.anchor = row && { key: row.key, delta: top - (state.offsets[index] ?? 0) };
    const [from, to] = rowRange(state.offsets, top, state.height || element.clientHeight, OVERSCAN);
    if (from !== state.range[0] || to !== state.range[1]) rerender();
  };
  const onKey = (event: KeyboardEvent): void => {
    if (event.target !== element || (event.key !== 'Home' && event.key !== 'End')) return;
    event.preventDefault();
    if (event.key === 'End') state.toEnd();
    else element.scrollTop = 0;
  };
  const observer = view.ResizeObserver
    ? new view.ResizeObserver((entries) => {
        let changed = false;
        for (const { target, borderBoxSize } of entries) {
          const size = borderBoxSize[0]?.blockSize ?? 0;
          if (target === element) {
            state.height = element.clientHeight;
            changed = true;
          } else if (target instanceof view.HTMLElement && target.dataset.key && target.isConnected) {
            const key = target.dataset.key;
            if (!state.heights.set(key, size)) continue;
            changed = true;
            // A rendered row: searched among the rendered ones, from the first.
            const [from, to] = state.range;
            let index = from;
            while (index < to && state.rows[index]?.key !== key) index++;
            state.dirty = Math.min(state.dirty, index < to ? index : 0);
          }
        }
        if (changed) setMeasured((count) => count + 1);
      })
    : undefined;
  // Rows are watched as they are rendered and forgotten as they leave.
  const watch = (nodes: NodeList | HTMLCollection, add: boolean): void => {
    for (const node of nodes)
      if (node instanceof view.Element) add ? observer?.observe(node) : observer?.unobserve(node);
  };
  const rowsChanged = new view.MutationObserver((records) => {
    for (const record of records) {
      watch(record.removedNodes, false);
      watch(record.addedNodes, true);
    }
  });
  observer?.observe(element);
  watch(element.children, true);
  rowsChanged.observe(element, { childList: true });
  element.addEventListener('scroll', onScroll, { passive: true });
  element.addEventListener('keydown', onKey);
  return () => {
    element.removeEventListener('scroll', onScroll);
    element.removeEventListener('keydown', onKey);
    rowsChanged.disconnect();
    observer?.disconnect();
  };
}

/**
 * Virtualizes a scrolling list of rows of different heights: only the rows in view, and {@link OVERSCAN}
 * pixels more on each side, are rendered; the others are padding, their heights measured with a
 * ResizeObserver once rendered (rows carry `data-key`) and cached by key, else estimated. While the
 * visitor is at the end the list stays there as rows come, grow or the list gets shorter; once they
 * scroll up, the first row in view keeps its place when rows are added or measured above it (older
 * history, late measurements) and new messages below set `unseen`. `mine` true for a new last row
 * (the visitor's own message) goes to the end instead. Home and End on the list itself reach the first
 * and the last row.
 *
 * @example
 * ```tsx
 * const list = useRef<HTMLOListElement>(null);
 * const view = useVirtualRows(list, rows, rows.at(-1)?.key, false);
 * return <ol ref={list}>{rows.slice(view.start, view.end).map(renderRow)}</ol>;
 * ```
 */
export function useVirtualRows(
  list: RefObject<HTMLElement | null>,
  rows: readonly SizedRow[],
  last: string | undefined,
  mine: boolean,
): VirtualRows {
  const [measured, setMeasured] = useState(0);
  const [, setScrolled] = useState(0);
  const [unseen, setUnseen] = useState(false);
  const [state] = useState(() => createListState(rows, last));
  const offsets = useMemo(() => {
    // Only from the first row added, removed or measured again (all of them for a new estimate).
    const { rows: old, heights } = state;
    const limit = heights.guess() === state.guess ? Math.min(state.dirty, old.length, rows.length) : 0;
    let same = 0;
    while (same < limit && rows[same]?.key === old[same]?.key && rows[same]?.gap === old[same]?.gap) same++;
    state.dirty = Number.POSITIVE_INFINITY;
    state.guess = heights.guess();
    return rowOffsets(rows, heights, same, state.offsets);
  }, [rows, measured, state]);
  // Rows added or measured above the first one in view: it keeps its place (state.top follows it).
  if (offsets !== state.offsets && !state.atEnd && state.anchor) {
    const { key, delta } = state.anchor;
    const index = rows.findIndex((row) => row.key === key);
    if (index >= 0) {
      state.top = (offsets[index] ?? 0) + delta;
      state.pin = true;
    }
  }
  const total = offsets[rows.length] ?? 0;
  const height = state.height || 600;
  const [start, end] = rowRange(offsets, state.atEnd ? total - height : state.top, height, OVERSCAN);
  state.range = [start, end];
  const above = start > 0 ? (offsets[start] ?? 0) + (rows[start]?.gap ?? 0) : 0;
  const below = total - (offsets[end] ?? total);
  state.offsets = offsets;
  state.rows = rows;

  // A new last row: the visitor's own goes to the end; another's is offered with the pill when they read above.
  if (last !== state.last) {
    if (mine) state.atEnd = true;
    else if (!state.atEnd && last !== undefined && !unseen) setUnseen(true);
    state.last = last;
  }

  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    // The space of the rows not rendered, as margins of the first and last rows (styles.ts), given
    // through CSSOM on the host (no style attribute in the shadow root, as viewport.ts does), before the
    // scroll position that depends on it.
    const holder = ((element.getRootNode() as ShadowRoot).host ?? element) as HTMLElement;
    // Written only when they change: a change restyles the whole widget.
    for (const [name, value] of [
      ['--clavard-above', `${above}px`],
      ['--clavard-below', `${below}px`],
    ] as const)
      if (holder.style.getPropertyValue(name) !== value) holder.style.setProperty(name, value);
    if (state.atEnd) {
      if (!editing(element)) element.scrollTop = element.scrollHeight;
    } else if (state.pin && Math.abs(state.top - element.scrollTop) >= 1) element.scrollTop = state.top;
    state.pin = false;
    state.lastTop = element.scrollTop;
  });

  useEffect(() => {
    const element = list.current;
    return element ? listen(element, state, setMeasured, setScrolled, setUnseen) : undefined;
  }, [list, state]);

  return {
    start,
    end,
    unseen,
    toEnd: () => state.toEnd(),
  };
}
