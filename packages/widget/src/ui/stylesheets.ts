/**
 * Gives a shadow root its stylesheets as constructed `CSSStyleSheet`s in `adoptedStyleSheets`: CSP does
 * not govern them, so no `unsafe-inline` is needed. Browsers without constructable stylesheets (before
 * Safari 16.4) get `<style>` elements filled with `textContent` instead, which only pages without a
 * strict `style-src` accept. Returns the function that removes them.
 *
 * @example
 * ```ts
 * const remove = adoptStyles(shadowRoot, [WIDGET_CSS, themeCss(colors)]);
 * ```
 */
export function adoptStyles(root: ShadowRoot, texts: readonly string[]): () => void {
  const view = root.ownerDocument.defaultView;
  const Sheet = view?.CSSStyleSheet;
  if (Sheet && 'adoptedStyleSheets' in root && typeof Sheet.prototype.replaceSync === 'function') {
    const sheets = texts.map((text) => {
      const sheet = new Sheet();
      sheet.replaceSync(text);
      return sheet;
    });
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets];
    return () => {
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((sheet) => !sheets.includes(sheet));
    };
  }
  const elements = texts.map((text) => {
    const style = root.ownerDocument.createElement('style');
    style.textContent = text;
    root.prepend(style);
    return style;
  });
  return () => {
    for (const element of elements) element.remove();
  };
}
