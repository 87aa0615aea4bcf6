/**
 * The rules of the lazily loaded parts, apart from `WIDGET_CSS` (they come with the extras, so a page
 * that shows none of them never loads them). Forms and the end survey: cards with labelled fields, check
 * boxes beside their label, the survey's answers as pill-shaped radio buttons. Files: thumbnails rounded
 * like the bubbles, at most 220 px wide (their `width`/`height` attributes give the ratio, so no `style`
 * attribute is needed under a strict CSP); file cards as compact chips; a thin progress bar in the brand
 * colour; the viewer a modal `<dialog>` over the page.
 *
 * @example
 * ```ts
 * adoptStyles(shadowRoot, [EXTRAS_CSS]);
 * ```
 */
export const EXTRAS_CSS = `.form-card{width:100%;display:flex;flex-direction:column;gap:10px;padding:12px;border:1px solid var(--c-line);border-radius:var(--r);background:var(--c-bg);color:var(--c-fg);text-align:start}
.form-title{font-weight:700}
.form-text,.form-hint,.form-sent{font-size:14px;color:var(--c-muted)}
.form-field{display:flex;flex-direction:column;gap:4px}
[data-kind=check]{flex-flow:row wrap;align-items:center;gap:4px 10px}
[data-kind=check] .form-label{flex:1 1 0;min-width:0}
[data-kind=check] .form-check{order:-1;margin:0}
[data-kind=check] p{flex-basis:100%}
.form-label{font-size:14px;font-weight:600}
.form-optional{font-weight:400;color:var(--c-muted)}
.input.form-input{flex:none;max-height:none;field-sizing:fixed}
.form-check{width:24px;height:24px;accent-color:var(--c-accent)}
.form-error{font-size:14px;font-weight:600;color:var(--c-danger)}
.form-submit{align-self:flex-start}
.choices{border:0;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:0 16px}
.choices+.choices{display:grid}
.choices legend{padding:0;margin-bottom:4px}
.choice{display:flex;align-items:center;gap:8px;min-height:44px;font-size:15px}
.buttons{display:grid;grid-template-columns:1fr 1fr;gap:8px}.scale{grid-template-columns:repeat(5,1fr)}
.pill{position:relative;justify-content:center;border:2px solid var(--c-line);border-radius:12px;font-weight:600;cursor:pointer}.scale .pill{min-height:52px;font-size:20px}
.pill input{position:absolute;inset:0;margin:0;opacity:0;cursor:pointer}.pill:hover{border-color:var(--c-accent)}.pill:has(:checked){background:var(--c-brand);border-color:var(--c-brand);color:var(--c-on-brand)}.pill:has(:focus-visible){outline:2px solid var(--c-accent);outline-offset:2px}
.scale-ends{grid-column:1/-1;display:flex;justify-content:space-between;gap:8px;font-size:13px;color:var(--c-muted)}
.attachment{display:contents}
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
 * Adopts {@link EXTRAS_CSS} into the shadow root `element` is in, once per root: a ref callback, so it
 * runs as the part is put in the page, before its first paint. The sheet stays while the root lives: the
 * widget's own sheets go with its host element.
 *
 * @example
 * ```tsx
 * <div ref={adoptExtrasStyles} className="file" />
 * ```
 */
export function adoptExtrasStyles(element: Element | null): void {
  const root = element?.getRootNode();
  if (!root || adopted.has(root) || !('host' in root)) return;
  adopted.add(root);
  // As ./stylesheets.ts does, written again here: taking it from the panel would cost the panel a kit
  // entry, and the extras load only in browsers the panel already adopted its own sheets in, or not.
  const shadow = root as ShadowRoot;
  const Sheet = shadow.ownerDocument.defaultView?.CSSStyleSheet;
  if (Sheet && 'adoptedStyleSheets' in shadow) {
    const sheet = new Sheet();
    sheet.replaceSync(EXTRAS_CSS);
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  } else {
    const style = shadow.ownerDocument.createElement('style');
    style.textContent = EXTRAS_CSS;
    shadow.prepend(style);
  }
}
