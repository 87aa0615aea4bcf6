#!/usr/bin/env node
// Load test of the reference server: a benchmark, never part of `npm test` (run by `npm run bench`).
// The server runs as a separate process (dist/main.js, built when missing) on 127.0.0.1 with a free port
// and a temporary database; this process opens `--visitors` WebSocket visitors that each say hello, then
// send `--messages` messages, one in flight per visitor as the widget's outbox does, with `--pace-ms` of
// think time between an ack and the next send. Bounded in count and time; loopback only.
//
//   node examples/reference-server/bench/load.mjs [--visitors 1000] [--messages 10] [--pace-ms 100]
//
// Exits 1 when a message is lost (no ack), acked twice, answered with an error, or not stored once.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const mainFile = join(serverDir, 'dist/main.js');

const { values: args } = parseArgs({
  options: {
    visitors: { type: 'string', default: '1000' },
    messages: { type: 'string', default: '10' },
    'pace-ms': { type: 'string', default: '100' },
    'ack-timeout-ms': { type: 'string', default: '10000' },
  },
});
const MESSAGES = Number(args.messages);
const PACE_MS = Number(args['pace-ms']);
const ACK_TIMEOUT_MS = Number(args['ack-timeout-ms']);
const CONNECT_BATCH = 100; // connections opened at once (the listen backlog is 511)
const START = performance.now();
const DEADLINE = START + 55_000; // everything stops by itself well under a minute
const left = () => Math.max(0, DEADLINE - performance.now());
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const within = (promise, ms) => Promise.race([promise, sleep(ms).then(() => 'timeout')]);

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

//#region measures
const procStatus = (pid, field) => {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
};
const cpuSeconds = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / clockTicks; // utime + stime
};
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
//#endregion

//#region the server, as a child process
const dataDir = mkdtempSync(join(tmpdir(), 'clavard-load-'));
const database = join(dataDir, 'load.db');
const server = spawn(process.execPath, [mainFile], {
  cwd: serverDir,
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CLAVARD_DB: database },
  stdio: ['ignore', 'pipe', 'pipe'],
});
const serverExited = new Promise((resolve) =>
  server.once('exit', (code, signal) => resolve({ code, signal })),
);
const serverErrors = [];
server.stderr
  .setEncoding('utf8')
  .on('data', (chunk) => serverErrors.push(...chunk.split('\n').filter(Boolean)));
let stdout = '';
const serverUrl = new Promise((resolve, reject) => {
  server.stdout.setEncoding('utf8').on('data', (chunk) => {
    stdout += chunk;
    const http = stdout.match(/Clavard reference server on (http:\/\/\S+)/)?.[1];
    const ws = stdout.match(/widget\s+(ws:\/\/\S+)/)?.[1];
    if (http) resolve(ws ?? `${http.replace(/^http/, 'ws')}/clavard/ws`);
  });
  server.once('exit', (code) =>
    reject(new Error(`the server exited (${code}) before printing its URL:\n${stdout}`)),
  );
});
const stopServer = async () => {
  if (server.exitCode !== null || server.signalCode !== null) return serverExited;
  server.kill('SIGTERM'); // graceful: closes connections and the database
  if ((await within(serverExited, 5000)) === 'timeout') server.kill('SIGKILL');
  return serverExited;
};
const cleanUp = () => {
  if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
};
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.once(signal, () => {
    console.error(`load test stopped by ${signal}`);
    cleanUp();
    process.exit(code);
  });
}
//#endregion

//#region visitors
const runId = Date.now().toString(36);
const stats = {
  connectFailures: 0,
  unexpectedCloses: 0,
  errorFrames: new Map(), // code → count
  duplicateAcks: 0,
  timeouts: 0,
  framesReceived: 0,
  queueUpdates: 0,
};
const pending = new Map(); // clientId → { sentAt, visitor, resolve }
const acked = new Map(); // clientId → { latency, seq, conversationId, phase, at }
const serverEvents = []; // { conversationId, seq } of conversation events pushed to visitors

const openVisitor = (url, index) =>
  new Promise((resolve) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    const visitor = { index, socket, welcomed: false, closing: false };
    const fail = () => {
      if (!visitor.welcomed) {
        stats.connectFailures++;
        resolve(undefined);
      } else if (!visitor.closing) stats.unexpectedCloses++;
    };
    socket.on('open', () => socket.send(JSON.stringify({ type: 'session.hello', v: '1.0', locale: 'en' })));
    socket.on('error', () => {}); // reported by 'close'
    socket.on('close', fail);
    socket.on('message', (data) => {
      stats.framesReceived++;
      const frame = JSON.parse(data.toString());
      if (frame.type === 'session.welcome') {
        visitor.welcomed = true;
        resolve(visitor);
      } else if (frame.type === 'ping') {
        socket.send(
          JSON.stringify(frame.id === undefined ? { type: 'pong' } : { type: 'pong', id: frame.id }),
        );
      } else if (frame.type === 'message.ack') {
        const now = performance.now();
        const sent = pending.get(frame.clientId);
        if (!sent || acked.has(frame.clientId)) {
          stats.duplicateAcks++;
          return;
        }
        pending.delete(frame.clientId);
        acked.set(frame.clientId, {
          latency: now - sent.sentAt,
          seq: frame.seq,
          conversationId: frame.conversationId,
          phase: sent.phase,
          at: now,
        });
        sent.resolve();
      } else if (frame.type === 'queue.update') {
        stats.queueUpdates++;
      } else if (typeof frame.seq === 'number' && typeof frame.conversationId === 'string') {
        // A conversation event pushed to the visitor: its own message echoed, or one the server added (with
        // nobody signed in, the leave-a-message form).
        serverEvents.push({ conversationId: frame.conversationId, seq: frame.seq });
      } else if (frame.type === 'error') {
        stats.errorFrames.set(frame.code, (stats.errorFrames.get(frame.code) ?? 0) + 1);
      }
    });
  });

const sendMessage = (visitor, number, phase) => {
  const clientId = `load-${runId}-v${visitor.index}-m${number}`;
  const acknowledged = new Promise((resolve) => {
    pending.set(clientId, { sentAt: performance.now(), phase, resolve });
  });
  visitor.socket.send(
    JSON.stringify({
      type: 'message.send',
      clientId,
      text: `Message ${number} from visitor ${visitor.index}`,
    }),
  );
  return within(acknowledged, Math.min(ACK_TIMEOUT_MS, left())).then((result) => {
    if (result === 'timeout') stats.timeouts++;
  });
};
//#endregion

let exitCode = 1;
try {
  const url = await within(serverUrl, 15_000);
  if (url === 'timeout') throw new Error(`the server printed no URL within 15 s:\n${stdout}`);
  const rssIdle = procStatus(server.pid, 'VmRSS');
  let rssPeak = rssIdle;
  let loadRssPeak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, procStatus(server.pid, 'VmRSS'));
    loadRssPeak = Math.max(loadRssPeak, process.memoryUsage.rss());
  }, 100);

  // 1. Connect every visitor (batches of CONNECT_BATCH), each with its hello answered.
  const connectStart = performance.now();
  const connected = [];
  for (let from = 0; from < visitors && left() > 0; from += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, visitors - from) }, (_, i) =>
      openVisitor(url, from + i),
    );
    const opened = await within(Promise.all(batch), Math.min(10_000, left()));
    if (opened === 'timeout') break;
    connected.push(...opened.filter(Boolean));
  }
  const connectMs = performance.now() - connectStart;
  const rssConnected = procStatus(server.pid, 'VmRSS');

  // 2. Every visitor's first message at once: each opens a conversation (and a queue broadcast).
  const firstStart = performance.now();
  await Promise.all(connected.map((visitor) => sendMessage(visitor, 1, 'first')));
  const firstMs = performance.now() - firstStart;

  // 3. Steady phase: messages 2..N, one in flight per visitor, PACE_MS (±50%) after each ack.
  const steadyStart = performance.now();
  const serverCpuStart = cpuSeconds(server.pid);
  const loadCpuStart = process.cpuUsage();
  await Promise.all(
    connected.map(async (visitor) => {
      await sleep(Math.random() * PACE_MS); // spread the starts
      for (let number = 2; number <= MESSAGES && left() > 0; number++) {
        await sendMessage(visitor, number, 'steady');
        await sleep(PACE_MS * (0.5 + Math.random()));
      }
    }),
  );
  const steadyMs = performance.now() - steadyStart;
  const serverCpu = cpuSeconds(server.pid) - serverCpuStart;
  const loadCpu = process.cpuUsage(loadCpuStart);
  clearInterval(sampler);
  const rssHighWater = procStatus(server.pid, 'VmHWM');

  // 4. Close the visitors, stop the server gracefully, then count what the database holds.
  for (const visitor of connected) visitor.closing = true;
  await within(
    Promise.all(
      connected.map(
        (visitor) =>
          new Promise((resolve) => {
            visitor.socket.once('close', resolve);
            visitor.socket.close();
          }),
      ),
    ),
    5000,
  );
  const exit = await stopServer();
  const Database = createRequire(join(serverDir, 'package.json'))('better-sqlite3');
  const db = new Database(database, { readonly: true });
  const stored = db.prepare("SELECT count(*) AS n FROM events WHERE type = 'message'").get().n;
  const storedAcks = db.prepare('SELECT count(*) AS n FROM acks').get().n;
  db.close();

  // 5. Figures.
  const sent = acked.size + pending.size;
  const lost = pending.size;
  const steady = [...acked.values()].filter((ack) => ack.phase === 'steady');
  const first = [...acked.values()].filter((ack) => ack.phase === 'first');
  const steadyTimes = steady.map((ack) => ack.at).sort((a, b) => a - b);
  // Rate over the 5th–95th percentile of ack times: the ramp at both ends left out.
  const t5 = percentile(steadyTimes, 5);
  const t95 = percentile(steadyTimes, 95);
  const steadyRate = steadyTimes.length > 1 ? (0.9 * steadyTimes.length) / ((t95 - t5) / 1000) : Number.NaN;
  const latencies = (acks) => acks.map((ack) => ack.latency).sort((a, b) => a - b);
  const steadyLatency = latencies(steady);
  const firstLatency = latencies(first);
  // Every seq a visitor learnt (its acks, and the events pushed to it: its own messages echoed, the forms
  // the server asked) must make 1..n per conversation.
  const seqsByConversation = new Map();
  for (const { conversationId, seq } of [...acked.values(), ...serverEvents]) {
    const seqs = seqsByConversation.get(conversationId) ?? new Set();
    seqs.add(seq);
    seqsByConversation.set(conversationId, seqs);
  }
  const seqOk = [...seqsByConversation.values()].every((seqs) =>
    [...seqs].sort((a, b) => a - b).every((seq, i) => seq === i + 1),
  );
  const errorFrames = [...stats.errorFrames.values()].reduce((a, b) => a + b, 0);

  const rows = [
    ['visitors connected (concurrent)', `${connected.length} / ${visitors} in ${ms(connectMs)}`],
    ['messages per visitor, pace', `${MESSAGES}, one in flight, ${PACE_MS} ms ±50% after each ack`],
    ['messages sent / acked / lost', `${sent} / ${acked.size} / ${lost}`],
    [
      'first messages (new conversation)',
      `${first.length} in ${ms(firstMs)} (${(first.length / (firstMs / 1000)).toFixed(0)} msg/s)`,
    ],
    ['  latency p50 / p99', `${ms(percentile(firstLatency, 50))} / ${ms(percentile(firstLatency, 99))}`],
    ['steady messages', `${steady.length} in ${ms(steadyMs)}`],
    ['  acks per second (5–95% window)', steadyRate.toFixed(0)],
    [
      '  latency send→ack p50 / p99 / max',
      `${ms(percentile(steadyLatency, 50))} / ${ms(percentile(steadyLatency, 99))} / ${ms(steadyLatency.at(-1))}`,
    ],
    [
      '  server CPU / load CPU',
      `${((serverCpu / steadyMs) * 100_000).toFixed(0)}% / ${(((loadCpu.user + loadCpu.system) / 1000 / steadyMs) * 100).toFixed(0)}% of one core`,
    ],
    [
      'server RSS idle → connected → peak',
      `${mib(rssIdle)} → ${mib(rssConnected)} → ${mib(rssPeak)} (VmHWM ${mib(rssHighWater)})`,
    ],
    ['load process RSS peak', mib(loadRssPeak)],
    ['frames received by visitors (queue.update)', `${stats.framesReceived} (${stats.queueUpdates})`],
    [
      'acked twice / error frames / ack timeouts',
      `${stats.duplicateAcks} / ${errorFrames} / ${stats.timeouts}`,
    ],
    ['connect failures / unexpected closes', `${stats.connectFailures} / ${stats.unexpectedCloses}`],
    ['conversation events pushed to visitors', String(serverEvents.length)],
    ['seq per conversation 1..n, gap-free', seqOk ? 'yes' : 'NO'],
    ['stored in the database (messages / acks)', `${stored} / ${storedAcks}`],
    ['server exit / stderr lines', `${exit.code ?? exit.signal} / ${serverErrors.length}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(
    `\nClavard reference server load test (${url}, loopback, ${((performance.now() - START) / 1000) | 0} s)`,
  );
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
  for (const [code, count] of stats.errorFrames) console.log(`  error frame ${code}: ${count}`);
  for (const line of serverErrors.slice(0, 5)) console.log(`  server: ${line}`);

  const ok =
    lost === 0 &&
    stats.duplicateAcks === 0 &&
    errorFrames === 0 &&
    stats.connectFailures === 0 &&
    connected.length === visitors &&
    sent === visitors * MESSAGES &&
    stored === sent &&
    storedAcks === sent &&
    seqOk;
  console.log(
    ok ? '\nOK: every message acked exactly once and stored once.' : '\nFAILED: see the table above.',
  );
  exitCode = ok ? 0 : 1;
} catch (error) {
  console.error(`load test failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  cleanUp();
}
process.exit(exitCode);
