import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

// Tests import by package name; here those names point at the sources, as Preact Signals does.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@clavard\/protocol$/, replacement: src('protocol/src/index.ts') },
      { find: /^@clavard\/protocol\/internal$/, replacement: src('protocol/src/internal/index.ts') },
      { find: /^@clavard\/agent-api$/, replacement: src('agent-api/src/index.ts') },
      { find: /^@clavard\/adapters\/(.+)$/, replacement: src('adapters/src/$1/index.ts') },
      { find: /^@clavard\/widget\/(.+)$/, replacement: src('widget/src/$1/index.ts') },
      { find: /^@clavard\/widget$/, replacement: src('widget/src/index.ts') },
      {
        find: /^@clavard\/reference-server$/,
        replacement: fileURLToPath(new URL('./examples/reference-server/src/index.ts', import.meta.url)),
      },
    ],
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'all',
          include: [
            'packages/*/test/**/*.test.{ts,tsx}',
            'examples/*/test/**/*.test.{ts,tsx}',
            'scripts/test/**/*.test.ts',
          ],
          typecheck: {
            enabled: true,
            include: ['packages/*/test/**/*.test-d.ts'],
            tsconfig: './tsconfig.json',
          },
        },
      },
      {
        // The reference server's suite again, each server on a throwaway Postgres database: the same
        // tests for both stores (test/support/clients.ts). Not the tests of one engine's own machinery
        // (SQLite's log, checkpoints, full-text index), the pure functions, nor the browser tests.
        extends: true,
        test: {
          name: 'postgres',
          include: ['examples/reference-server/test/*.test.ts'],
          exclude: [
            'examples/reference-server/test/e2e-*.test.ts',
            'examples/reference-server/test/{checkpoints,wal-sync,sqlite-migrations,search-index}.test.ts',
            'examples/reference-server/test/{group-commit,group-commit-crash}.test.ts',
            'examples/reference-server/test/{routing,schedule,frames,frame-text,static}.test.ts',
            'examples/reference-server/test/{postgres-*,cluster-*}.test.ts',
            // Files' pure functions, and the tests that open both engines themselves.
            'examples/reference-server/test/{files-sniff,files-safe-name,files-prepare,files-storage,attachment-rows,handoff-rows,handoff-token,handoff-greeting}.test.ts',
          ],
          env: { CLAVARD_TEST_DATABASE: 'postgres' },
        },
      },
    ],
    restoreMocks: true,
    // A private Postgres and Redis for the run, stopped at its end (scripts/test-services.ts).
    globalSetup: ['./scripts/test-services.ts'],
    // A guard against hangs, not a measure of speed: the shared two-core machines run a test several
    // times slower when busy (password hashing, browsers), and speed is measured in benchmarks only.
    testTimeout: 20_000,
    benchmark: { include: ['packages/*/bench/**/*.bench.ts'] },
  },
});
