/**
 * The reference server as a real child process (`node dist/main.js`, rebuilt when older than its
 * sources), for the tests that need what only a process has: a SIGKILL, or its log output.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const mainFile = join(serverDir, 'dist/main.js');
const START_MS = 15_000;

/** The newest modification time under `dir`, in ms. */
const newestIn = (dir: string): number =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((newest, entry) => Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);

/** Builds dist/main.js with the package's build script when it is missing or older than the sources. */
export function ensureServerBuilt(): void {
  const sources = Math.max(
    newestIn(join(serverDir, 'src')),
    newestIn(join(repoRoot, 'packages/protocol/src')),
  );
  if (existsSync(mainFile) && statSync(mainFile).mtimeMs >= sources) return;
  const build = spawnSync(
    'npx',
    ['-y', 'pnpm@10.34.8', '--filter', '@clavard/reference-server', 'run', 'build'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  if (build.status !== 0)
    throw new Error(`the reference server did not build:\n${build.stdout}${build.stderr}`);
}

/** A port that was free a moment ago: bind port 0, read it, close. */
export function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A running server process. */
export interface ServerProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>` as the server printed it. */
  url: string;
  /** Resolves with the signal (or exit code) once the process is gone. */
  exited: Promise<string>;
  /** Everything it has written to stdout and stderr so far: its log. */
  output(): string;
}

const children = new Set<ChildProcess>();

/**
 * Spawns `node dist/main.js` on `port` with the database file `database` (and `env` on top), and
 * resolves once it prints its URL (it listens by then).
 *
 * @example
 * ```ts
 * const server = await startServerProcess(await freePort(), join(dir, 'clavard.db'));
 * ```
 */
export function startServerProcess(
  port: number,
  database: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [mainFile], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ...(/^postgres(ql)?:\/\//.test(database)
        ? { CLAVARD_DATABASE_URL: database }
        : { CLAVARD_DB: database }),
      // Julie (an admin) and Marc, password `demo`.
      CLAVARD_DEMO_AGENTS: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve(signal ?? `exit ${code}`);
    }),
  );
  let output = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), START_MS);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const url = output.match(/Clavard reference server on (http:\/\/\S+)/)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, exited, output: () => output });
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${how}) before printing its URL:\n${output}`));
    });
  });
}

/** Kills (SIGKILL) every server process still running and waits for each to be gone. */
export async function killServerProcesses(): Promise<void> {
  for (const child of [...children]) {
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
  }
}
