#!/usr/bin/env node
// What the script-tag file is made of: bundles src/embed like tsup does, with an esbuild metafile, and
// prints each part's minified bytes and the brotli size of the whole. Run from the repository root:
//   node packages/widget/scripts/embed-why.mjs
import { brotliCompressSync } from 'node:zlib';
import { build } from 'esbuild';

const result = await build({
  entryPoints: ['packages/widget/src/embed/index.ts'],
  bundle: true,
  format: 'iife',
  minify: true,
  platform: 'browser',
  target: 'es2020',
  write: false,
  metafile: true,
  tsconfig: 'tsconfig.json',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'error',
});
const [output] = result.outputFiles;
const [meta] = Object.values(result.metafile.outputs);
const groups = new Map();
for (const [path, { bytesInOutput }] of Object.entries(meta.inputs)) {
  const dependency = /node_modules\/(@[^/]+\/[^/]+|[^/@][^/]*)\/(?!.*node_modules)/.exec(path);
  const group = dependency
    ? dependency[1]
    : path
        .replace(/^packages\//, '')
        .split('/')
        .slice(0, 3)
        .join('/');
  groups.set(group, (groups.get(group) ?? 0) + bytesInOutput);
}
const total = output.contents.length;
console.log(`clavard.js: ${total} B minified, ${brotliCompressSync(output.contents).length} B brotli\n`);
for (const [group, bytes] of [...groups].sort((a, b) => b[1] - a[1])) {
  console.log(
    `${String(bytes).padStart(7)} B  ${((bytes / total) * 100).toFixed(1).padStart(5)} %  ${group}`,
  );
}
