#!/usr/bin/env node
// Benchmarks (never part of the tests): vitest bench over packages/*/bench, figures printed as a table,
// then the reference server's load tests (separate server processes, 1,000 WebSocket visitors, loopback):
// one node on SQLite, then one and two nodes on Postgres + Redis (each against the floor of the same run).
import { spawnSync } from 'node:child_process';
import { ensureDependencies, ensureServices } from './setup.mjs';

ensureDependencies();
ensureServices();
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;
const vitest = run('node_modules/.bin/vitest', ['bench', '--run', ...process.argv.slice(2)]);
const load = run(process.execPath, ['examples/reference-server/bench/load.mjs']);
const cluster = run(process.execPath, ['examples/reference-server/bench/cluster-load.mjs']);
process.exit(vitest || load || cluster);
