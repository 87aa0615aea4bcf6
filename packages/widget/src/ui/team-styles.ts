/**
 * The rules of the team row (`TeamRow`), apart from `WIDGET_CSS` so that the two change independently:
 * faces that overlap, each ringed with the panel's background, and the sentence beside them.
 *
 * @example
 * ```ts
 * adoptStyles(shadowRoot, [WIDGET_CSS + TEAM_CSS, themeCss(colors)]);
 * ```
 */
export const TEAM_CSS = `.team{display:flex;align-items:center;gap:12px;padding:10px var(--s);border-bottom:1px solid var(--c-line)}
.faces{display:flex;flex:none;padding-inline-start:8px}
.team-face{width:32px;height:32px;margin-inline-start:-8px;box-shadow:0 0 0 2px var(--c-bg)}
.team-face.initial{font-size:14px;background:var(--c-brand);color:var(--c-on-brand)}
.team-line{margin:0;font-size:14px;line-height:1.35;color:var(--c-muted)}
`;
