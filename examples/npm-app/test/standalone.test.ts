// examples/npm-app outside the repository: the folder is copied to a temporary directory and installed with
// npm from tarballs only, offline and with an empty npm cache: the workspace packages it uses as `pnpm pack`
// makes them (their `workspace:` ranges become semver), and every other package it needs packed from the
// workspace's node_modules. Then what was installed must meet the app's own semver ranges (`npm ls`),
// `npm run build` must bundle the widget, and `node server.mjs` must serve it.
// Needs the packages built (`pnpm run build`, as `npm test` does first).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const appDir = fileURLToPath(new URL('..', import.meta.url));
const PNPM = ['npx', ['-y', 'pnpm@10.34.8']] as const;
let temp = '';
let server: ChildProcess | undefined;

/** The folder of package `name` as Node would find it from `from` (following pnpm's links), if any. */
function findPackage(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Every package the app installs, transitively, as folders: its dependencies and devDependencies, theirs,
 * their optional dependencies that are installed here (esbuild's binary for this platform), and their peers.
 */
function packagesToInstall(): string[] {
  const found = new Set<string>();
  const visit = (dir: string, names: string[]) => {
    for (const name of names) {
      const folder = findPackage(name, dir);
      if (folder === undefined || found.has(folder)) continue;
      found.add(folder);
      const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
      const peers = Object.keys(manifest.peerDependencies ?? {}).filter(
        (peer) => !manifest.peerDependenciesMeta?.[peer]?.optional,
      );
      visit(folder, [
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.optionalDependencies ?? {}),
        ...peers,
      ]);
    }
  };
  const app = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8'));
  visit(appDir, [...Object.keys(app.dependencies), ...Object.keys(app.devDependencies ?? {})]);
  return [...found];
}

beforeAll(async () => {
  if (!existsSync(fileURLToPath(new URL('../../../packages/widget/dist/index.js', import.meta.url))))
    throw new Error('packages/widget/dist is missing: run `npx -y pnpm@10.34.8 run build` first');
  temp = mkdtempSync(join(tmpdir(), 'clavard-npm-app-'));
  const tarballs = join(temp, 'tarballs');
  mkdirSync(tarballs);
  cpSync(appDir, join(temp, 'app'), {
    recursive: true,
    filter: (path) => !/^(node_modules|dist|test)(\/|$)/.test(relative(appDir, path)),
  });
  const folders = packagesToInstall();
  const inWorkspace = folders.filter((folder) => !folder.split(sep).includes('node_modules'));
  const others = folders.filter((folder) => !inWorkspace.includes(folder));
  await Promise.all([
    ...inWorkspace.map((folder) =>
      run(PNPM[0], [...PNPM[1], 'pack', '--pack-destination', tarballs], { cwd: folder }),
    ),
    run('npm', ['pack', '--ignore-scripts', '--pack-destination', tarballs, ...others], { cwd: temp }),
  ]);
  const files = readdirSync(tarballs).map((file) => join(tarballs, file));
  const npmFlags = ['--offline', '--no-audit', '--no-fund', '--cache', join(temp, 'npm-cache')];
  // npm saves the tarballs' paths as the ranges; the app's own ranges come back for `npm ls` to check.
  const manifest = readFileSync(join(temp, 'app/package.json'), 'utf8');
  await run('npm', ['install', ...npmFlags, ...files], { cwd: join(temp, 'app') });
  writeFileSync(join(temp, 'app/package.json'), manifest);
}, 90_000);

afterAll(async () => {
  if (server?.exitCode === null) {
    const gone = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await gone;
  }
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('examples/npm-app copied out of the repository', () => {
  it('declares only ordinary semver ranges, nothing of the workspace', () => {
    const manifest = readFileSync(join(appDir, 'package.json'), 'utf8');
    expect(manifest).not.toMatch(/workspace:|file:|link:|example-dev-server/);
  });

  it('has what its own package.json asks for installed (npm ls)', async () => {
    await run('npm', ['ls', '--all', '--offline'], { cwd: join(temp, 'app') });
  }, 15_000);

  it('builds with npm run build: the bundle has the widget and the app', async () => {
    await run('npm', ['run', 'build'], { cwd: join(temp, 'app') });
    const bundle = readFileSync(join(temp, 'app/dist/app.js'), 'utf8');
    expect(bundle).toContain('clavard-composer'); // the widget's composer
    expect(bundle).toContain('Atelier Lumen'); // the app's brand
    expect(bundle).not.toMatch(/from\s*["']@clavard\//);
  }, 30_000);

  it('serves the page and the bundle with node server.mjs', async () => {
    server = spawn(process.execPath, ['server.mjs'], {
      cwd: join(temp, 'app'),
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      server?.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        const found = output.match(/npm app: (http:\/\/127\.0\.0\.1:\d+\/)/)?.[1];
        if (found) resolve(found);
      });
      server?.once('exit', (code) => reject(new Error(`server.mjs exited (${code}):\n${output}`)));
    });
    const page = await fetch(url);
    expect(await page.text()).toContain('<script type="module" src="/app.js">');
    const app = await fetch(new URL('app.js', url));
    expect(app.status).toBe(200);
    expect(await app.text()).toContain('clavard-composer');
  }, 15_000);
});
