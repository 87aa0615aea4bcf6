// The bench pages' own scripts, bundled as the panel file is (esbuild, minified IIFE, Preact's JSX), and
// the one-page site that loads one of them.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type StaticServer, serveStatic } from '../../test/support/browser.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * `entry` (a path relative to the bench folder) bundled for a page: the script's text.
 *
 * @example
 * ```ts
 * const script = await bundleForPage('support/bench-page.ts');
 * ```
 */
export async function bundleForPage(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`../${entry}`, import.meta.url))],
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
  });
  return result.outputFiles[0]?.text ?? '';
}

/**
 * A loopback site whose page `/` loads `entry` bundled (see {@link bundleForPage}) as `/bench.js`.
 *
 * @example
 * ```ts
 * const site = await servePageOf('support/long-log-page.ts');
 * await page.goto(`${site.url}/`);
 * ```
 */
export async function servePageOf(entry: string): Promise<StaticServer> {
  return serveStatic({
    '/': {
      body: '<!doctype html><title>bench</title><script src="/bench.js"></script><body></body>',
      type: 'text/html',
    },
    '/bench.js': { body: await bundleForPage(entry), type: 'text/javascript' },
  });
}
