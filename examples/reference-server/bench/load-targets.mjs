// What the load tests run and print: the floor (one INSERT per message), the reference server on SQLite
// or on Postgres (one node or several, with Redis between them), and the tables of their figures.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const mainFile = join(serverDir, 'dist/main.js');
const Database = createRequire(join(serverDir, 'package.json'))('better-sqlite3');
const pg = createRequire(join(serverDir, 'package.json'))('pg');

/**
 * Builds the reference server (tsup), whose dist/main.js the load tests run; throws when it does not build.
 *
 * @example
 * if (!existsSync(mainFile)) buildServer();
 */
export function buildServer() {
  console.log('building the reference server (tsup)…');
  const build = spawnSync(
    'npx',
    ['-y', 'pnpm@10.34.8', '--filter', '@clavard/reference-server', 'run', 'build'],
    {
      cwd: repoRoot,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) throw new Error('the reference server did not build');
}

/** Rows of `sql` in the SQLite database the server left (closed, read-only). */
const countIn = (database, ...queries) => {
  const db = new Database(database, { readonly: true });
  try {
    return queries.map((sql) => db.prepare(sql).get().n);
  } finally {
    db.close();
  }
};

/** The reference server's line with its URL, or with the widget's WebSocket. */
const referenceUrlIn = (stdout) => {
  const http = stdout.match(/Clavard reference server on (http:\/\/\S+)/)?.[1];
  const ws = stdout.match(/widget\s+(ws:\/\/\S+)/)?.[1];
  return http ? (ws ?? `${http.replace(/^http/, 'ws')}/clavard/ws`) : undefined;
};
const MESSAGES_SQL = "SELECT count(*) AS n FROM events WHERE type = 'message'";
const ACKS_SQL = 'SELECT count(*) AS n FROM acks';

/**
 * The floor: one INSERT and an ack per message, nothing else (floor-server.mjs), on SQLite.
 *
 * @example
 * const floor = await runLoad(floorTarget(), options);
 */
export const floorTarget = () => ({
  name: 'floor (one INSERT per message)',
  args: [join(serverDir, 'bench/floor-server.mjs')],
  cwd: serverDir,
  env: (dataDir) => ({ CLAVARD_DB: join(dataDir, 'load.db') }),
  urlIn: (stdout) => stdout.match(/floor on (ws:\/\/\S+)/)?.[1],
  count: async (dataDir) => {
    const [stored] = countIn(join(dataDir, 'load.db'), 'SELECT count(*) AS n FROM messages');
    return { stored, storedAcks: stored };
  },
});

/**
 * The reference server (dist/main.js) on an SQLite file, under `--cpu-prof` when `profileDir` is given.
 *
 * @example
 * const server = await runLoad(sqliteTarget({}), options);
 */
export const sqliteTarget = ({ profileDir }) => ({
  name: 'reference server',
  args: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, mainFile] : [mainFile],
  cwd: serverDir,
  env: (dataDir) => ({ CLAVARD_DB: join(dataDir, 'load.db') }),
  urlIn: referenceUrlIn,
  count: async (dataDir) => {
    const [stored, storedAcks] = countIn(join(dataDir, 'load.db'), MESSAGES_SQL, ACKS_SQL);
    return { stored, storedAcks };
  },
});

/**
 * The reference server on Postgres (`databaseUrl`, a database of its own) with Redis between its
 * `nodes` processes.
 *
 * @example
 * const two = await runLoad(postgresTarget({ nodes: 2, databaseUrl, redisUrl }), options);
 */
export const postgresTarget = ({ nodes, databaseUrl, redisUrl }) => ({
  name: `reference server, ${nodes} node${nodes === 1 ? '' : 's'} on Postgres + Redis`,
  nodes,
  args: [mainFile],
  cwd: serverDir,
  env: () => ({ CLAVARD_DATABASE_URL: databaseUrl, CLAVARD_REDIS_URL: redisUrl }),
  urlIn: referenceUrlIn,
  count: async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const [messages, acks] = await Promise.all([client.query(MESSAGES_SQL), client.query(ACKS_SQL)]);
      return { stored: Number(messages.rows[0].n), storedAcks: Number(acks.rows[0].n) };
    } finally {
      await client.end();
    }
  },
});

//#region figures
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');
export const print = (rows) => {
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
};

/** The table of one run. */
export function report(result, visitors) {
  const { figures: f, phases, record } = result;
  console.log(`\n${result.target.name} (${result.url})`);
  print([
    [
      'visitors connected (concurrent)',
      `${phases.connected.length} / ${visitors} in ${ms(phases.connectMs)}`,
    ],
    ['messages sent / acked / lost', `${f.sent} / ${record.acked.size} / ${f.lost}`],
    [
      'first messages (new conversation)',
      `${f.firstCount} in ${ms(phases.firstMs)} (${f.firstRate.toFixed(0)} msg/s)`,
    ],
    ['  latency p50 / p99', `${ms(f.firstP50)} / ${ms(f.firstP99)}`],
    ['steady messages', `${f.steadyCount} in ${ms(phases.steadyMs)}`],
    ['  acks per second (5–95% window)', f.steadyRate.toFixed(0)],
    ['  latency send→ack p50 / p99 / max', `${ms(f.steadyP50)} / ${ms(f.steadyP99)} / ${ms(f.steadyMax)}`],
    ['  server CPU per message', `${f.cpuPerMessageUs.toFixed(0)} µs`],
    ["  visitors' (this process's) CPU per message", `${f.crowdCpuPerMessageUs.toFixed(0)} µs`],
    ['server RSS idle → peak (VmHWM)', `${mib(result.rssIdle)} → ${mib(result.rssPeak)}`],
    ['frames received (queue.update)', `${record.framesReceived} (${record.queueUpdates})`],
    [
      'acked twice / error frames / ack timeouts',
      `${record.duplicateAcks} / ${f.errorFrames} / ${record.timeouts}`,
    ],
    ['connect failures / unexpected closes', `${record.connectFailures} / ${record.unexpectedCloses}`],
    ['seq per conversation 1..n, gap-free', f.seqOk ? 'yes' : 'NO'],
    ['stored (messages / acks)', `${result.stored} / ${result.storedAcks}`],
    ['server exit / stderr lines', `${result.exit.code ?? result.exit.signal} / ${result.errors.length}`],
  ]);
  for (const [code, count] of record.errorFrames) console.log(`  error frame ${code}: ${count}`);
  for (const line of result.errors.slice(0, 5)) console.log(`  server: ${line}`);
}

/** The reference server against the floor, measured in the same run. */
export function compare(floor, server, name = 'reference server') {
  const ratio = (a, b) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : 'n/a');
  const [a, b] = [server.figures, floor.figures];
  console.log(`\n${name} ÷ floor, same run (higher is better for rates, lower for times)`);
  print([
    [
      'steady acks per second',
      `${a.steadyRate.toFixed(0)} ÷ ${b.steadyRate.toFixed(0)} = ${ratio(a.steadyRate, b.steadyRate)}`,
    ],
    ['steady send→ack p99', `${ms(a.steadyP99)} vs ${ms(b.steadyP99)} (${ratio(a.steadyP99, b.steadyP99)})`],
    [
      'first messages per second',
      `${a.firstRate.toFixed(0)} ÷ ${b.firstRate.toFixed(0)} = ${ratio(a.firstRate, b.firstRate)}`,
    ],
    ['first message p99', `${ms(a.firstP99)} vs ${ms(b.firstP99)} (${ratio(a.firstP99, b.firstP99)})`],
    [
      'server CPU per steady message',
      `${a.cpuPerMessageUs.toFixed(0)} µs vs ${b.cpuPerMessageUs.toFixed(0)} µs`,
    ],
  ]);
}
//#endregion
