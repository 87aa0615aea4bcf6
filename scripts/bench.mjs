#!/usr/bin/env node
// Benchmarks (never part of the tests): vitest bench over packages/*/bench, figures printed as a table.
import { spawnSync } from 'node:child_process';
import { ensureDependencies } from './setup.mjs';

ensureDependencies();
const { status } = spawnSync('node_modules/.bin/vitest', ['bench', '--run', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(status ?? 1);
