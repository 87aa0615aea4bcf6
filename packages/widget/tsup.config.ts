import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      'headless/index': 'src/headless/index.ts',
    },
    format: ['esm'],
    dts: true,
    // dist/embed belongs to the types build below and to scripts/build-embed.mjs (the two IIFE files).
    clean: ['!embed/**'],
    target: 'es2022',
    platform: 'neutral',
    treeshake: true,
  },
  {
    // Its types: `window.Clavard` and the command and event names (no JavaScript emitted).
    entry: { clavard: 'src/embed/public-types.ts' },
    outDir: 'dist/embed',
    format: ['esm'],
    dts: { only: true },
    clean: false,
  },
]);
