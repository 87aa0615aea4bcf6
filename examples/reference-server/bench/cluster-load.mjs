#!/usr/bin/env node
// The load test of a cluster: a benchmark, never part of `npm test` (run by `npm run bench`). The same
// workload as load.mjs runs three times in one run, each against its own processes on 127.0.0.1: the
// floor (one INSERT per message, on SQLite), then the reference server on Postgres with Redis, one node,
// then two nodes (the visitors spread over them as a load balancer would). Postgres and Redis are private
// ones started for the run (scripts/services.mjs), each run on a database of its own. Two nodes on a
// two-core machine share the same cores as Postgres, Redis and the visitors: they cannot be twice as fast
// here; the figures say what one machine can show.
//
//   node examples/reference-server/bench/cluster-load.mjs [--visitors 1000] [--messages 10] [--pace-ms 100]
//
// Exits 1 when a message is lost, acked twice, answered with an error, or not stored once.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { createDatabase, startPostgres, startRedis } from '../../../scripts/services.mjs';
import { runLoad } from './load-run.mjs';
import { buildServer, compare, floorTarget, postgresTarget, print, report } from './load-targets.mjs';

const { values: args } = parseArgs({
  options: {
    visitors: { type: 'string', default: '1000' },
    messages: { type: 'string', default: '10' },
    'pace-ms': { type: 'string', default: '100' },
    'ack-timeout-ms': { type: 'string', default: '10000' },
  },
});
const visitors = Number(args.visitors);
const options = {
  visitors,
  messages: Number(args.messages),
  paceMs: Number(args['pace-ms']),
  ackTimeoutMs: Number(args['ack-timeout-ms']),
  clockTicks: Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100,
};

buildServer();

const postgres = await startPostgres();
const redis = await startRedis();
let exitCode = 1;
try {
  console.log(
    `Cluster load test: ${visitors} visitors × ${options.messages} messages, one in flight, ` +
      `${options.paceMs} ms ±50% after each ack; Postgres and Redis of this run on 127.0.0.1`,
  );
  const floor = await runLoad(floorTarget(), options);
  report(floor, visitors);
  const runs = [];
  for (const nodes of [1, 2]) {
    const databaseUrl = await createDatabase(postgres.url, `clavard_load_${nodes}`);
    const result = await runLoad(postgresTarget({ nodes, databaseUrl, redisUrl: redis.url }), options);
    report(result, visitors);
    compare(floor, result, result.target.name);
    runs.push(result);
  }
  const [one, two] = runs.map((run) => run.figures);
  console.log('\ntwo nodes ÷ one node, same run');
  print([
    [
      'steady acks per second',
      `${two.steadyRate.toFixed(0)} ÷ ${one.steadyRate.toFixed(0)} = ${(two.steadyRate / one.steadyRate).toFixed(2)}×`,
    ],
    ['steady send→ack p99', `${two.steadyP99.toFixed(1)} ms vs ${one.steadyP99.toFixed(1)} ms`],
    [
      'first messages per second',
      `${two.firstRate.toFixed(0)} ÷ ${one.firstRate.toFixed(0)} = ${(two.firstRate / one.firstRate).toFixed(2)}×`,
    ],
  ]);
  const ok = floor.ok && runs.every((run) => run.ok);
  console.log(
    ok
      ? '\nOK: every message acked exactly once and stored once, by all three.'
      : '\nFAILED: see the tables above.',
  );
  exitCode = ok ? 0 : 1;
} catch (error) {
  console.error(`cluster load test failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await redis.stop();
  await postgres.stop();
}
process.exit(exitCode);
