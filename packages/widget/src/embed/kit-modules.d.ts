// The kits as the build generates them (scripts/embed-split.mjs, from PANEL_KIT, EXTRAS_KIT, CONSENT_KIT, SSE_KIT and TABS_KIT of
// ./kits.ts), only present in the script-tag build: the file that loads a later file imports its kit and
// hands it over as it is.
declare module 'clavard:panel-kit' {
  /** What clavard.js hands the panel (see PanelKit). */
  export const kit: import('./kits.js').Packed<import('./kits.js').PanelKit>;
}
declare module 'clavard:extras-kit' {
  /** What the panel hands the extras (see ExtrasKit). */
  export const kit: import('./kits.js').Packed<import('./kits.js').ExtrasKit>;
}
declare module 'clavard:consent-kit' {
  /** What clavard.js hands the consent file (see ConsentKit). */
  export const kit: import('./kits.js').Packed<import('./kits.js').ConsentKit>;
}
declare module 'clavard:sse-kit' {
  /** What the panel hands the SSE file (see SseKit). */
  export const kit: import('./kits.js').Packed<import('./kits.js').SseKit>;
}
declare module 'clavard:tabs-kit' {
  /** What the panel hands the tabs file (see TabsKit). */
  export const kit: import('./kits.js').Packed<import('./kits.js').TabsKit>;
}
