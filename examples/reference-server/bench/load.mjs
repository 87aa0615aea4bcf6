#!/usr/bin/env node
// Load test of the reference server: a benchmark, never part of `npm test` (run by `npm run bench`).
// The same workload runs twice, each against a separate process on 127.0.0.1 with a free port and a
// temporary database: first the floor (floor-server.mjs: one INSERT and an ack per message, nothing
// else), then the reference server (dist/main.js, built when missing). `--visitors` WebSocket visitors
// each say hello, then send `--messages` messages, one in flight per visitor as the widget's outbox does,
// with `--pace-ms` of think time between an ack and the next send. The figures of both, and the server's
// ratio to the floor, come from the same run: absolute times on a shared machine move by 2× between
// runs. Bounded in count and time (each run under a minute); loopback only.
//
//   node examples/reference-server/bench/load.mjs [--visitors 1000] [--messages 10] [--pace-ms 100] [--profile | --profile-dir <dir>]
//
// `--profile` runs the reference server under `node --cpu-prof` and prints where its main thread's time
// went (self time by function, over the whole run); `--profile-dir <dir>` does too and keeps the
// .cpuprofile there (open it in Chrome's DevTools, Performance tab).
//
// Exits 1 when a message is lost (no ack), acked twice, answered with an error, or not stored once.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { summarizeProfile } from './cpu-profile.mjs';
import { runLoad } from './load-run.mjs';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const mainFile = join(serverDir, 'dist/main.js');

const { values: args } = parseArgs({
  options: {
    visitors: { type: 'string', default: '1000' },
    messages: { type: 'string', default: '10' },
    'pace-ms': { type: 'string', default: '100' },
    'ack-timeout-ms': { type: 'string', default: '10000' },
    profile: { type: 'boolean', default: false },
    'profile-dir': { type: 'string' },
  },
});
const MESSAGES = Number(args.messages);
const PACE_MS = Number(args['pace-ms']);
const ACK_TIMEOUT_MS = Number(args['ack-timeout-ms']);

//#region environment: build, fd limit
if (!existsSync(mainFile)) {
  console.log('dist/main.js is missing: building the reference server (tsup)…');
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
const fdLimit = Number(spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim());
let visitors = Number(args.visitors);
if (Number.isFinite(fdLimit) && fdLimit < visitors + 64) {
  const lowered = Math.max(1, fdLimit - 64);
  console.log(
    `ulimit -n is ${fdLimit}: too low for ${visitors} visitors, lowered to ${lowered} (nothing raised).`,
  );
  visitors = lowered;
}
const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
//#endregion

//#region the two servers
const Database = createRequire(join(serverDir, 'package.json'))('better-sqlite3');
/** Rows of `sql` in the database the server left (closed, read-only). */
const countIn = (database, ...queries) => {
  const db = new Database(database, { readonly: true });
  try {
    return queries.map((sql) => db.prepare(sql).get().n);
  } finally {
    db.close();
  }
};
const FLOOR = {
  name: 'floor (one INSERT per message)',
  args: [join(serverDir, 'bench/floor-server.mjs')],
  cwd: serverDir,
  urlIn: (stdout) => stdout.match(/floor on (ws:\/\/\S+)/)?.[1],
  count: (database) => {
    const [stored] = countIn(database, 'SELECT count(*) AS n FROM messages');
    return { stored, storedAcks: stored };
  },
};
const profileDir =
  args['profile-dir'] ?? (args.profile ? mkdtempSync(join(tmpdir(), 'clavard-profile-')) : undefined);
const REFERENCE = {
  name: 'reference server',
  args: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, mainFile] : [mainFile],
  cwd: serverDir,
  urlIn: (stdout) => {
    const http = stdout.match(/Clavard reference server on (http:\/\/\S+)/)?.[1];
    const ws = stdout.match(/widget\s+(ws:\/\/\S+)/)?.[1];
    return http ? (ws ?? `${http.replace(/^http/, 'ws')}/clavard/ws`) : undefined;
  },
  count: (database) => {
    const [stored, storedAcks] = countIn(
      database,
      "SELECT count(*) AS n FROM events WHERE type = 'message'",
      'SELECT count(*) AS n FROM acks',
    );
    return { stored, storedAcks };
  },
};
//#endregion

//#region figures
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');
const print = (rows) => {
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
};

/** The table of one run. */
function report(result) {
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
function compare(floor, server) {
  const ratio = (a, b) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : 'n/a');
  const [a, b] = [server.figures, floor.figures];
  console.log('\nreference server ÷ floor, same run (higher is better for rates, lower for times)');
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

const options = { visitors, messages: MESSAGES, paceMs: PACE_MS, ackTimeoutMs: ACK_TIMEOUT_MS, clockTicks };
let exitCode = 1;
try {
  console.log(
    `Load test: ${visitors} visitors × ${MESSAGES} messages, one in flight, ${PACE_MS} ms ±50% after each ack`,
  );
  const floor = await runLoad(FLOOR, options);
  report(floor);
  const server = await runLoad(REFERENCE, options);
  report(server);
  compare(floor, server);
  if (profileDir) {
    const { top, spanMs } = summarizeProfile(profileDir, repoRoot);
    console.log(
      `\nreference server's main thread, self time by function (${(spanMs / 1000).toFixed(1)} s profiled)`,
    );
    print(top.map(([share, label]) => [`${(share * 100).toFixed(1)} %`, label]));
    if (!args['profile-dir']) rmSync(profileDir, { recursive: true, force: true });
  }
  const ok = floor.ok && server.ok;
  console.log(
    ok
      ? '\nOK: every message acked exactly once and stored once, by both.'
      : '\nFAILED: see the tables above.',
  );
  exitCode = ok ? 0 : 1;
} catch (error) {
  console.error(`load test failed: ${error instanceof Error ? error.message : String(error)}`);
}
process.exit(exitCode);
