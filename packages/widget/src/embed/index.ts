// The script-tag file (`dist/embed/clavard.js`, an IIFE). The one module of the package that runs on
// load, as DESIGN.md allows: it reads its own <script> tag and defines `window.Clavard`, nothing else.
// The names and integrity values of the panel files (one per language), the extras file, the consent
// file, the SSE file and the tabs file are replaced at build time (scripts/build-embed.mjs).
import { bootEmbed } from './boot-embed.js';

declare const __CLAVARD_PANEL_FILE__: string;
declare const __CLAVARD_PANEL_INTEGRITY__: string;
declare const __CLAVARD_PANEL_FR_FILE__: string;
declare const __CLAVARD_PANEL_FR_INTEGRITY__: string;
declare const __CLAVARD_EXTRAS_FILE__: string;
declare const __CLAVARD_EXTRAS_INTEGRITY__: string;
declare const __CLAVARD_CONSENT_FILE__: string;
declare const __CLAVARD_CONSENT_INTEGRITY__: string;
declare const __CLAVARD_SSE_FILE__: string;
declare const __CLAVARD_SSE_INTEGRITY__: string;
declare const __CLAVARD_TABS_FILE__: string;
declare const __CLAVARD_TABS_INTEGRITY__: string;

bootEmbed(
  window,
  document.currentScript,
  {
    en: { name: __CLAVARD_PANEL_FILE__, integrity: __CLAVARD_PANEL_INTEGRITY__ },
    fr: { name: __CLAVARD_PANEL_FR_FILE__, integrity: __CLAVARD_PANEL_FR_INTEGRITY__ },
  },
  { name: __CLAVARD_EXTRAS_FILE__, integrity: __CLAVARD_EXTRAS_INTEGRITY__ },
  { name: __CLAVARD_CONSENT_FILE__, integrity: __CLAVARD_CONSENT_INTEGRITY__ },
  { name: __CLAVARD_SSE_FILE__, integrity: __CLAVARD_SSE_INTEGRITY__ },
  { name: __CLAVARD_TABS_FILE__, integrity: __CLAVARD_TABS_INTEGRITY__ },
);
