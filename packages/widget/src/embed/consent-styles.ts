/**
 * The consent notice's stylesheet (`clavard-consent.js`), adopted into the launcher's shadow root beside
 * `LAUNCHER_CSS`, whose custom properties (`--c-bg`, `--c-brand`, `--s`…) it uses, while the notice is
 * shown. Like the panel's notice in src/ui/styles.ts.
 *
 * @example
 * ```ts
 * const remove = adoptStyles(shadowRoot, [CONSENT_CSS]);
 * ```
 */
export const CONSENT_CSS = `.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.consent-notice{position:fixed;right:calc(var(--s) + env(safe-area-inset-right,0px));bottom:calc(var(--s) + 76px + env(safe-area-inset-bottom,0px));z-index:2147483000;width:min(360px,calc(100vw - 2*var(--s)));padding:16px;display:flex;flex-direction:column;gap:12px;background:var(--c-bg);color:var(--c-fg);border-radius:12px;box-shadow:0 8px 30px var(--c-shadow)}
.root[data-position=left] .consent-notice{right:auto;left:calc(var(--s) + env(safe-area-inset-left,0px))}
.consent-notice p{margin:0}
.consent-notice a{color:var(--c-accent);text-decoration:underline}
.consent-notice .actions{display:flex;flex-wrap:wrap;gap:8px}
.consent-notice .agree,.consent-notice .later{min-height:44px;border-radius:22px;padding:0 16px;font-weight:700}
.consent-notice .agree{border:0;background:var(--c-brand);color:var(--c-on-brand)}
.consent-notice .later{border:2px solid var(--c-accent);background:var(--c-bg);color:var(--c-accent)}`;
