/**
 * The dark palette, for `data-theme="dark"` and for `"auto"` under `prefers-color-scheme: dark` (native
 * controls dark too): what the panel adds to the launcher's (./launcher-styles.ts).
 */
const DARK = '--c-muted:#b4b4bb;--c-line:#55555d;--c-bubble:#2d2d33;--c-danger:#ffb4ab;color-scheme:dark';

/**
 * The widget's stylesheet, after `LAUNCHER_CSS` (./launcher-styles.ts: the host, the palette, the font and
 * the launcher, which it does not repeat), adopted into its shadow root as a constructed stylesheet (no
 * `<style>` element and no `style` attribute, so it runs under `style-src 'self'`). The host page may set `--clavard-font`,
 * `--clavard-radius` and `--clavard-spacing` on the host element or an ancestor; brand colours come from
 * the second, per-widget sheet (see `themeCss`).
 *
 * Host properties are `!important`: for important declarations the shadow tree's `:host` rule wins over
 * the page's, so `* { all: unset !important }` or `div { display: none !important }` cannot reach inside.
 *
 * @example
 * ```ts
 * adoptStyles(shadowRoot, [LAUNCHER_CSS, WIDGET_CSS]);
 * ```
 */
export const WIDGET_CSS = `.root{color-scheme:light;--c-muted:#595959;--c-line:#c4c4c4;--c-bubble:#eeeff1;--c-danger:#b3261e;--r:var(--clavard-radius,12px)}
.root[data-theme=dark]{${DARK}}
@media (prefers-color-scheme:dark){.root[data-theme=auto]{${DARK}}}
[hidden]{display:none!important}
h2,p,ol{margin:0}
textarea{font:inherit;color:inherit;margin:0}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.launcher-faces{display:flex;flex:none}
.launcher .launcher-face{width:36px;height:36px;border:2px solid var(--c-brand);font-size:15px}
.launcher-face+.launcher-face{margin-inline-start:-12px}
.launcher-face[data-initial]::before{content:attr(data-initial)}
.badge{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#b3261e;color:#fff;font-size:13px;font-weight:700;line-height:22px;text-align:center}
.root[data-position=left] .panel{right:auto;left:calc(var(--s) + env(safe-area-inset-left,0px))}
.panel{position:fixed;right:calc(var(--s) + env(safe-area-inset-right,0px));z-index:2147483001;bottom:calc(var(--s)*2 + 60px + env(safe-area-inset-bottom,0px));width:min(380px,calc(100vw - var(--s)*2));height:min(620px,calc(100vh - var(--s)*3 - 60px));max-height:calc(100dvh - var(--s)*3 - 60px);
display:flex;flex-direction:column;background:var(--c-bg);border:1px solid var(--c-line);border-radius:var(--r);box-shadow:0 8px 30px var(--c-shadow);overflow:hidden;overflow-wrap:break-word;animation:clavard-in .18s ease-out}
@keyframes clavard-in{from{opacity:0;transform:translateY(8px)}}
.header{display:flex;align-items:center;gap:8px;padding:12px 8px 12px var(--s);background:var(--c-brand);color:var(--c-on-brand)}
.header-text{flex:1;min-width:0;margin-inline-start:4px}
.title{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font-size:17px;font-weight:700;line-height:1.3}
.subtitle{font-size:14px;line-height:1.35;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden}
.logo,.avatar{flex:none;width:40px;height:40px;border-radius:50%;object-fit:cover;background:var(--c-bg)}
.initial{display:grid;place-items:center;font-weight:700;font-size:18px;background:var(--c-on-brand);color:var(--c-brand)}
.icon-button{flex:none;border:0;border-radius:50%;display:grid;place-items:center;padding:0;width:44px;height:44px;background:transparent}
.icon-button svg{width:22px;height:22px}
.header .icon-button:focus-visible{outline-color:currentColor}
.status{padding:6px var(--s);font-size:14px;background:var(--c-bubble);border-bottom:1px solid var(--c-line)}
.log{flex:1;position:relative;overflow-y:auto;overscroll-behavior:contain;overflow-anchor:none;padding:var(--s);display:flex;flex-direction:column;gap:12px;list-style:none}
.log>[data-cont]{margin-top:-8px}.log>:first-child{margin-top:var(--clavard-above,0px)}.log>:last-child{margin-bottom:var(--clavard-below,0px)}
.jump{position:relative;align-self:center;height:36px;margin:-48px 0 12px;padding:0 16px;border:0;border-radius:18px;background:var(--c-brand);color:var(--c-on-brand);font-size:14px;font-weight:600;box-shadow:0 2px 8px var(--c-shadow)}
.jump::after{content:'';display:inline-block;width:6px;height:6px;border:solid;border-width:0 2px 2px 0;transform:rotate(45deg);margin:0 0 3px 10px}
.group{display:flow-root}
.group>*{width:fit-content}.group>*+*{margin-top:4px}
.group[data-mine]>*{margin-inline-start:auto}.group[data-mine] .msg{align-items:flex-end}
.author{font-size:13px;color:var(--c-muted);font-weight:600}
.group[data-face]{position:relative;padding-inline-start:36px}.group>.face{position:absolute;inset-inline-start:0;top:0;margin:0;width:28px;height:28px;font-size:13px}.face.initial{background:var(--c-brand);color:var(--c-on-brand)}
.msg{max-width:85%;display:flex;flex-direction:column;gap:2px}
.bubble{padding:8px 12px;border-radius:var(--r);background:var(--c-bubble);white-space:pre-wrap}
.bubble,.closing,.card{overflow-wrap:anywhere}
.group[data-mine] .bubble{background:var(--c-brand);color:var(--c-on-brand)}
.group[data-mine] .bubble a{color:inherit}
.bubble a,.notice a,.link-button{color:var(--c-accent);text-decoration:underline}
.meta{font-size:12px;color:var(--c-muted);display:flex;gap:8px;align-items:center}
.meta[data-failed]{color:var(--c-danger)}
.link-button{border:0;background:none;padding:4px 2px;font-size:13px;font-weight:600}
.notice{align-self:center;text-align:center;font-size:14px;color:var(--c-muted);max-width:90%}
.greeting{align-self:flex-start}
.notice-row>*{margin-inline:auto}
.closing{white-space:pre-wrap;margin-top:4px}
.replies{display:flex;flex-wrap:wrap;gap:8px;margin-top:4px}
.reply{min-height:44px;padding:8px 14px;border:2px solid var(--c-accent);border-radius:22px;background:var(--c-bg);color:var(--c-accent);font-size:15px;font-weight:600}
.card{display:flex;flex-direction:column;border:1px solid var(--c-line);border-radius:var(--r);overflow:hidden;background:var(--c-bg);color:var(--c-fg);text-decoration:none;max-width:100%}
a.card:hover .card-title{text-decoration:underline}
.card img{display:block;width:100%;max-height:160px;object-fit:cover}
.card-body{padding:10px 12px;display:flex;flex-direction:column;gap:2px}
.card-title{font-weight:700;color:var(--c-accent)}
.card-text,.card-url{font-size:14px;color:var(--c-muted)}
.typing{padding:0 var(--s) 6px;font-size:13px;color:var(--c-muted);min-height:1.45em}
.dots{display:inline-flex;gap:3px;margin-inline-end:6px;vertical-align:middle}
.dots span{width:5px;height:5px;border-radius:50%;background:currentColor;animation:clavard-dot 1.2s infinite ease-in-out}
.dots span:nth-child(2){animation-delay:.15s}.dots span:nth-child(3){animation-delay:.3s}
@keyframes clavard-dot{0%,80%,100%{opacity:.3}40%{opacity:1}}
.composer{border-top:1px solid var(--c-line);padding:8px var(--s) calc(8px + env(safe-area-inset-bottom,0px));display:flex;flex-direction:column;gap:4px}
.composer-row{display:flex;gap:8px;align-items:flex-end}
.composer[data-ended]{align-items:center}
.composer[data-ended] .secondary{align-self:center}
.input{flex:1;min-width:0;font-size:16px;line-height:1.4;padding:10px 12px;border:1px solid var(--c-muted);border-radius:var(--r);background:var(--c-bg);color:var(--c-fg);resize:none;field-sizing:content;min-height:44px;max-height:9.5em;overflow-y:auto}
.input::placeholder{color:var(--c-muted);opacity:1}
.input:disabled{opacity:1;background:var(--c-bubble)}
.send{flex:none;min-width:44px;height:44px;border:0;border-radius:22px;padding:0 16px;background:var(--c-brand);color:var(--c-on-brand);font-weight:700}
.send:disabled{cursor:not-allowed;background:var(--c-bubble);color:var(--c-muted)}
.hint{font-size:13px;color:var(--c-muted)}
.attach{width:36px;margin-inline-start:-6px;color:var(--c-muted)}.attach path{fill:none;stroke:currentColor;stroke-width:1.8;stroke-linecap:round}
.panel[data-drop]::after{content:attr(data-drop);position:absolute;inset:0;display:grid;place-items:center;border:2px dashed var(--c-brand);border-radius:inherit;background:var(--c-bg);font-weight:600;text-align:center;pointer-events:none}
.consent{flex:1;display:flex;flex-direction:column;gap:12px;padding:var(--s);overflow-y:auto}
.consent a{color:var(--c-accent);text-decoration:underline}
.consent-agree{align-self:flex-start}
.end-bar{display:flex;flex-wrap:wrap;align-items:center;gap:8px;padding:8px var(--s);border-bottom:1px solid var(--c-line)}
.end-bar p{flex:1 1 100%;font-weight:600}
.end-bar button{flex:1 1 auto}
.secondary{align-self:flex-start;min-height:44px;padding:8px 16px;border:2px solid var(--c-accent);border-radius:22px;background:var(--c-bg);color:var(--c-accent);font-size:15px;font-weight:600}
.hint[data-over]{color:var(--c-danger);font-weight:700}
@media (max-width:480px){
.panel,.root[data-position=left] .panel{top:var(--clavard-vv-top,0px);left:0;right:0;bottom:auto;width:100%;height:var(--clavard-vv-height,100dvh);max-height:none;border:0;border-radius:0;padding:env(safe-area-inset-top,0px) env(safe-area-inset-right,0px) 0 env(safe-area-inset-left,0px)}
.root[data-open] .launcher{display:none}
.header{padding-block:6px}.title{font-size:16px}.subtitle{font-size:13px}.header[data-conversation] .subtitle{-webkit-line-clamp:1}.header :is(.logo,.avatar){width:36px;height:36px}}
@media (prefers-reduced-motion:reduce){*{scroll-behavior:auto!important}}
@media (forced-colors:active){.send,.bubble,.reply,.badge{border:1px solid CanvasText}}`;
