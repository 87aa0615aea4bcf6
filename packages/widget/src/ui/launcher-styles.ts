/** The dark palette's colours; src/ui/styles.ts adds the panel's. */
const DARK =
  '--c-bg:#1b1b1f;--c-fg:#f1f1f3;--c-accent:var(--clavard-accent-dark,#8ab4f8);--c-shadow:rgb(0 0 0/.6)';

/**
 * The launcher's stylesheet, and the base of the widget's: the host's protection, the palette, the font,
 * focus rings and the closed launcher. The script tag's plain launcher (src/embed/plain-launcher.ts)
 * adopts it alone; the widget adopts it first, then `WIDGET_CSS` (./styles.ts), which builds on it
 * without repeating it, so the panel's launcher is drawn by the very rules of the plain one. Adopted as
 * constructed stylesheets (no `style-src` relaxation); the script-tag panel takes it from `clavard.js`
 * (src/embed/kits.ts) rather than carrying a copy.
 *
 * @example
 * ```ts
 * adoptStyles(shadowRoot, [LAUNCHER_CSS, themeCss(colors)]);
 * ```
 */
export const LAUNCHER_CSS = `:host{all:initial!important;display:block!important;position:static!important;visibility:visible!important;opacity:1!important;contain:none!important}
:host([hidden]){display:none!important}
.root{--c-bg:#fff;--c-fg:#1a1a1a;--c-accent:var(--clavard-accent-light,#0b57d0);--c-shadow:rgb(0 0 0/.22);
--c-brand:var(--clavard-brand,#0b57d0);--c-on-brand:var(--clavard-on-brand,#fff);--s:var(--clavard-spacing,16px);
font:16px/1.45 var(--clavard-font,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif);color:var(--c-fg);text-align:start;-webkit-text-size-adjust:100%;text-size-adjust:100%}
.root[data-theme=dark]{${DARK}}
@media (prefers-color-scheme:dark){.root[data-theme=auto]{${DARK}}}
*,::before,::after{box-sizing:border-box}
button{font:inherit;color:inherit;margin:0;cursor:pointer}
svg{fill:currentColor}
:focus-visible{outline:3px solid var(--c-accent);outline-offset:2px}
.launcher{position:fixed;right:calc(var(--s) + env(safe-area-inset-right,0px));flex:none;border:0;border-radius:50%;display:grid;place-items:center;padding:0;z-index:2147483000;bottom:calc(var(--s) + env(safe-area-inset-bottom,0px));width:60px;height:60px;background:var(--c-brand);color:var(--c-on-brand);box-shadow:0 4px 14px var(--c-shadow)}
.launcher:focus-visible{outline-color:var(--c-fg);box-shadow:0 0 0 3px var(--c-bg),0 4px 14px var(--c-shadow)}
.launcher :is(svg,img){flex:none;width:28px;height:28px;object-fit:contain}
.launcher[data-label]{display:flex;align-items:center;gap:10px;width:auto;max-width:min(400px,calc(100vw - var(--s)*2));border-radius:30px;padding-inline:16px 22px}
.launcher-label{min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-weight:600}
.root[data-position=left] .launcher{right:auto;left:calc(var(--s) + env(safe-area-inset-left,0px))}
@media (prefers-reduced-motion:reduce){*,::before,::after{animation:none!important;transition:none!important}}
@media (forced-colors:active){.launcher{border:1px solid CanvasText}}`;
