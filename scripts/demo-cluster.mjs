#!/usr/bin/env node
// The demo as a cluster: two reference-server nodes behind a round-robin proxy (each request and socket
// to the next node), Redis between them, one Postgres database. Open the demo store and the agent console
// at the proxy's address: the visitor's socket and the agent's land on different nodes and the chat goes
// as on one. Starts a private Postgres unless CLAVARD_DATABASE_URL is set, and a private Redis unless
// CLAVARD_REDIS_URL is set (Debian: apt-get install -y postgresql redis-server); what a private one holds
// goes with it when the demo stops. Ctrl+C stops everything.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildForDemo, DEMO_ENV } from './demo-build.mjs';
import { startRoundRobinProxy } from './round-robin-proxy.mjs';
import { createDatabase, startPostgres, startRedis } from './services.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
buildForDemo(root);

const serverDir = join(root, 'examples/reference-server');
const proxyPort = Number(process.env.PORT ?? '8787');
const publicOrigin = `http://127.0.0.1:${proxyPort}`;
const redis = process.env.CLAVARD_REDIS_URL ? undefined : await startRedis();
const redisUrl = process.env.CLAVARD_REDIS_URL ?? redis?.url;
const postgres = process.env.CLAVARD_DATABASE_URL ? undefined : await startPostgres();
const databaseUrl = process.env.CLAVARD_DATABASE_URL ?? (await createDatabase(postgres.url, 'clavard'));

/** Starts one node on a free port; resolves with its URL once it listens (its IPC report). */
const startNode = (name) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: serverDir,
      stdio: ['inherit', 'ignore', 'inherit', 'ipc'],
      env: {
        ...process.env,
        ...DEMO_ENV,
        PORT: '0',
        CLAVARD_DATABASE_URL: databaseUrl,
        CLAVARD_REDIS_URL: redisUrl,
        CLAVARD_PUBLIC_ORIGIN: publicOrigin,
      },
    });
    child.on('message', (report) => {
      if (report?.type === 'clavard:listening')
        resolve({ name, child, url: report.url, database: report.database });
    });
    child.once('exit', (code, signal) => reject(new Error(`node ${name} stopped (${signal ?? code})`)));
  });

console.log('\nStarting two nodes and the proxy…');
const nodes = [];
for (const name of ['A', 'B']) nodes.push(await startNode(name));
const proxy = await startRoundRobinProxy(
  nodes.map((node) => node.url),
  { port: proxyPort },
);

console.log(
  `\nThe demo store: ${proxy.url}/   the agent console: ${proxy.url}/agent (julie or marc, password "demo")`,
);
for (const node of nodes) console.log(`  node ${node.name}: ${node.url}`);
console.log(`  Redis: ${redisUrl}${redis ? ' (started for this demo)' : ''}`);
console.log(
  `  Postgres: ${nodes[0].database}${postgres ? ' (started for this demo: gone when it stops)' : ''}`,
);
console.log('Each request and socket goes to the next node in turn. Ctrl+C stops everything.\n');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await proxy.close();
  await Promise.all(
    nodes.map(
      (node) =>
        new Promise((resolve) => {
          node.child.once('exit', resolve);
          node.child.kill('SIGTERM');
        }),
    ),
  );
  await redis?.stop();
  await postgres?.stop();
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stop());
for (const node of nodes) {
  node.child.on('exit', (code, signal) => {
    if (!stopping)
      console.error(
        `Node ${node.name} stopped (${signal ?? code}); the proxy sends everything to the other.`,
      );
  });
}
