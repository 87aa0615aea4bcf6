#!/usr/bin/env node
// Builds the two script-tag files with esbuild: the panel (`clavard-panel.js`: Preact, the UI, the client,
// the transports) first, then its SRI hash, then the first file (`clavard.js`: configuration,
// `window.Clavard`, the plain launcher, the loader) with the panel's name and hash baked in. Run by the
// package's `build` after tsup (writes dist/embed/); the browser tests import `buildEmbedFiles()`.
//   node packages/widget/scripts/build-embed.mjs [outdir]
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { minify } from 'terser';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const src = fileURLToPath(new URL('../src/embed/', import.meta.url));

/** The file names, as served side by side. */
export const FIRST_FILE = 'clavard.js';
export const PANEL_FILE = 'clavard-panel.js';

/**
 * A page may set `Object.prototype.value` before the panel loads (the hostile-page tests do). Then every
 * property descriptor with a getter is refused ("cannot both specify accessors and a value"), and the
 * Preact Signals files define `value` and `props` getters as they load. Give those descriptors a null
 * prototype, so inherited keys are not read. Fails the build when the files change shape.
 */
const nullPrototypeDescriptors = {
  name: 'null-prototype-descriptors',
  setup(build) {
    build.onLoad({ filter: /[\\/]@preact[\\/]signals(-core)?[\\/]dist[\\/].*\.m?js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      let count = 0;
      const contents = source.replace(/\{(configurable:!0,)?get:function/g, (whole) => {
        count++;
        return `{__proto__:null,${whole.slice(1)}`;
      });
      if (count === 0) throw new Error(`${path}: no getter descriptor found; check nullPrototypeDescriptors`);
      return { contents, loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  format: 'iife',
  minify: true,
  platform: 'browser',
  target: 'es2020',
  write: false,
  tsconfig: `${root}tsconfig.json`,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'error',
};

/**
 * esbuild bundles and minifies; terser then compresses further (three passes; top-level names are
 * already local to the IIFE). Measured on the panel: 34.0 kB → 32.7 kB brotli.
 */
const single = async (result, what) => {
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild produced no ${what}`);
  const { code } = await minify(output.text, { ecma: 2020, compress: { passes: 3 }, mangle: true });
  if (code === undefined) throw new Error(`terser produced no ${what}`);
  return new TextEncoder().encode(code);
};

/**
 * Builds both files in memory: `{ files: { 'clavard.js': bytes, 'clavard-panel.js': bytes }, integrity }`.
 * `metafile: true` adds esbuild's metafiles (for scripts/embed-why.mjs).
 */
export async function buildEmbedFiles({ metafile = false } = {}) {
  const panel = await build({
    ...common,
    metafile,
    entryPoints: [`${src}panel-entry.ts`],
    plugins: [nullPrototypeDescriptors],
  });
  const panelBytes = await single(panel, PANEL_FILE);
  const integrity = `sha384-${createHash('sha384').update(panelBytes).digest('base64')}`;
  const first = await build({
    ...common,
    metafile,
    entryPoints: [`${src}index.ts`],
    define: {
      __CLAVARD_PANEL_FILE__: JSON.stringify(PANEL_FILE),
      __CLAVARD_PANEL_INTEGRITY__: JSON.stringify(integrity),
    },
  });
  return {
    files: { [FIRST_FILE]: await single(first, FIRST_FILE), [PANEL_FILE]: panelBytes },
    integrity,
    metafiles: { [FIRST_FILE]: first.metafile, [PANEL_FILE]: panel.metafile },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] ?? fileURLToPath(new URL('../dist/embed/', import.meta.url));
  const { files } = await buildEmbedFiles();
  await mkdir(outdir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) await writeFile(`${outdir}/${name}`, bytes);
}
