#!/usr/bin/env node
// The whole test suite, in the order that fails fastest: types, lint, unit and browser tests, the build,
// the published shape of each package, and the size budgets. Any failing step fails the run.
import { spawnSync } from 'node:child_process';

const steps = [
  ['type check', 'tsc', ['-p', 'tsconfig.json']],
  ['lint and format', 'biome', ['check', '.']],
  ['build', 'pnpm', ['run', 'build']],
  ['tests', 'vitest', ['run']],
  ['package checks (publint, attw)', 'node', ['scripts/check-packages.mjs']],
  ['size budgets', 'size-limit', []],
];

for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const { status, error } = spawnSync(command, args, { stdio: 'inherit', shell: false });
  if (error) {
    console.error(`✖ ${name}: could not start ${command}: ${error.message}`);
    process.exit(1);
  }
  if (status !== 0) {
    console.error(`✖ ${name} failed (exit ${status})`);
    process.exit(status ?? 1);
  }
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
