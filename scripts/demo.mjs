#!/usr/bin/env node
// The demo: the reference server (SQLite) serving the demo store with the script-tag widget at / and the
// agent console at /agent. Sign in as julie or marc (password "demo") in one window, chat as a visitor in another.
// Builds only the packages whose inputs changed since the last launch (scripts/build-stamps.mjs), then runs
// the server with node (no package manager in between) and passes Ctrl+C on to it: it stops, exit code 0.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildForDemo, DEMO_ENV } from './demo-build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
buildForDemo(root);

console.log('\nStarting the reference server…');
const server = spawn(process.execPath, ['dist/main.js'], {
  cwd: join(root, 'examples/reference-server'),
  // The IPC channel carries its report once it listens (see src/main.ts).
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  env: {
    ...process.env,
    PORT: process.env.PORT ?? '8787',
    ...DEMO_ENV,
  },
});

/** What to do with it, from what the server reports, so the URL and the database are the real ones. */
server.on('message', (report) => {
  if (report?.type !== 'clavard:listening') return;
  const signIn = report.demoAgents
    ? ' (sign in as julie or marc, or sophie for handoff links; password "demo")'
    : '';
  console.log(`\nOpen the demo store at ${report.url}/ and, in another window, the agent console at`);
  console.log(`${report.url}/agent${signIn}. Conversations are kept in: ${report.database}.`);
  console.log('To try identity verification ("Ask to verify" in the console), answer as the demo customer:');
  console.log('born 1990-04-25, postal code H2X 1Y4, account number ending 4821. Ctrl+C stops the server.\n');
});
// Ctrl+C in a terminal signals the server too; a signal sent to this process alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => {
  if (signal) console.error(`The server was stopped by ${signal}.`);
  process.exit(code ?? 1);
});
