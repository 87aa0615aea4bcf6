#!/usr/bin/env node
// What the script-tag files are made of: builds them as scripts/build-embed.mjs does (with esbuild
// metafiles) and prints, for each, its parts' minified bytes and the brotli size of the whole. Run from
// the repository root:
//   node packages/widget/scripts/embed-why.mjs
import { brotliCompressSync } from 'node:zlib';
import { buildEmbedFiles } from './build-embed.mjs';

const { files, metafiles } = await buildEmbedFiles();
for (const [name, contents] of Object.entries(files)) {
  const [meta] = Object.values(metafiles[name].outputs);
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
  // Parts are measured in esbuild's output, before terser; the shares are of that sum.
  const total = [...groups.values()].reduce((sum, bytes) => sum + bytes, 0);
  console.log(
    `${name}: ${contents.length} B minified, ${brotliCompressSync(contents).length} B brotli (parts: ${total} B after esbuild)\n`,
  );
  for (const [group, bytes] of [...groups].sort((a, b) => b[1] - a[1])) {
    console.log(
      `${String(bytes).padStart(7)} B  ${((bytes / total) * 100).toFixed(1).padStart(5)} %  ${group}`,
    );
  }
  console.log('');
}
