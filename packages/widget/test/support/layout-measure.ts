/**
 * Layout checks that run in the page (bundled into the layout test page by esbuild): they read bounding
 * boxes, scroll sizes and line boxes from the browser's layout, never pixels. Each problem is one line of
 * text naming the element, so a failing test says what broke where.
 */

/** What a problem's element is: `tag.class "its text…"`. */
function describe(element: Element): string {
  const name = `${element.tagName.toLowerCase()}${element.classList.length > 0 ? `.${[...element.classList].join('.')}` : ''}`;
  const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
  return `${name} "${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
}

/** Inside a visually hidden element (`.sr`) or an SVG: not laid out as text the visitor reads. */
const hiddenText = (element: Element): boolean => element.closest('.sr, svg') !== null;

/** Laid out at all (not `display: none`, not inside a closed `<details>`). */
const rendered = (element: Element): boolean => element.getClientRects().length > 0;

/** Truncated on purpose: an ellipsis (one line, or clamped lines), with the whole text in `title`. */
const ellipsised = (element: Element, style: CSSStyleDeclaration): boolean =>
  (style.textOverflow === 'ellipsis' || style.getPropertyValue('-webkit-line-clamp') !== 'none') &&
  (element.getAttribute('title') ?? '') !== '';

const FORM_CONTROLS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/**
 * Content wider than its box (cut, or spilling over its neighbours), and content cut at the bottom of a
 * box that hides its overflow. Scroll containers may scroll vertically (the message list does), never
 * sideways.
 */
function overflowProblems(element: HTMLElement, style: CSSStyleDeclaration): string[] {
  if (FORM_CONTROLS.has(element.tagName) || element.clientWidth === 0) return [];
  const problems: string[] = [];
  const cut = ellipsised(element, style);
  if (element.scrollWidth > element.clientWidth + 1 && !cut)
    problems.push(
      `${describe(element)}: content ${element.scrollWidth}px wide in a ${element.clientWidth}px box`,
    );
  const hides = style.overflowY === 'hidden' || style.overflowY === 'clip';
  if (hides && !cut && element.scrollHeight > element.clientHeight + 1)
    problems.push(
      `${describe(element)}: content ${element.scrollHeight}px tall cut to ${element.clientHeight}px`,
    );
  return problems;
}

/**
 * The box of a button's label: its contents, except that a part cut with an ellipsis (the launcher's
 * label) counts by its own box, since the text it hides runs on past it.
 */
function labelBox(button: HTMLElement): DOMRect {
  const view = button.ownerDocument.defaultView as Window;
  const range = button.ownerDocument.createRange();
  let box: DOMRect | undefined;
  for (const child of button.childNodes) {
    const cut = child instanceof HTMLElement && ellipsised(child, view.getComputedStyle(child));
    if (!cut) range.selectNodeContents(child);
    const rect = cut ? child.getBoundingClientRect() : range.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    if (!box) box = rect;
    else {
      const left = Math.min(box.left, rect.left);
      const top = Math.min(box.top, rect.top);
      box = new DOMRect(
        left,
        top,
        Math.max(box.right, rect.right) - left,
        Math.max(box.bottom, rect.bottom) - top,
      );
    }
  }
  return box ?? new DOMRect();
}

/** A button whose label does not fit inside it. */
function buttonProblems(button: HTMLElement): string[] {
  const label = labelBox(button);
  const box = button.getBoundingClientRect();
  if (label.width === 0) return [];
  const outside =
    label.left < box.left - 1 ||
    label.right > box.right + 1 ||
    label.top < box.top - 1 ||
    label.bottom > box.bottom + 1;
  return outside
    ? [`${describe(button)}: label ${Math.round(label.width)}px wide, button ${Math.round(box.width)}px`]
    : [];
}

/** The words of a text, each with where it starts; a word may break only after its hyphen or slash. */
const WORD = /[^\s\-‐–—/]+[-‐–—/]?/g;

/** How many lines the rects of a range sit on. */
function lineCount(rects: DOMRectList): number {
  const tops: number[] = [];
  for (const rect of rects) {
    if (rect.width === 0 || rect.height === 0) continue;
    if (!tops.some((top) => Math.abs(top - rect.top) < rect.height / 2)) tops.push(rect.top);
  }
  return tops.length;
}

/** Words broken across lines inside one text node. */
function brokenWords(node: Text): string[] {
  const text = node.data;
  const range = node.ownerDocument.createRange();
  const problems: string[] = [];
  for (const match of text.matchAll(WORD)) {
    range.setStart(node, match.index);
    range.setEnd(node, match.index + match[0].length);
    const lines = lineCount(range.getClientRects());
    if (lines > 1)
      problems.push(`${describe(node.parentElement as Element)}: "${match[0]}" broken over ${lines} lines`);
  }
  return problems;
}

/**
 * Every layout problem in `root` (the widget's shadow root): words broken inside, content wider than
 * its box (unless truncated with an ellipsis and a `title`), content cut at the bottom, button labels
 * outside their button, widget boxes outside the viewport, and a launcher without its 16 px margins.
 *
 * @example
 * ```ts
 * const problems = layoutProblems(host.shadowRoot); // [] when the layout holds
 * ```
 */
export function layoutProblems(root: ShadowRoot): string[] {
  const problems: string[] = [];
  const view = root.ownerDocument.defaultView as Window;
  for (const element of root.querySelectorAll<HTMLElement>('*')) {
    if (!rendered(element) || hiddenText(element)) continue;
    const style = view.getComputedStyle(element);
    problems.push(...overflowProblems(element, style));
    if (element.tagName === 'BUTTON') problems.push(...buttonProblems(element));
    const box = element.getBoundingClientRect();
    if (
      ['panel', 'launcher', 'proactive'].some((name) => element.classList.contains(name)) &&
      (box.left < 0 || box.top < 0 || box.right > view.innerWidth || box.bottom > view.innerHeight)
    )
      problems.push(`${describe(element)}: outside the ${view.innerWidth}×${view.innerHeight} viewport`);
    // The launcher keeps its 16 px margin on both sides, however long its label.
    if (element.classList.contains('launcher') && (box.left < 15 || box.right > view.innerWidth - 15))
      problems.push(`${describe(element)}: within 16 px of the ${view.innerWidth} px screen's edge`);
  }
  // The proactive bubble sits above the launcher, never over it.
  const bubble = root.querySelector('.proactive')?.getBoundingClientRect();
  const launcher = root.querySelector('.launcher')?.getBoundingClientRect();
  if (bubble && launcher && bubble.bottom > launcher.top && bubble.height > 0)
    problems.push('.proactive: over the launcher');
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !rendered(parent) || hiddenText(parent) || FORM_CONTROLS.has(parent.tagName)) continue;
    problems.push(...brokenWords(node as Text));
  }
  return problems;
}
