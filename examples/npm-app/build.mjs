// Bundles src/main.ts (and @clavard/widget from its package exports) into dist/app.js.
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('src/main.ts', import.meta.url).pathname],
  outfile: new URL('dist/app.js', import.meta.url).pathname,
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: true,
  platform: 'browser',
  target: 'es2020',
  metafile: false,
  logLevel: 'info',
});
