import { useWidget } from './context.js';

/**
 * The polite live region: new agent messages, agents joining or taking over, the connection's changes.
 * Present from the start (a region added with its text is often not announced) and visually hidden.
 *
 * @example
 * ```tsx
 * <LiveRegion />
 * ```
 */
export function LiveRegion() {
  const { model } = useWidget();
  return (
    <div className="sr" role="status" aria-live="polite" aria-atomic="true">
      {model.announcement}
    </div>
  );
}
