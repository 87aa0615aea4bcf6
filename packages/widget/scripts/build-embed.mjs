#!/usr/bin/env node
// Builds the three script-tag files with esbuild: the extras (`clavard-extras.js`: the forms and the end
// survey, loaded when first shown) and the panel (`clavard-panel.js`: Preact, the UI, the client, the
// transports) first, then their SRI hashes, then the first file (`clavard.js`: configuration,
// `window.Clavard`, the plain launcher, the loader) with both names and hashes baked in. Run by the
// package's `build` after tsup (writes dist/embed/); the browser tests import `buildEmbedFiles()`.
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
export const EXTRAS_FILE = 'clavard-extras.js';

/**
 * The panel's modules that the extras file uses, with the names it imports. The extras file does not
 * bundle them: it gets them from the panel (one Preact, so hooks work; one widget context), through the
 * `clavard:extras-kit` module generated into the panel. A missing name fails the build (esbuild: "No
 * matching export"), and so does any other Preact module the extras would bundle a copy of.
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
const kitPaths = async (build) => {
  const paths = new Map();
  for (const key of Object.keys(EXTRAS_KIT)) {
    const found = await build.resolve(key, {
      resolveDir: widgetSrc,
      kind: 'import-statement',
      pluginData: { plain: true },
    });
    if (found.errors.length > 0) throw new Error(`EXTRAS_KIT: cannot resolve ${key}`);
    paths.set(found.path, key);
  }
  return paths;
};

/** In the extras build: the kit's modules come from the panel (`__clavard_kit__`, see wrapExtras). */
const kitFromPanel = {
  name: 'kit-from-panel',
  setup(build) {
    let paths;
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.plain || args.kind === 'entry-point') return undefined;
      paths ??= kitPaths(build);
      const found = await build.resolve(args.path, {
        resolveDir: args.resolveDir,
        kind: args.kind,
        importer: args.importer,
        pluginData: { plain: true },
      });
      const key = (await paths).get(found.path);
      if (key !== undefined) return { path: key, namespace: 'clavard-kit' };
      if (/[\\/]node_modules[\\/](preact|@preact)[\\/]/.test(found.path)) {
        return {
          errors: [{ text: `the extras file would bundle its own ${args.path}: add it to EXTRAS_KIT` }],
        };
      }
      return undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'clavard-kit' }, ({ path }) => ({
      contents: `export const { ${EXTRAS_KIT[path].join(', ')} } = __clavard_kit__[${JSON.stringify(path)}];`,
      loader: 'js',
    }));
  },
};

/** In the panel build: generates `clavard:extras-kit`, and loads the extras from the extras file. */
const kitForExtras = {
  name: 'kit-for-extras',
  setup(build) {
    build.onResolve({ filter: /^clavard:extras-kit$/ }, () => ({ path: 'kit', namespace: 'clavard-kit' }));
    build.onResolve({ filter: /[\\/]extras-source\.js$/ }, () => ({ path: `${src}extras-source-embed.ts` }));
    build.onLoad({ filter: /.*/, namespace: 'clavard-kit' }, () => {
      const imports = [];
      const entries = [];
      Object.entries(EXTRAS_KIT).forEach(([key, names], index) => {
        imports.push(
          `import { ${names.map((name) => `${name} as k${index}_${name}`).join(', ')} } from ${JSON.stringify(key)};`,
        );
        entries.push(
          `${JSON.stringify(key)}: { ${names.map((name) => `${name}: k${index}_${name}`).join(', ')} }`,
        );
      });
      return {
        contents: `${imports.join('\n')}\nexport const kit = { ${entries.join(', ')} };`,
        loader: 'js',
        resolveDir: widgetSrc,
      };
    });
  },
};

/**
 * The extras bundle as an ExtrasFactory handed to `window.Clavard`'s extras hook (src/embed/extras-hook.ts):
 * the bundle runs only when the panel calls the factory with its kit.
 */
const wrapExtras = (body) =>
  `(()=>{var c=Object.hasOwn(window,"Clavard")?Reflect.get(window,"Clavard"):void 0,k=Symbol.for("clavard.extras"),h=typeof c=="object"&&c!==null&&Object.hasOwn(c,k)?Reflect.get(c,k):void 0;typeof h=="function"&&Reflect.apply(h,c,[function(__clavard_kit__,__clavard_deliver__){${body}}])})();`;

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
 * Builds the three files in memory: `{ files: { 'clavard.js', 'clavard-panel.js', 'clavard-extras.js' },
 * integrity, extrasIntegrity }` (bytes, and the SRI values baked into the first file). `metafile: true`
 * adds esbuild's metafiles (for scripts/embed-why.mjs).
 */
export async function buildEmbedFiles({ metafile = false } = {}) {
  const [extras, panel] = await Promise.all([
    build({ ...common, metafile, entryPoints: [`${src}extras-entry.ts`], plugins: [kitFromPanel] }),
    build({
      ...common,
      metafile,
      entryPoints: [`${src}panel-entry.ts`],
      plugins: [nullPrototypeDescriptors, kitForExtras],
    }),
  ]);
  const extrasBytes = await single(extras, EXTRAS_FILE, wrapExtras);
  const panelBytes = await single(panel, PANEL_FILE);
  const integrity = sri(panelBytes);
  const extrasIntegrity = sri(extrasBytes);
  const first = await build({
    ...common,
    metafile,
    entryPoints: [`${src}index.ts`],
    define: {
      __CLAVARD_PANEL_FILE__: JSON.stringify(PANEL_FILE),
      __CLAVARD_PANEL_INTEGRITY__: JSON.stringify(integrity),
      __CLAVARD_EXTRAS_FILE__: JSON.stringify(EXTRAS_FILE),
      __CLAVARD_EXTRAS_INTEGRITY__: JSON.stringify(extrasIntegrity),
    },
  });
  return {
    files: {
      [FIRST_FILE]: await single(first, FIRST_FILE),
      [PANEL_FILE]: panelBytes,
      [EXTRAS_FILE]: extrasBytes,
    },
    integrity,
    extrasIntegrity,
    metafiles: { [FIRST_FILE]: first.metafile, [PANEL_FILE]: panel.metafile, [EXTRAS_FILE]: extras.metafile },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] ?? fileURLToPath(new URL('../dist/embed/', import.meta.url));
  const { files } = await buildEmbedFiles();
  await mkdir(outdir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) await writeFile(`${outdir}/${name}`, bytes);
}
