// Types of build-embed.mjs, for the tests that import it.
import type { Metafile } from 'esbuild';

/** The first file's name: `clavard.js`. */
export declare const FIRST_FILE: 'clavard.js';
/** The panel file's name: `clavard-panel.js`. */
export declare const PANEL_FILE: 'clavard-panel.js';

/** Both script-tag files, built in memory. */
export interface EmbedFiles {
  files: { 'clavard.js': Uint8Array; 'clavard-panel.js': Uint8Array };
  /** The panel file's Subresource Integrity value, as baked into the first file. */
  integrity: string;
  metafiles: { 'clavard.js': Metafile | undefined; 'clavard-panel.js': Metafile | undefined };
}

/** Builds the panel, hashes it, then builds the first file with the hash baked in. */
export declare function buildEmbedFiles(options?: { metafile?: boolean }): Promise<EmbedFiles>;
