// What a fresh machine lacks, installed on demand: the workspace's dependencies (pnpm through npx, since
// corepack cannot be relied on here), Debian's Chromium for the browser tests, and Debian's Postgres and
// Redis for the server's tests (each run starts private instances of them: scripts/services.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { postgresBin, redisBin } from './services.mjs';

/** The pnpm every script uses: pinned, fetched by npx, never corepack. */
export const PNPM = ['npx', ['-y', 'pnpm@10.34.8']];

/** Where the browser tests expect Chromium. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command, args, options = {}) {
  const { status, error } = spawnSync(command, args, { stdio: 'inherit', ...options });
  return !error && status === 0;
}

/** Installs the workspace's dependencies when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const marker = 'node_modules/.modules.yaml';
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync('pnpm-lock.yaml').mtimeMs) return;
  console.log('Installing dependencies (pnpm install --frozen-lockfile)…');
  if (!run(PNPM[0], [...PNPM[1], 'install', '--frozen-lockfile'])) {
    throw new Error('pnpm install failed; see the output above.');
  }
}

/** Installs Debian's `chromium` package when it is missing and we are root; otherwise says what to do. */
export function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return;
  if (isRoot() && existsSync('/usr/bin/apt-get')) {
    console.log('Chromium is missing: installing the Debian package "chromium"…');
    if (aptInstall(['chromium']) && existsSync(CHROMIUM_PATH)) return;
  }
  throw new Error(
    `Chromium is required for the browser tests and was not found at ${CHROMIUM_PATH}. ` +
      'Install the Debian package "chromium" (sudo apt-get install -y chromium), or set CHROMIUM_PATH.',
  );
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Installs Debian packages (after `apt-get update`); false when that is not possible or fails. */
function aptInstall(packages) {
  if (!isRoot() || !existsSync('/usr/bin/apt-get')) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return (
    run('apt-get', ['update', '-qq'], { env }) &&
    run('apt-get', ['install', '-y', '-qq', ...packages], { env })
  );
}

/**
 * Installs Debian's `postgresql` and `redis-server` when missing and we are root; otherwise warns and says
 * what to do. The tests never use the system's own servers: if installing started them, they are stopped
 * again.
 */
export function ensureServices() {
  const missing = [postgresBin() ? undefined : 'postgresql', redisBin() ? undefined : 'redis-server'].filter(
    (name) => name !== undefined,
  );
  if (missing.length === 0) return;
  console.log(`Missing for the server's tests: installing the Debian packages ${missing.join(', ')}…`);
  if (aptInstall(missing) && postgresBin() && redisBin()) {
    for (const name of missing) spawnSync('service', [name, 'stop'], { stdio: 'ignore' });
    return;
  }
  // The other tests can still run; the server's tests that need them fail and say why.
  console.warn(
    `⚠ The server's tests need Postgres and Redis, and ${missing.join(', ')} could not be installed: ` +
      `those tests will fail. Install the Debian packages (sudo apt-get install -y ${missing.join(' ')}).`,
  );
}
