// One run of the load test against one server process (the reference server, or the floor): start it on
// 127.0.0.1 with a temporary database, connect the visitors, send the first messages (each a new
// conversation), then the steady phase, stop it, count what the database holds, and return the figures.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCrowd } from './load-visitors.mjs';

const CONNECT_BATCH = 100; // connections opened at once (the listen backlog is 511)
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const within = (promise, ms) => Promise.race([promise, sleep(ms).then(() => 'timeout')]);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const procStatus = (pid, field) => {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
};
const cpuSeconds = (pid, clockTicks) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / clockTicks; // utime + stime
};

/** Starts one node of `target` as a child process; resolves with its URL, its pid and how to stop it. */
async function startServer(target, env) {
  const server = spawn(process.execPath, target.args, {
    cwd: target.cwd,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
  const errors = [];
  server.stderr.setEncoding('utf8').on('data', (chunk) => errors.push(...chunk.split('\n').filter(Boolean)));
  let stdout = '';
  const url = new Promise((resolve, reject) => {
    server.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
      const found = target.urlIn(stdout);
      if (found) resolve(found);
    });
    server.once('exit', (code) =>
      reject(new Error(`${target.name} exited (${code}) before its URL:\n${stdout}`)),
    );
  });
  const running = () => server.exitCode === null && server.signalCode === null;
  const stop = async () => {
    if (!running()) return exited;
    server.kill('SIGTERM'); // graceful: closes connections and the database
    if ((await within(exited, 5000)) === 'timeout') server.kill('SIGKILL');
    return exited;
  };
  const waited = await within(url, 15_000);
  if (waited === 'timeout') {
    server.kill('SIGKILL');
    throw new Error(`${target.name} printed no URL within 15 s:\n${stdout}`);
  }
  return { url: waited, pid: server.pid, errors, stop, kill: () => running() && server.kill('SIGKILL') };
}

/**
 * Phases 1–3 with `crowd` against `urls` (visitor i on node i mod n, as a load balancer spreads them);
 * returns the connected visitors and the phases' times, the CPU summed over the nodes' `pids`.
 */
async function drive(crowd, urls, { visitors, messages, paceMs, left }, pids, clockTicks) {
  const cpu = () => pids.reduce((sum, pid) => sum + cpuSeconds(pid, clockTicks), 0);
  const connectStart = performance.now();
  const connected = [];
  for (let from = 0; from < visitors && left() > 0; from += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, visitors - from) }, (_, i) =>
      crowd.open(urls[(from + i) % urls.length], from + i),
    );
    const opened = await within(Promise.all(batch), Math.min(10_000, left()));
    if (opened === 'timeout') break;
    connected.push(...opened.filter(Boolean));
  }
  const connectMs = performance.now() - connectStart;
  // Every visitor's first message at once: each opens a conversation.
  const firstStart = performance.now();
  await Promise.all(connected.map((visitor) => crowd.send(visitor, 1, 'first')));
  const firstMs = performance.now() - firstStart;
  // Steady phase: messages 2..N, one in flight per visitor, paceMs (±50%) after each ack.
  const steadyStart = performance.now();
  const cpuStart = cpu();
  const ownCpuStart = process.cpuUsage();
  await Promise.all(
    connected.map(async (visitor) => {
      await sleep(Math.random() * paceMs); // spread the starts
      for (let number = 2; number <= messages && left() > 0; number++) {
        await crowd.send(visitor, number, 'steady');
        await sleep(paceMs * (0.5 + Math.random()));
      }
    }),
  );
  const steadyMs = performance.now() - steadyStart;
  const serverCpu = cpu() - cpuStart;
  const own = process.cpuUsage(ownCpuStart);
  // The visitors' own cost: on a two-core machine they share the cores with the server.
  const crowdCpu = (own.user + own.system) / 1e6;
  return { connected, connectMs, firstMs, steadyMs, serverCpu, crowdCpu };
}

/** The figures of one run, from what the crowd recorded. */
function figuresOf(record, phases) {
  const acks = [...record.acked.values()];
  const steady = acks.filter((ack) => ack.phase === 'steady');
  const first = acks.filter((ack) => ack.phase === 'first');
  const times = steady.map((ack) => ack.at).sort((a, b) => a - b);
  // Rate over the 5th–95th percentile of ack times: the ramp at both ends left out.
  const span = (percentile(times, 95) - percentile(times, 5)) / 1000;
  const latencies = (list) => list.map((ack) => ack.latency).sort((a, b) => a - b);
  const steadyLatency = latencies(steady);
  const firstLatency = latencies(first);
  const seqs = new Map();
  for (const { conversationId, seq } of [...acks, ...record.serverEvents]) {
    seqs.set(conversationId, (seqs.get(conversationId) ?? new Set()).add(seq));
  }
  return {
    sent: record.acked.size + record.pending.size,
    lost: record.pending.size,
    firstCount: first.length,
    firstRate: first.length / (phases.firstMs / 1000),
    firstP50: percentile(firstLatency, 50),
    firstP99: percentile(firstLatency, 99),
    steadyCount: steady.length,
    steadyRate: times.length > 1 ? (0.9 * times.length) / span : Number.NaN,
    steadyP50: percentile(steadyLatency, 50),
    steadyP99: percentile(steadyLatency, 99),
    steadyMax: steadyLatency.at(-1),
    cpuPerMessageUs: steady.length > 0 ? (phases.serverCpu * 1e6) / steady.length : Number.NaN,
    crowdCpuPerMessageUs: steady.length > 0 ? (phases.crowdCpu * 1e6) / steady.length : Number.NaN,
    errorFrames: [...record.errorFrames.values()].reduce((a, b) => a + b, 0),
    seqOk: [...seqs.values()].every((set) => [...set].sort((a, b) => a - b).every((seq, i) => seq === i + 1)),
  };
}

/**
 * Runs the load test against `target` ({ name, args, cwd, nodes?, env(dataDir), urlIn(stdout),
 * count(dataDir) }): `nodes` processes (1 unless said), each with `env(dataDir)`. Returns its figures, the
 * servers' memory (summed), and whether every message was acked exactly once and stored once.
 *
 * @example
 * const result = await runLoad(FLOOR, { visitors: 1000, messages: 10, paceMs: 100, ackTimeoutMs: 10_000, clockTicks: 100 });
 */
export async function runLoad(target, options) {
  const deadline = performance.now() + 55_000; // each run stops by itself well under a minute
  const left = () => Math.max(0, deadline - performance.now());
  const dataDir = mkdtempSync(join(tmpdir(), 'clavard-load-'));
  const servers = [];
  try {
    for (let node = 0; node < (target.nodes ?? 1); node++)
      servers.push(await startServer(target, target.env(dataDir)));
    const pids = servers.map((server) => server.pid);
    const memory = (field) => pids.reduce((sum, pid) => sum + procStatus(pid, field), 0);
    const crowd = createCrowd({ ackTimeoutMs: options.ackTimeoutMs, left });
    const rssIdle = memory('VmRSS');
    const urls = servers.map((server) => server.url);
    const phases = await drive(crowd, urls, { ...options, left }, pids, options.clockTicks);
    const rssPeak = memory('VmHWM');
    await crowd.close(phases.connected);
    const exits = [];
    for (const server of servers) exits.push(await server.stop());
    const exit = exits.find((one) => one.code !== 0) ?? exits[0];
    const { stored, storedAcks } = await target.count(dataDir);
    const { record } = crowd;
    const figures = figuresOf(record, phases);
    const ok =
      figures.lost === 0 &&
      record.duplicateAcks === 0 &&
      figures.errorFrames === 0 &&
      record.connectFailures === 0 &&
      phases.connected.length === options.visitors &&
      figures.sent === options.visitors * options.messages &&
      stored === figures.sent &&
      storedAcks === figures.sent &&
      figures.seqOk;
    return {
      target,
      url: urls.join(' + '),
      figures,
      phases,
      record,
      rssIdle,
      rssPeak,
      stored,
      storedAcks,
      exit,
      errors: servers.flatMap((server) => server.errors),
      ok,
    };
  } finally {
    for (const server of servers) server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
