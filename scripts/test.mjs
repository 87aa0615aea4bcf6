#!/usr/bin/env node
// The whole test suite, in the order that fails fastest: types, lint, the build, unit and browser tests,
// the published shape of each package, and the size budgets. Any failing step fails the run.
// Works on a fresh clone: it installs the dependencies, Chromium, Postgres and Redis first when they are
// missing (vitest then starts private Postgres and Redis servers for the run: scripts/test-services.ts).
import { spawnSync } from 'node:child_process';
import { ensureChromium, ensureDependencies, ensureServices, PNPM } from './setup.mjs';

const bin = (name) => `node_modules/.bin/${name}`;
const steps = [
  ['type check', bin('tsc'), ['-p', 'tsconfig.json']],
  ['lint and format', bin('biome'), ['check', '.']],
  ['build', PNPM[0], [...PNPM[1], 'run', 'build']],
  ['tests', bin('vitest'), ['run']],
  ['package checks (publint, attw)', 'node', ['scripts/check-packages.mjs']],
  ['size budgets', bin('size-limit'), []],
];

try {
  ensureDependencies();
  ensureChromium();
  ensureServices();
} catch (error) {
  console.error(`✖ setup: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const { status, error } = spawnSync(command, args, { stdio: 'inherit' });
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
console.log('\nAll checks passed.');
