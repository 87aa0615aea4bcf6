import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      'headless/index': 'src/headless/index.ts',
    },
    format: ['esm'],
    dts: true,
    // dist/embed belongs to the two builds below.
    clean: ['!embed/**'],
    target: 'es2022',
    platform: 'neutral',
    treeshake: true,
  },
  {
    // The script-tag file: one IIFE with everything inside (Preact, the client, WebSocket and SSE).
    entry: { clavard: 'src/embed/index.ts' },
    outDir: 'dist/embed',
    format: ['iife'],
    outExtension: () => ({ js: '.js' }),
    minify: true,
    platform: 'browser',
    target: 'es2020',
    dts: false,
    clean: false,
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
