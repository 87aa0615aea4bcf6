import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    'websocket/index': 'src/websocket/index.ts',
    'sse/index': 'src/sse/index.ts',
    'long-poll/index': 'src/long-poll/index.ts',
    'memory/index': 'src/memory/index.ts',
    'testing/index': 'src/testing/index.ts',
  },
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
});
