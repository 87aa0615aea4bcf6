#!/usr/bin/env node
// Builds the script-tag files with esbuild: the extras (`clavard-extras.js`: the forms and the end survey,
// loaded when first shown) and the panel in two languages (`clavard-panel.js` and `clavard-panel.fr.js`:
// Preact, the UI, the client, the transports, one catalogue) first, then their SRI hashes, then the first
// file (`clavard.js`: configuration, `window.Clavard`, the plain launcher, the loader) with the names and
// hashes baked in. Run by the package's `build` after tsup (writes dist/embed/); the browser tests import
// `buildEmbedFiles()`.
//   node packages/widget/scripts/build-embed.mjs [outdir]
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { minify } from 'terser';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const src = fileURLToPath(new URL('../src/embed/', import.meta.url));
const widgetSrc = fileURLToPath(new URL('../src/', import.meta.url));

/** The file names, as served side by side. */
export const FIRST_FILE = 'clavard.js';
export const PANEL_FILE = 'clavard-panel.js';
export const PANEL_FR_FILE = 'clavard-panel.fr.js';
export const EXTRAS_FILE = 'clavard-extras.js';

/**
 * One catalogue per panel file: the English panel (every locale but French) leaves the French catalogue
 * out, and the French one uses the French catalogue where the English one would serve (as the fallback and
 * the list of keys, which are the same: test/ui-core-locales.test.ts). clavard.js loads the panel of the
 * visitor's locale. Measured: the panel 35.22 kB brotli with both catalogues; see README.md for each now.
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

/**
 * A kit: the modules that a file loaded later takes from the file that loads it, with the names it
 * imports, so that the two share one copy (and, for Preact and the widget context, one instance). The
 * loading file bundles a generated `clavard:<name>` module exporting `kit` (one array per module, in this
 * order); the later file's imports of those modules read `kit` instead (see takeKit and wrapFor). A name
 * missing from a list fails the build (esbuild: "No matching export").
 *
 * The panel takes from the first file what both need: brand colour checks, locale rules, URL checks,
 * stylesheet adoption, the theme and the event emitter. Measured: the panel 36.96 → 35.22 kB brotli, the
 * first file 8.60 → 8.69 kB.
 */
const PANEL_KIT = {
  './ui-core/contrast.ts': ['contrastRatio', 'pickTextColor', 'toHex', 'parseColor'],
  './ui-core/locale.ts': ['canonicalLocale', 'isRtl'],
  './ui-core/safe-url.ts': ['IMAGE_PROTOCOLS', 'safeUrl'],
  './ui/stylesheets.ts': ['adoptStyles'],
  './ui/theme.ts': ['themeColors', 'themeCss'],
  '../../protocol/src/internal/emitter.ts': ['createEmitter'],
};

/**
 * The extras take from the panel its Preact, hooks, widget context and the helpers they share; any other
 * Preact module they would bundle a copy of fails the build.
 */
const EXTRAS_KIT = {
  'preact/jsx-runtime': ['Fragment', 'jsx', 'jsxs'],
  'preact/hooks': ['useEffect', 'useRef', 'useState'],
  './ui/context.ts': ['useWidget'],
  './ui/use-listeners.ts': ['useListeners'],
  './ui/Card.tsx': ['Card'],
  './ui-core/agent-name.ts': ['agentDisplayName'],
  './ui/author-name.ts': ['authorName'],
};

/** Each kit module's absolute path, as esbuild resolves it from src/. */
const kitPaths = async (build, kit) => {
  const paths = new Map();
  for (const key of Object.keys(kit)) {
    const found = await build.resolve(key, {
      resolveDir: widgetSrc,
      kind: 'import-statement',
      pluginData: { plain: true },
    });
    if (found.errors.length > 0) throw new Error(`kit: cannot resolve ${key}`);
    paths.set(found.path, key);
  }
  return paths;
};

/**
 * In the later file's build: imports of the kit's modules read `__clavard_kit__` (the factory's parameter,
 * see wrapFor). An import resolving to `forbidden` fails the build.
 */
const takeKit = (name, kit, forbidden) => ({
  name: `take-${name}`,
  setup(build) {
    let paths;
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.plain || args.kind === 'entry-point') return undefined;
      paths ??= kitPaths(build, kit);
      const found = await build.resolve(args.path, {
        resolveDir: args.resolveDir,
        kind: args.kind,
        importer: args.importer,
        pluginData: { plain: true },
      });
      const key = (await paths).get(found.path);
      if (key !== undefined) return { path: key, namespace: `take-${name}` };
      if (forbidden?.test(found.path)) {
        return { errors: [{ text: `this file would bundle its own ${args.path}: add it to its kit` }] };
      }
      return undefined;
    });
    // Arrays, read by index: shorter than names, and no iterator a hostile page could replace.
    const index = Object.keys(kit);
    build.onLoad({ filter: /.*/, namespace: `take-${name}` }, ({ path }) => ({
      contents: `const m = __clavard_kit__[${index.indexOf(path)}];\nexport const ${kit[path]
        .map((exported, at) => `${exported} = m[${at}]`)
        .join(', ')};`,
      loader: 'js',
    }));
  },
});

/** In the loading file's build: generates `clavard:<name>`, which exports the kit. */
const giveKit = (name, kit) => ({
  name: `give-${name}`,
  setup(build) {
    build.onResolve({ filter: new RegExp(`^clavard:${name}$`) }, () => ({
      path: name,
      namespace: `give-${name}`,
    }));
    build.onLoad({ filter: /.*/, namespace: `give-${name}` }, () => {
      const imports = [];
      const entries = [];
      Object.entries(kit).forEach(([key, names], index) => {
        imports.push(
          `import { ${names.map((name) => `${name} as k${index}_${name}`).join(', ')} } from ${JSON.stringify(key)};`,
        );
        entries.push(`[${names.map((name) => `k${index}_${name}`).join(', ')}]`);
      });
      return {
        contents: `${imports.join('\n')}\nexport const kit = [${entries.join(', ')}];`,
        loader: 'js',
        resolveDir: widgetSrc,
      };
    });
  },
});

/** In the panel build: the extras come from the extras file (src/embed/extras-source-embed.ts). */
const extrasFromFile = {
  name: 'extras-from-file',
  setup(build) {
    build.onResolve({ filter: /[\\/]extras-source\.js$/ }, () => ({ path: `${src}extras-source-embed.ts` }));
  },
};

/**
 * A later file's bundle as a factory handed to `window.Clavard`'s hook `Symbol.for(hook)` (see
 * src/embed/panel-hook.ts and extras-hook.ts): the bundle runs only when the loading file calls the
 * factory with its kit and a function that receives what the bundle delivers.
 */
const wrapFor = (hook) => (body) =>
  `(()=>{var c=Object.hasOwn(window,"Clavard")?Reflect.get(window,"Clavard"):void 0,k=Symbol.for(${JSON.stringify(hook)}),h=typeof c=="object"&&c!==null&&Object.hasOwn(c,k)?Reflect.get(c,k):void 0;typeof h=="function"&&Reflect.apply(h,c,[function(__clavard_kit__,__clavard_deliver__){${body}}])})();`;

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
const single = async (result, what, wrap = (code) => code) => {
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild produced no ${what}`);
  const { code } = await minify(wrap(output.text), { ecma: 2020, compress: { passes: 3 }, mangle: true });
  if (code === undefined) throw new Error(`terser produced no ${what}`);
  return new TextEncoder().encode(code);
};

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/**
 * Builds the four files in memory: `{ files: { 'clavard.js', 'clavard-panel.js', 'clavard-panel.fr.js',
 * 'clavard-extras.js' }, integrity, frIntegrity, extrasIntegrity }` (bytes, and the SRI values baked into
 * the first file). `metafile: true`
 * adds esbuild's metafiles (for scripts/embed-why.mjs).
 */
export async function buildEmbedFiles({ metafile = false } = {}) {
  const [extras, panel, panelFr] = await Promise.all([
    build({
      ...common,
      metafile,
      entryPoints: [`${src}extras-entry.ts`],
      plugins: [takeKit('extras-kit', EXTRAS_KIT, /[\\/]node_modules[\\/](preact|@preact)[\\/]/)],
    }),
    ...['en', 'fr'].map((language) =>
      build({
        ...common,
        metafile,
        entryPoints: [`${src}panel-entry.ts`],
        plugins: [
          nullPrototypeDescriptors,
          takeKit('panel-kit', PANEL_KIT),
          giveKit('extras-kit', EXTRAS_KIT),
          extrasFromFile,
          oneCatalogue(language),
        ],
      }),
    ),
  ]);
  const extrasBytes = await single(extras, EXTRAS_FILE, wrapFor('clavard.extras'));
  const panelBytes = await single(panel, PANEL_FILE, wrapFor('clavard.panel'));
  const panelFrBytes = await single(panelFr, PANEL_FR_FILE, wrapFor('clavard.panel'));
  const integrity = sri(panelBytes);
  const frIntegrity = sri(panelFrBytes);
  const extrasIntegrity = sri(extrasBytes);
  const first = await build({
    ...common,
    metafile,
    entryPoints: [`${src}index.ts`],
    plugins: [giveKit('panel-kit', PANEL_KIT)],
    define: {
      __CLAVARD_PANEL_FILE__: JSON.stringify(PANEL_FILE),
      __CLAVARD_PANEL_INTEGRITY__: JSON.stringify(integrity),
      __CLAVARD_PANEL_FR_FILE__: JSON.stringify(PANEL_FR_FILE),
      __CLAVARD_PANEL_FR_INTEGRITY__: JSON.stringify(frIntegrity),
      __CLAVARD_EXTRAS_FILE__: JSON.stringify(EXTRAS_FILE),
      __CLAVARD_EXTRAS_INTEGRITY__: JSON.stringify(extrasIntegrity),
    },
  });
  return {
    files: {
      [FIRST_FILE]: await single(first, FIRST_FILE),
      [PANEL_FILE]: panelBytes,
      [PANEL_FR_FILE]: panelFrBytes,
      [EXTRAS_FILE]: extrasBytes,
    },
    integrity,
    frIntegrity,
    extrasIntegrity,
    metafiles: {
      [FIRST_FILE]: first.metafile,
      [PANEL_FILE]: panel.metafile,
      [PANEL_FR_FILE]: panelFr.metafile,
      [EXTRAS_FILE]: extras.metafile,
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] ?? fileURLToPath(new URL('../dist/embed/', import.meta.url));
  const { files } = await buildEmbedFiles();
  await mkdir(outdir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) await writeFile(`${outdir}/${name}`, bytes);
}
