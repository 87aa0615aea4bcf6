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
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { summarizeProfile } from './cpu-profile.mjs';
import { runLoad } from './load-run.mjs';
import { buildServer, compare, floorTarget, print, report, sqliteTarget } from './load-targets.mjs';

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
if (!existsSync(mainFile)) buildServer();
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

const profileDir =
  args['profile-dir'] ?? (args.profile ? mkdtempSync(join(tmpdir(), 'clavard-profile-')) : undefined);

const options = { visitors, messages: MESSAGES, paceMs: PACE_MS, ackTimeoutMs: ACK_TIMEOUT_MS, clockTicks };
let exitCode = 1;
try {
  console.log(
    `Load test: ${visitors} visitors × ${MESSAGES} messages, one in flight, ${PACE_MS} ms ±50% after each ack`,
  );
  const floor = await runLoad(floorTarget(), options);
  report(floor, visitors);
  const server = await runLoad(sqliteTarget({ profileDir }), options);
  report(server, visitors);
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
