/**
 * Bundles a test page's script with esbuild, the package names resolved to the sources as in
 * vitest.config.ts, so a browser test runs the code under test, not dist/.
 */
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const packages = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/** The package names resolved to the sources, as in vitest.config.ts. */
const sourceAliases: Plugin = {
  name: 'clavard-sources',
  setup(context) {
    context.onResolve({ filter: /^@clavard\// }, ({ path }) => {
      const [, pkg, entry] = /^@clavard\/([^/]+)(?:\/(.+))?$/.exec(path) ?? [];
      if (!pkg) return undefined;
      const file = `${pkg}/src/${entry ?? ''}/index.ts`.replace('/src//', '/src/');
      return { path: packages(file) };
    });
  },
};

/**
 * The script at `entry` (a file URL) and everything it imports, as one ES module's text.
 *
 * @example
 * ```ts
 * const script = await bundlePage(new URL('./support/tabs-page.ts', import.meta.url));
 * ```
 */
export async function bundlePage(entry: URL): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    write: false,
    plugins: [sourceAliases],
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced nothing');
  return output.text;
}
