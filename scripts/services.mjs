// Private Postgres and Redis servers for the tests: each test run starts its own, on free loopback ports,
// with their files in a temporary folder, and stops them at the end, so a run never touches a database
// anyone else uses and leaves nothing behind. Postgres refuses to run as root: as root, its files belong to
// the `postgres` system user and its commands run as that user (Debian's package creates it).
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** A free TCP port on 127.0.0.1 (asked of the system, then released for the server to take). */
const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Where Debian puts Postgres's programs (the newest version installed), or undefined. */
export function postgresBin() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/** Where `redis-server` is, or undefined. */
export function redisBin() {
  return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => existsSync(path));
}

/** Runs a Postgres program as the user Postgres runs as; throws with its output when it fails. */
function asPostgres(bin, program, args) {
  const command = isRoot() ? 'runuser' : join(bin, program);
  const argv = isRoot() ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
  const result = spawnSync(command, argv, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `${program} failed: ${result.error?.message ?? ''}${result.stderr ?? ''}${result.stdout ?? ''}`,
    );
  }
}

/**
 * Starts a private Postgres: a new cluster in a temporary folder, trusting local connections, listening
 * on 127.0.0.1 only. Resolves `{ url, stop }`; `stop()` shuts it down and removes its files.
 *
 * @example
 * const postgres = await startPostgres();
 * // postgres.url: postgres://postgres@127.0.0.1:41234/postgres
 * await postgres.stop();
 */
export async function startPostgres() {
  const bin = postgresBin();
  if (!bin) throw new Error('Postgres is not installed (Debian: apt-get install -y postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'clavard-postgres-'));
  if (isRoot()) chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout), -1);
  const data = join(dir, 'data');
  const port = await freePort();
  const user = isRoot() ? 'postgres' : userInfo().username;
  let started = false;
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    try {
      if (started) asPostgres(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    // No locale: the machine's (LANG) may not be generated, and the tests compare nothing by collation.
    asPostgres(bin, 'initdb', [
      '-D',
      data,
      '-U',
      user,
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-locale',
      '--no-instructions',
    ]);
    asPostgres(bin, 'pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
      '-w',
      'start',
    ]);
    started = true;
  } catch (error) {
    stopNow();
    throw error;
  }
  return { url: `postgres://${user}@127.0.0.1:${port}/postgres`, stop: async () => stopNow(), stopNow };
}

/** Resolves once something accepts TCP connections on the port, or rejects after `ms`. */
const listening = (port, ms) =>
  new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on port ${port} after ${ms} ms`));
        else setTimeout(attempt, 20);
      });
    };
    attempt();
  });

/**
 * Creates the database `name` on the Postgres at `adminUrl` (a server started by {@link startPostgres});
 * resolves with its URL. The client is the reference server's (`pg`), loaded only when called.
 *
 * @example
 * const url = await createDatabase(postgres.url, 'clavard');
 * // postgres://postgres@127.0.0.1:41234/clavard
 */
export async function createDatabase(adminUrl, name) {
  const serverPackage = fileURLToPath(new URL('../examples/reference-server/package.json', import.meta.url));
  const pg = createRequire(serverPackage)('pg');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Starts a private Redis on 127.0.0.1 (on `port` when given: a restart on the same one), keeping nothing
 * on disk. Resolves `{ url, stop }`.
 *
 * @example
 * const redis = await startRedis();
 * // redis.url: redis://127.0.0.1:41235
 * await redis.stop();
 */
export async function startRedis({ port: given } = {}) {
  const bin = redisBin();
  if (!bin) throw new Error('Redis is not installed (Debian: apt-get install -y redis-server)');
  const port = given ?? (await freePort());
  const child = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stopNow = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  try {
    await listening(port, 10_000);
    // Someone else may have taken the port first: then ours has exited, unable to bind it.
    if (child.exitCode !== null)
      throw new Error(`redis-server exited (${child.exitCode}): port ${port} taken?`);
  } catch (error) {
    stopNow();
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      stopNow();
      await exited;
    },
    stopNow,
  };
}
