#!/usr/bin/env node
// Builds the script-tag files with esbuild: the consent notice (`clavard-consent.js`, loaded on the first
// open while consent is asked and not given), the SSE transport (`clavard-sse.js`, loaded when the tag
// chose it), the multi-tab code (`clavard-tabs.js`, loaded once a second tab of the site appears), the extras (`clavard-extras.js`: the forms and the end survey,
// loaded when first shown) and the panel in two languages (`clavard-panel.js` and `clavard-panel.fr.js`:
// Preact, the UI, the client, the transports, one catalogue) first, then their SRI hashes, then the first
// file (`clavard.js`: configuration, `window.Clavard`, the plain launcher, the loader) with the names and
// hashes baked in. What each later file takes from the file that loads it, and the hooks they meet at, are
// in src/embed/kits.ts (see scripts/embed-split.mjs); the build fails when a module lands in two files
// without being listed there. Run by the package's `build` after tsup (writes dist/embed/); the browser
// tests import `buildEmbedFiles()`.
//   node packages/widget/scripts/build-embed.mjs [outdir]
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { minify } from 'terser';
import { checkSharedCopies, loadKits, split } from './embed-split.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const src = fileURLToPath(new URL('../src/embed/', import.meta.url));
const widgetSrc = fileURLToPath(new URL('../src/', import.meta.url));

/** The file names, as served side by side. */
export const FIRST_FILE = 'clavard.js';
export const PANEL_FILE = 'clavard-panel.js';
export const PANEL_FR_FILE = 'clavard-panel.fr.js';
export const EXTRAS_FILE = 'clavard-extras.js';
export const CONSENT_FILE = 'clavard-consent.js';
export const SSE_FILE = 'clavard-sse.js';
export const TABS_FILE = 'clavard-tabs.js';

/** What a page loads: the first file, one of the two panels (by its locale), the extras, the consent notice, the SSE transport, the tabs code. */
const LOADED_TOGETHER = {
  [FIRST_FILE]: FIRST_FILE,
  [PANEL_FILE]: 'the panel',
  [PANEL_FR_FILE]: 'the panel',
  [EXTRAS_FILE]: EXTRAS_FILE,
  [CONSENT_FILE]: CONSENT_FILE,
  [SSE_FILE]: SSE_FILE,
  [TABS_FILE]: TABS_FILE,
};

/**
 * One catalogue per panel file: the English panel (every locale but French) leaves the French catalogue
 * out, and the French one uses the French catalogue where the English one would serve (as the fallback,
 * with the same keys: test/ui-core-locales.test.ts). clavard.js loads the panel of the visitor's locale.
 * Measured: the panel 35.22 kB brotli with both catalogues; see README.md for each now. The texts of the
 * lazily loaded parts (locales/*-extras.ts) are in the extras file, in both languages.
 */
const oneCatalogue = (language) => ({
  name: `catalogue-${language}`,
  setup(build) {
    const other = language === 'en' ? /[\\/]locales[\\/]fr-CA\.ts$/ : /[\\/]locales[\\/]en\.ts$/;
    build.onLoad({ filter: other }, () => ({
      contents:
        language === 'en' ? 'export const frCA = undefined;' : "export { frCA as en } from './fr-CA.js';",
      loader: 'js',
      resolveDir: `${widgetSrc}ui-core/locales`,
    }));
  },
});

/** In the panel build: the extras come from the extras file (src/embed/extras-source-embed.ts). */
const extrasFromFile = {
  name: 'extras-from-file',
  setup(build) {
    build.onResolve({ filter: /[\\/]extras-source\.js$/ }, () => ({ path: `${src}extras-source-embed.ts` }));
  },
};

/** In the panel build: the file code comes from the extras file (src/embed/files-source-embed.ts). */
const filesFromExtras = {
  name: 'files-from-extras',
  setup(build) {
    build.onResolve({ filter: /[\\/]files-source\.js$/ }, () => ({ path: `${src}files-source-embed.ts` }));
  },
};

/**
 * In the panel build: the tag's proactive rule, checked as its attributes were read, is only resolved
 * (src/embed/proactive-options-embed.ts), not checked again with `mount()`'s rules.
 */
const proactiveFromTag = {
  name: 'proactive-from-tag',
  setup(build) {
    build.onResolve({ filter: /[\\/]proactive-options\.js$/ }, () => ({
      path: `${src}proactive-options-embed.ts`,
    }));
  },
};

/**
 * In the panel build: the chime and the unread count in the title, which the tag has no option for
 * (src/embed/embed-panel-config.ts sets `sound` and `titleBadge` to false), are stand-ins that do
 * nothing (src/embed/tag-has-none.ts).
 */
const noneInTheTag = {
  name: 'none-in-the-tag',
  setup(build) {
    build.onResolve({ filter: /[\\/](chime|title-badge)\.js$/ }, () => ({ path: `${src}tag-has-none.ts` }));
  },
};

/**
 * In the panel build: the panel's own consent notice, which the tag needs only when it cannot read the
 * consent its first notice took, comes with the extras (src/embed/consent-notice-later.tsx).
 */
const consentNoticeLater = {
  name: 'consent-notice-later',
  setup(build) {
    build.onResolve({ filter: /[\\/]ConsentNotice\.js$/ }, () => ({
      path: `${src}consent-notice-later.tsx`,
    }));
  },
};

/** In the panel build: the multi-tab code comes from the tabs file (src/embed/tabs-source-embed.ts). */
const tabsFromFile = {
  name: 'tabs-from-file',
  setup(build) {
    build.onResolve({ filter: /[\\/]tabs-source\.js$/ }, () => ({ path: `${src}tabs-source-embed.ts` }));
  },
};

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
  // As the package's tsup build: the code already needs ES2022 (Object.hasOwn); class fields stay native.
  target: 'es2022',
  write: false,
  tsconfig: `${root}tsconfig.json`,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'error',
  // For the shared-copies check (embed-split.mjs) and scripts/embed-why.mjs.
  metafile: true,
};

/**
 * esbuild bundles and minifies; terser then compresses further (three passes; top-level names are
 * already local to the IIFE). Measured on the panel: 34.0 kB → 32.7 kB brotli.
 */
const single = async (result, what, wrap = (code) => code) => {
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild produced no ${what}`);
  const { code } = await minify(wrap(output.text), { ecma: 2020, compress: { passes: 3 }, mangle: true });
  if (code === undefined) throw new Error(`terser produced no ${what}`);
  return new TextEncoder().encode(code);
};

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/**
 * Builds the seven files in memory: `{ files: { 'clavard.js', 'clavard-panel.js', 'clavard-panel.fr.js',
 * 'clavard-extras.js', 'clavard-consent.js', 'clavard-sse.js', 'clavard-tabs.js' }, integrity, frIntegrity,
 * extrasIntegrity, consentIntegrity, sseIntegrity, tabsIntegrity, metafiles }` (bytes, the SRI values baked
 * into the first file, and esbuild's metafiles, read by scripts/embed-why.mjs). Throws when a module is
 * bundled in two files and src/embed/kits.ts does not allow it.
 */
export async function buildEmbedFiles() {
  const kits = await loadKits();
  const panelSplit = split('panel-kit', kits.PANEL_KIT, kits.PANEL_HOOK);
  const extrasSplit = split('extras-kit', kits.EXTRAS_KIT, kits.EXTRAS_HOOK);
  const consentSplit = split('consent-kit', kits.CONSENT_KIT, kits.CONSENT_HOOK);
  const sseSplit = split('sse-kit', kits.SSE_KIT, kits.SSE_HOOK);
  const tabsSplit = split('tabs-kit', kits.TABS_KIT, kits.TABS_HOOK);
  const [tabs, sse, consent, extras, panel, panelFr] = await Promise.all([
    build({ ...common, entryPoints: [`${src}tabs-entry.ts`], plugins: [tabsSplit.take] }),
    build({ ...common, entryPoints: [`${src}sse-entry.ts`], plugins: [sseSplit.take] }),
    build({ ...common, entryPoints: [`${src}consent-entry.ts`], plugins: [consentSplit.take] }),
    build({ ...common, entryPoints: [`${src}extras-entry.ts`], plugins: [extrasSplit.take] }),
    ...['en', 'fr'].map((language) =>
      build({
        ...common,
        entryPoints: [`${src}panel-entry.ts`],
        plugins: [
          nullPrototypeDescriptors,
          panelSplit.take,
          extrasSplit.give,
          sseSplit.give,
          tabsSplit.give,
          extrasFromFile,
          filesFromExtras,
          proactiveFromTag,
          noneInTheTag,
          consentNoticeLater,
          tabsFromFile,
          oneCatalogue(language),
        ],
      }),
    ),
  ]);
  const consentBytes = await single(consent, CONSENT_FILE, consentSplit.wrap);
  const sseBytes = await single(sse, SSE_FILE, sseSplit.wrap);
  const tabsBytes = await single(tabs, TABS_FILE, tabsSplit.wrap);
  const extrasBytes = await single(extras, EXTRAS_FILE, extrasSplit.wrap);
  const panelBytes = await single(panel, PANEL_FILE, panelSplit.wrap);
  const panelFrBytes = await single(panelFr, PANEL_FR_FILE, panelSplit.wrap);
  const integrity = sri(panelBytes);
  const frIntegrity = sri(panelFrBytes);
  const extrasIntegrity = sri(extrasBytes);
  const consentIntegrity = sri(consentBytes);
  const sseIntegrity = sri(sseBytes);
  const tabsIntegrity = sri(tabsBytes);
  const first = await build({
    ...common,
    entryPoints: [`${src}index.ts`],
    plugins: [panelSplit.give, consentSplit.give],
    define: {
      __CLAVARD_PANEL_FILE__: JSON.stringify(PANEL_FILE),
      __CLAVARD_PANEL_INTEGRITY__: JSON.stringify(integrity),
      __CLAVARD_PANEL_FR_FILE__: JSON.stringify(PANEL_FR_FILE),
      __CLAVARD_PANEL_FR_INTEGRITY__: JSON.stringify(frIntegrity),
      __CLAVARD_EXTRAS_FILE__: JSON.stringify(EXTRAS_FILE),
      __CLAVARD_EXTRAS_INTEGRITY__: JSON.stringify(extrasIntegrity),
      __CLAVARD_CONSENT_FILE__: JSON.stringify(CONSENT_FILE),
      __CLAVARD_CONSENT_INTEGRITY__: JSON.stringify(consentIntegrity),
      __CLAVARD_SSE_FILE__: JSON.stringify(SSE_FILE),
      __CLAVARD_SSE_INTEGRITY__: JSON.stringify(sseIntegrity),
      __CLAVARD_TABS_FILE__: JSON.stringify(TABS_FILE),
      __CLAVARD_TABS_INTEGRITY__: JSON.stringify(tabsIntegrity),
    },
  });
  const metafiles = {
    [FIRST_FILE]: first.metafile,
    [PANEL_FILE]: panel.metafile,
    [PANEL_FR_FILE]: panelFr.metafile,
    [EXTRAS_FILE]: extras.metafile,
    [CONSENT_FILE]: consent.metafile,
    [SSE_FILE]: sse.metafile,
    [TABS_FILE]: tabs.metafile,
  };
  checkSharedCopies(metafiles, LOADED_TOGETHER, kits.SHARED_COPIES);
  return {
    files: {
      [FIRST_FILE]: await single(first, FIRST_FILE),
      [PANEL_FILE]: panelBytes,
      [PANEL_FR_FILE]: panelFrBytes,
      [EXTRAS_FILE]: extrasBytes,
      [CONSENT_FILE]: consentBytes,
      [SSE_FILE]: sseBytes,
      [TABS_FILE]: tabsBytes,
    },
    integrity,
    frIntegrity,
    extrasIntegrity,
    consentIntegrity,
    sseIntegrity,
    tabsIntegrity,
    metafiles,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] ?? fileURLToPath(new URL('../dist/embed/', import.meta.url));
  const { files } = await buildEmbedFiles();
  await mkdir(outdir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) await writeFile(`${outdir}/${name}`, bytes);
}
