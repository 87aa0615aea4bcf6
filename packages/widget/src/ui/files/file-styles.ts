/**
 * The rules of the file parts, apart from `WIDGET_CSS` (they come with the extras): thumbnails rounded
 * like the bubbles, at most 220 px wide (their `width`/`height` attributes give the ratio, so no `style`
 * attribute is needed under a strict CSP); file cards as compact chips; a thin progress bar in the brand
 * colour; the viewer a modal `<dialog>` over the page.
 *
 * @example
 * ```ts
 * adoptStyles(shadowRoot, [FILE_CSS]);
 * ```
 */
export const FILE_CSS = `.attachment{display:contents}
.thumb{display:block;padding:0;border:0;border-radius:var(--r);background:var(--c-bubble);overflow:hidden;max-width:220px;line-height:0}
.thumb :is(img,svg){display:block;max-width:100%;height:auto;max-height:280px;object-fit:cover}
.thumb svg{fill:var(--c-bubble)}
.caption{width:fit-content;max-width:100%;margin-top:4px}
.file{display:flex;flex-wrap:wrap;align-items:center;gap:0 10px;width:260px;max-width:100%;padding:8px 6px 8px 10px;border:1px solid var(--c-line);border-radius:var(--r);background:var(--c-bg);color:var(--c-fg)}
.file>svg{flex:none;width:28px;height:28px;fill:var(--c-accent)}
.file-text{flex:1;min-width:0;display:flex;flex-direction:column;font-size:14px;line-height:1.3}
.file-name{font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.file-about{font-size:13px;color:var(--c-muted);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.file .link-button{flex:none;min-height:44px;padding-inline:8px}
.file-get{color:var(--c-accent)}.file-get:hover{background:var(--c-bubble)}
.file progress{display:block;width:100%;height:4px;margin-top:6px;border:0;border-radius:2px;background:var(--c-bubble);accent-color:var(--c-brand);appearance:none;overflow:hidden}
.file progress::-webkit-progress-bar{background:var(--c-bubble)}
.file progress::-webkit-progress-value{background:var(--c-brand)}
.file progress::-moz-progress-bar{background:var(--c-brand)}
.file[data-failed]{border-color:var(--c-danger)}
.file-error{flex-basis:100%;padding-bottom:2px;color:var(--c-danger);font-size:13px;font-weight:600}
.file-actions{display:flex;flex-direction:column;align-items:flex-end}
.file-note{font-size:12px;color:var(--c-muted)}.file-note[data-error]{color:var(--c-danger);font-weight:600}
.viewer{max-width:min(92vw,960px);max-height:92vh;padding:0;border:0;border-radius:var(--r);background:var(--c-bg);color:var(--c-fg);box-shadow:0 8px 30px var(--c-shadow);overflow:hidden}
.viewer::backdrop{background:rgb(0 0 0/.7)}
.viewer[open]{display:flex;flex-direction:column}
.viewer img{display:block;min-height:0;max-width:100%;max-height:calc(92vh - 64px);margin:auto;object-fit:contain}
.viewer-bar{display:flex;align-items:center;gap:8px;padding:8px 8px 8px 16px;border-top:1px solid var(--c-line)}
.viewer-bar .file-text{font-size:14px}
.viewer-bar button{flex:none;min-height:44px;padding:0 14px;border:0;border-radius:22px;font-weight:600;background:var(--c-bubble)}
.viewer-bar .download{background:var(--c-brand);color:var(--c-on-brand)}`;

const adopted = new WeakSet<Node>();

/**
 * Adopts {@link FILE_CSS} into the shadow root `element` is in, once per root: a ref callback, so it
 * runs as the part is put in the page, before its first paint. The sheet stays while the root lives: the
 * widget's own sheets go with its host element.
 *
 * @example
 * ```tsx
 * <div ref={adoptFileStyles} className="file" />
 * ```
 */
export function adoptFileStyles(element: Element | null): void {
  const root = element?.getRootNode();
  if (!root || adopted.has(root) || !('host' in root)) return;
  adopted.add(root);
  // As ../stylesheets.ts does, written again here: taking it from the panel would cost the panel a kit
  // entry, and the extras load only in browsers the panel already adopted its own sheets in, or not.
  const shadow = root as ShadowRoot;
  const Sheet = shadow.ownerDocument.defaultView?.CSSStyleSheet;
  if (Sheet && 'adoptedStyleSheets' in shadow) {
    const sheet = new Sheet();
    sheet.replaceSync(FILE_CSS);
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  } else {
    const style = shadow.ownerDocument.createElement('style');
    style.textContent = FILE_CSS;
    shadow.prepend(style);
  }
}
