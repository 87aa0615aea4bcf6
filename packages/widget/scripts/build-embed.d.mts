// Types of build-embed.mjs, for the tests that import it.
import type { Metafile } from 'esbuild';

/** The first file's name: `clavard.js`. */
export declare const FIRST_FILE: 'clavard.js';
/** The panel file's name: `clavard-panel.js`. */
export declare const PANEL_FILE: 'clavard-panel.js';
/** The French panel file's name: `clavard-panel.fr.js`. */
export declare const PANEL_FR_FILE: 'clavard-panel.fr.js';
/** The extras file's name: `clavard-extras.js`. */
export declare const EXTRAS_FILE: 'clavard-extras.js';
/** The consent file's name: `clavard-consent.js`. */
export declare const CONSENT_FILE: 'clavard-consent.js';
/** The SSE transport file's name: `clavard-sse.js`. */
export declare const SSE_FILE: 'clavard-sse.js';
/** The multi-tab file's name: `clavard-tabs.js`. */
export declare const TABS_FILE: 'clavard-tabs.js';

/** The script-tag files, built in memory. */
export interface EmbedFiles {
  files: {
    'clavard.js': Uint8Array;
    'clavard-panel.js': Uint8Array;
    'clavard-panel.fr.js': Uint8Array;
    'clavard-extras.js': Uint8Array;
    'clavard-consent.js': Uint8Array;
    'clavard-sse.js': Uint8Array;
    'clavard-tabs.js': Uint8Array;
  };
  /** The (English) panel file's Subresource Integrity value, as baked into the first file. */
  integrity: string;
  /** The French panel file's Subresource Integrity value, as baked into the first file. */
  frIntegrity: string;
  /** The extras file's Subresource Integrity value, as baked into the first file. */
  extrasIntegrity: string;
  /** The consent file's Subresource Integrity value, as baked into the first file. */
  consentIntegrity: string;
  /** The SSE file's Subresource Integrity value, as baked into the first file. */
  sseIntegrity: string;
  /** The tabs file's Subresource Integrity value, as baked into the first file. */
  tabsIntegrity: string;
  /** esbuild's metafiles, by file: what each is made of (scripts/embed-why.mjs). */
  metafiles: {
    'clavard.js': Metafile;
    'clavard-panel.js': Metafile;
    'clavard-panel.fr.js': Metafile;
    'clavard-extras.js': Metafile;
    'clavard-consent.js': Metafile;
    'clavard-sse.js': Metafile;
    'clavard-tabs.js': Metafile;
  };
}

/**
 * Builds the tabs code, the SSE transport, the consent notice, the extras and the panel, hashes them, then builds the first file with the hashes baked in.
 * Rejects when a module is bundled in two of the files and src/embed/kits.ts does not allow it.
 */
export declare function buildEmbedFiles(): Promise<EmbedFiles>;
