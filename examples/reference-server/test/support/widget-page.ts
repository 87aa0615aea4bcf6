// The demo store's widget, driven and checked from the test (e2e-widget-files.test.ts): a file pasted or
// dropped as a visitor would, axe-core and the layout test's measure on the widget, the focus in its
// shadow root, uploads held on their way.

import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';

/**
 * The visitor pastes a PNG into the composer, as from the clipboard.
 *
 * @example
 * ```ts
 * await pasteImage(page, png, 'screenshot.png');
 * ```
 */
export async function pasteImage(page: Page, bytes: Uint8Array, name: string): Promise<void> {
  await page.evaluate(
    ({ data, fileName }) => {
      const host = document.querySelector('clavard-widget');
      const textarea = host?.shadowRoot?.querySelector('textarea');
      const transfer = new DataTransfer();
      transfer.items.add(
        new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], fileName, { type: 'image/png' }),
      );
      textarea?.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
      );
    },
    { data: Buffer.from(bytes).toString('base64'), fileName: name },
  );
}

/**
 * The visitor drags a PNG over the panel (the drop zone shows, with its text), then drops it.
 *
 * @example
 * ```ts
 * expect(await dropImage(page, png, 'dropped.png')).toBe('"Drop files to send them"');
 * ```
 */
export async function dropImage(page: Page, bytes: Uint8Array, name: string): Promise<string> {
  return page.evaluate(
    ({ data, fileName }) => {
      const panel = document.querySelector('clavard-widget')?.shadowRoot?.querySelector('.panel');
      const transfer = new DataTransfer();
      transfer.items.add(
        new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], fileName, { type: 'image/png' }),
      );
      const drag = (type: string) =>
        panel?.dispatchEvent(
          new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true }),
        );
      drag('dragenter');
      drag('dragover');
      const zone = panel ? getComputedStyle(panel, '::after').content : '';
      drag('drop');
      return zone;
    },
    { data: Buffer.from(bytes).toString('base64'), fileName: name },
  );
}

/**
 * axe-core on the widget: the ids of what it finds, with where.
 *
 * @example
 * ```ts
 * expect(await axe(page)).toEqual([]);
 * ```
 */
export async function axe(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include('clavard-widget').analyze();
  return violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

/**
 * The layout problems of the widget as laid out now (words broken, content wider than its box unless
 * cut with an ellipsis and a `title`, labels outside their buttons…): the layout test's measure
 * (packages/widget/test/support/layout-measure.ts), bundled and run in the page.
 *
 * @example
 * ```ts
 * expect(await layoutProblems(page)).toEqual([]);
 * ```
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  const measure = fileURLToPath(
    new URL('../../../../packages/widget/test/support/layout-measure.ts', import.meta.url),
  );
  const bundled = await build({
    stdin: {
      contents: `import { layoutProblems } from ${JSON.stringify(measure)}; globalThis.__measured = layoutProblems(document.querySelector('clavard-widget').shadowRoot);`,
      resolveDir: '.',
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  // Evaluated, not a <script>: the demo store's CSP allows no inline script, and evaluation is not one.
  await page.evaluate(bundled.outputFiles[0]?.text ?? '');
  return page.evaluate(() => (globalThis as { __measured?: string[] }).__measured ?? ['not measured']);
}

/**
 * What has focus in the widget's shadow root, as `tag.class`.
 *
 * @example
 * ```ts
 * expect(await focused(page)).toBe('button.thumb');
 * ```
 */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.querySelector('clavard-widget')?.shadowRoot?.activeElement;
    return active ? `${active.tagName.toLowerCase()}.${active.className}` : '';
  });

/**
 * Holds every upload's bytes (the PUT) until the page goes: its row stays in progress.
 *
 * @example
 * ```ts
 * await holdUploads(page);
 * ```
 */
export const holdUploads = (page: Page) => page.route('**/clavard/uploads/**', () => undefined);
