import { defineConfig } from 'tsup';

// One ESM file for Node 20, with @clavard/protocol and @clavard/agent-api bundled from their sources
// (mapped in tsconfig.json's `paths`), so `npm start` needs no other package built first. better-sqlite3
// and ws stay external. The checkpointer's worker (src/db/checkpoint-worker.js) is a file of its own,
// next to the chunk that starts it.
export default defineConfig({
  entry: {
    main: 'src/main.ts',
    index: 'src/index.ts',
    'checkpoint-worker': 'src/db/checkpoint-worker.js',
  },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  noExternal: ['@clavard/protocol', '@clavard/agent-api'],
  external: ['better-sqlite3', 'ws'],
});
