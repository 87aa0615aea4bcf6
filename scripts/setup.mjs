// What a fresh machine lacks, installed on demand: the workspace's dependencies (pnpm through npx, since
// corepack cannot be relied on here) and Debian's Chromium for the browser tests.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

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
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('Chromium is missing: installing the Debian package "chromium"…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (
      run('apt-get', ['update', '-qq'], { env }) &&
      run('apt-get', ['install', '-y', '-qq', 'chromium'], { env })
    ) {
      if (existsSync(CHROMIUM_PATH)) return;
    }
  }
  throw new Error(
    `Chromium is required for the browser tests and was not found at ${CHROMIUM_PATH}. ` +
      'Install the Debian package "chromium" (sudo apt-get install -y chromium), or set CHROMIUM_PATH.',
  );
}
