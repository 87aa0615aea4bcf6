/**
 * The rules of the proactive bubble (`ProactiveBubble`), apart from `WIDGET_CSS`: a card where the panel
 * opens (the same bottom offset above the launcher, so a wider launcher changes nothing), at most 300 px
 * wide and never wider than the screen less its margins, mirrored with `data-position=left`; its tail
 * points down at the launcher's outer side, 24 px in, which a wider launcher keeps too.
 *
 * @example
 * ```ts
 * adoptStyles(shadowRoot, [WIDGET_CSS + TEAM_CSS + PROACTIVE_CSS, themeCss(colors)]);
 * ```
 */
export const PROACTIVE_CSS = `.proactive{position:fixed;z-index:2147483000;right:calc(var(--s) + env(safe-area-inset-right,0px));bottom:calc(var(--s)*2 + 60px + env(safe-area-inset-bottom,0px));max-width:min(300px,calc(100vw - var(--s)*2));display:flex;background:var(--c-bg);border:1px solid var(--c-line);border-radius:var(--r);box-shadow:0 8px 30px var(--c-shadow);animation:clavard-in .18s ease-out}
.proactive::after{content:"";position:absolute;bottom:-7px;right:24px;width:12px;height:12px;background:inherit;border:inherit;border-width:0 1px 1px 0;transform:rotate(45deg)}
.root[data-position=left] .proactive{right:auto;left:calc(var(--s) + env(safe-area-inset-left,0px))}.root[data-position=left] .proactive::after{right:auto;left:24px}
.proactive-text{min-width:0;min-height:44px;padding:12px 0;padding-inline-start:14px;border:0;border-radius:var(--r);background:none;text-align:start;font-size:15px;overflow-wrap:anywhere}
.proactive .icon-button{color:var(--c-muted)}.proactive svg{width:18px;height:18px}
`;
