#!/usr/bin/env node
// Benchmarks (never part of the tests): vitest bench over packages/*/bench, figures printed as a table,
// then the reference server's load test (a separate server process, 1,000 WebSocket visitors, loopback).
import { spawnSync } from 'node:child_process';
import { ensureDependencies } from './setup.mjs';

ensureDependencies();
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;
const vitest = run('node_modules/.bin/vitest', ['bench', '--run', ...process.argv.slice(2)]);
const load = run(process.execPath, ['examples/reference-server/bench/load.mjs']);
process.exit(vitest || load);
