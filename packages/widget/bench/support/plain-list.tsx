// The floor of long-log.bench.ts: the same rows as the widget's message list (author, text, time), as
// text in a plain keyed Preact list with no virtualization, memoization or grouping: every row in the DOM.
import { render } from 'preact';

/** One row of the floor: what the widget shows of a message. */
export interface PlainRow {
  id: string;
  author: string;
  text: string;
  time: string;
}

const BOX = 'display:block;width:380px;height:560px;overflow-y:auto;font:16px system-ui;padding:16px';

function PlainList({ rows }: { rows: readonly PlainRow[] }) {
  return (
    <ol>
      {rows.map((row) => (
        <li key={row.id}>
          <p>{row.author}</p>
          <p>{row.text}</p>
          <p>
            <time>{row.time}</time>
          </p>
        </li>
      ))}
    </ol>
  );
}

/**
 * Renders `rows` into a panel-sized scrolling box in a shadow root of `host`, scrolled to the end as the
 * widget's list was before it was virtualized (`scrollTop = scrollHeight` on every change).
 *
 * @example
 * ```ts
 * const floor = plainList(document.body);
 * floor.show(rows);
 * floor.dispose();
 * ```
 */
export function plainList(parent: HTMLElement) {
  const host = document.createElement('div');
  host.style.cssText = BOX;
  parent.append(host);
  const root = host.attachShadow({ mode: 'open' });
  return {
    root,
    show(rows: readonly PlainRow[]): void {
      render(<PlainList rows={rows} />, root);
      host.scrollTop = host.scrollHeight;
    },
    dispose(): void {
      render(null, root);
      host.remove();
    },
  };
}
