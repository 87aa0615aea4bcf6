#!/usr/bin/env node
// publint and @arethetypeswrong/cli on every published package, on what `npm pack` would ship.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const packages = readdirSync('packages', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => `packages/${entry.name}`);

let failed = false;
for (const dir of packages) {
  for (const [command, args] of [
    ['../../node_modules/.bin/publint', ['--strict', '--pack', 'npm']],
    ['../../node_modules/.bin/attw', ['--pack', '.', '--profile', 'esm-only', '--format', 'table-flipped']],
  ]) {
    console.log(`\n${dir}: ${command}`);
    const { status } = spawnSync(command, args, { cwd: dir, stdio: 'inherit' });
    if (status !== 0) failed = true;
  }
}
process.exit(failed ? 1 : 0);
