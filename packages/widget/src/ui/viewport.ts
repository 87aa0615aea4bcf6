/** Where the stylesheet makes the panel full screen and uses the visual viewport's variables. */
const PHONE_QUERY = '(max-width: 480px)';

/**
 * Keeps the full-screen panel inside the visual viewport while a phone's keyboard is open: the visual
 * viewport's height and offset are written as `--clavard-vv-height` / `--clavard-vv-top` on the host
 * element through CSSOM (`style.setProperty`). CSP's `style-src` governs `style` attributes in markup and
 * `setAttribute('style')`, not CSSOM, so this needs no `unsafe-inline`; a class could not carry a
 * continuously changing height. The stylesheet only uses the variables on viewports ≤ 480px wide, so
 * they are written only there: on a wider viewport, opening the panel neither reads the visual viewport
 * (which forces a layout) nor restyles the whole widget for variables nothing uses. Returns the function
 * that stops following and removes the variables.
 *
 * @example
 * ```ts
 * const stop = followVisualViewport(host, window);
 * ```
 */
export function followVisualViewport(host: HTMLElement, view: Window | null): () => void {
  const viewport = view?.visualViewport;
  if (!view || !viewport) return () => {};
  const clear = (): void => {
    host.style.removeProperty('--clavard-vv-height');
    host.style.removeProperty('--clavard-vv-top');
  };
  // A window resized across the limit resizes the visual viewport too: `resize` sees it.
  const update = (): void => {
    if (!view.matchMedia(PHONE_QUERY).matches) {
      clear();
      return;
    }
    host.style.setProperty('--clavard-vv-height', `${Math.round(viewport.height)}px`);
    host.style.setProperty('--clavard-vv-top', `${Math.round(viewport.offsetTop)}px`);
  };
  update();
  viewport.addEventListener('resize', update);
  viewport.addEventListener('scroll', update);
  return () => {
    viewport.removeEventListener('resize', update);
    viewport.removeEventListener('scroll', update);
    clear();
  };
}
