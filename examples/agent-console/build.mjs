#!/usr/bin/env node
// Builds the agent console into dist/: console.js (Preact and the app, one ESM bundle), console.css and
// index.html copied from public/. Only external files, so the page runs under `default-src 'self'`.
// `node build.mjs --outdir <folder>` builds elsewhere (the browser test builds into a temporary folder).
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const dist = values.outdir === undefined ? here('./dist/') : resolve(values.outdir);

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
const result = await build({
  entryPoints: [here('./src/main.tsx')],
  outfile: join(dist, 'console.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  tsconfig: here('./tsconfig.json'),
  metafile: true,
  logLevel: 'warning',
});
await copyFile(here('./public/index.html'), join(dist, 'index.html'));
await copyFile(here('./public/console.css'), join(dist, 'console.css'));
await copyFile(here('./public/favicon.svg'), join(dist, 'favicon.svg'));
const bytes = Object.values(result.metafile.outputs).find((output) => output.entryPoint)?.bytes ?? 0;
process.stdout.write(`agent console built: ${join(dist, 'console.js')} ${(bytes / 1024).toFixed(1)} KiB\n`);
