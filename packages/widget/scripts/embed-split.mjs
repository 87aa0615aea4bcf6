// The script tag's split, for scripts/build-embed.mjs: reads src/embed/kits.ts (which later file takes what
// from the file that loads it, by name, and which modules may be bundled twice), makes the esbuild plugins
// and the wrapper of each later file from it, and checks the built files against it.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const embedSrc = fileURLToPath(new URL('../src/embed/', import.meta.url));

/**
 * src/embed/kits.ts as data: esbuild strips its types, and the module is imported from memory.
 *
 * @example
 * const { PANEL_KIT, PANEL_HOOK, SHARED_COPIES } = await loadKits();
 */
export async function loadKits() {
  const source = await readFile(`${embedSrc}kits.ts`, 'utf8');
  const { code } = await transform(source, { loader: 'ts', format: 'esm' });
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/** Each kit module's absolute path, as esbuild resolves it from src/embed/ (where kits.ts names them). */
const kitPaths = async (build, kit) => {
  const paths = new Map();
  for (const key of Object.keys(kit)) {
    const found = await build.resolve(key, {
      resolveDir: embedSrc,
      kind: 'import-statement',
      pluginData: { plain: true },
    });
    if (found.errors.length > 0) throw new Error(`kits.ts: cannot resolve ${key}`);
    paths.set(found.path, key);
  }
  return paths;
};

/**
 * One later file (the panel, the extras), from its kit (`PANEL_KIT` or `EXTRAS_KIT` of kits.ts) and its
 * hook (`PANEL_HOOK` or `EXTRAS_HOOK`):
 * - `give`, a plugin for the build of the file that loads it: the module `clavard:<name>` exports `kit`,
 *   the kit's exports;
 * - `take`, a plugin for the later file's build: its imports of the kit's modules read that `kit`
 *   (`__clavard_kit__`, the factory's parameter) instead of bundling the modules again;
 * - `wrap`, which makes the later file's bundle a factory handed to `window.Clavard`'s hook: the bundle
 *   runs only when the loading file calls it with the kit and a function that receives what it delivers.
 * The kit is an array, each export at the place kits.ts lists it (names mangled to places; measured on
 * clavard.js: 8.97 kB brotli with the names, 8.91 with one-letter keys, 8.88 by place); with
 * `mangle: false`, an object of the names.
 * A name listed twice fails at once; a name the later file imports and the kit lacks fails its build
 * (esbuild: "No matching export").
 *
 * @example
 * const panel = split('panel-kit', kits.PANEL_KIT, kits.PANEL_HOOK);
 * await build({ entryPoints: ['panel-entry.ts'], plugins: [panel.take] });
 */
export function split(name, kit, hook, { mangle = true } = {}) {
  const names = Object.values(kit).flat();
  const twice = names.find((exported, index) => names.indexOf(exported) !== index);
  if (twice !== undefined) throw new Error(`kits.ts: ${name} lists "${twice}" twice`);
  const read = (exported) => (mangle ? `k[${names.indexOf(exported)}]` : `k.${exported}`);
  const namespace = `take-${name}`;
  const take = {
    name: namespace,
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
        return key === undefined ? undefined : { path: key, namespace };
      });
      build.onLoad({ filter: /.*/, namespace }, ({ path }) => ({
        contents: `const k = __clavard_kit__;\nexport const ${kit[path].map((exported) => `${exported} = ${read(exported)}`).join(', ')};`,
        loader: 'js',
      }));
    },
  };
  const give = {
    name: `give-${name}`,
    setup(build) {
      build.onResolve({ filter: new RegExp(`^clavard:${name}$`) }, () => ({
        path: name,
        namespace: `give-${name}`,
      }));
      build.onLoad({ filter: /.*/, namespace: `give-${name}` }, () => ({
        contents: [
          ...Object.entries(kit).map(
            ([key, listed]) => `import { ${listed.join(', ')} } from ${JSON.stringify(key)};`,
          ),
          `export const kit = ${mangle ? `[${names.join(', ')}]` : `{ ${names.join(', ')} }`};`,
        ].join('\n'),
        loader: 'js',
        resolveDir: embedSrc,
      }));
    },
  };
  const key = JSON.stringify(Symbol.keyFor(hook));
  const wrap = (body) =>
    `(()=>{var c=Object.hasOwn(window,"Clavard")?Reflect.get(window,"Clavard"):void 0,k=Symbol.for(${key}),h=typeof c=="object"&&c!==null&&Object.hasOwn(c,k)?Reflect.get(c,k):void 0;typeof h=="function"&&Reflect.apply(h,c,[function(__clavard_kit__,__clavard_deliver__){${body}}])})();`;
  return { give, take, wrap };
}

/** A metafile input that is a file (not a module a plugin made, such as `take-panel-kit:…`). */
const isFile = (path) => !/^[\w-]+:/.test(path);

/**
 * Fails unless each module (the sources and the dependencies, Preact included) is bundled in one of the
 * files a page loads only, or listed with a reason in `allowed` (`SHARED_COPIES` of kits.ts). `metafiles`
 * are esbuild's, by output file; `slots` maps each file to what it is to the page (the two panels, one per
 * language, are one slot: a page loads one of them). A module with no byte in a file is not in it. An
 * allowance for a module found in one slot only fails too, so that the list stays true. Returns the
 * modules found in two slots.
 *
 * @example
 * checkSharedCopies(metafiles, { 'clavard.js': 'clavard.js', 'clavard-panel.js': 'the panel' }, SHARED_COPIES);
 */
export function checkSharedCopies(metafiles, slots, allowed) {
  const found = new Map();
  for (const [file, metafile] of Object.entries(metafiles)) {
    for (const output of Object.values(metafile.outputs)) {
      for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
        if (bytesInOutput === 0 || !isFile(path)) continue;
        const files = found.get(path) ?? new Map();
        files.set(slots[file], [...(files.get(slots[file]) ?? []), file]);
        found.set(path, files);
      }
    }
  }
  const shared = [...found].filter(([, files]) => files.size > 1);
  const problems = shared
    .filter(([path]) => !Object.hasOwn(allowed, path))
    .map(([path, files]) => `${path} is in ${[...files.values()].flat().join(', ')}`);
  const sharedPaths = new Set(shared.map(([path]) => path));
  for (const path of Object.keys(allowed)) {
    if (!sharedPaths.has(path)) problems.push(`${path} is allowed in SHARED_COPIES but is in one file only`);
  }
  if (problems.length > 0) {
    throw new Error(
      `build-embed: a module must be bundled in one file only:\n  ${problems.join('\n  ')}\nAdd it to the kit the later file takes (PANEL_KIT or EXTRAS_KIT in src/embed/kits.ts), or to SHARED_COPIES there with the reason it may be copied.`,
    );
  }
  return [...sharedPaths];
}
