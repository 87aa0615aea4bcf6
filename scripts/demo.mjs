#!/usr/bin/env node
// The demo: the reference server (SQLite) serving the demo store with the script-tag widget at / and the
// agent console at /agent. Sign in as julie or marc (password "demo") in one window, chat as a visitor in another.
import { spawn, spawnSync } from 'node:child_process';
import { ensureDependencies, PNPM } from './setup.mjs';

ensureDependencies();
const built = spawnSync(PNPM[0], [...PNPM[1], 'run', 'build'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

console.log('\nStarting the reference server. Open the demo store (/) and, in another window, the agent');
console.log(
  'console (/agent, julie or marc, password "demo"). Ctrl+C stops it; the conversation is kept in clavard.db.',
);
console.log('To try identity verification ("Ask to verify" in the console), answer as the demo customer:');
console.log('born 1990-04-25, postal code H2X 1Y4, account number ending 4821.\n');
const server = spawn(PNPM[0], [...PNPM[1], '--filter', '@clavard/reference-server', 'start'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: process.env.PORT ?? '8787',
    // The pre-chat form asks for one of these topics; the agent console's queue shows the pick.
    CLAVARD_TOPICS: process.env.CLAVARD_TOPICS ?? 'Plans,Billing,Technical support',
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
