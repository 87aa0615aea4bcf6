/**
 * `npm start`: the reference server with its configuration from the environment (see README.md);
 * `node dist/main.js agents add|list`: the agents' accounts (see src/cli/agents-command.ts).
 * Stops gracefully on SIGINT and SIGTERM: clients are told to reconnect, the database is closed, exit 0.
 * Spawned with an IPC channel (as `npm run demo` does), it also sends its parent, once listening,
 * `{ type: 'clavard:listening', url, database, demoAgents }`: what it prints, for the parent to repeat.
 */

import { runAgentsCommand } from './cli/agents-command.js';
import { defaultDatabasePath, describeDatabase, readConfig } from './config.js';
import { startServer } from './server.js';

const config = readConfig(process.env);
if (process.argv[2] === 'agents') {
  process.exit(await runAgentsCommand(process.argv.slice(3), config, process));
}
const server = await startServer(config).catch((error: NodeJS.ErrnoException) => {
  if (error.code !== 'EADDRINUSE') throw error;
  process.stderr.write(
    `Port ${config.port} is in use on ${config.host}: set PORT to another (0 picks a free one).\n`,
  );
  process.exit(1);
});
server.on('error', (error) => {
  process.stderr.write(`[clavard] ${error.code}: ${error.message}\n`);
});
const database = describeDatabase(config.database ?? defaultDatabasePath());

process.stdout.write(
  [
    `Clavard reference server on ${server.url}`,
    `  demo store     ${server.url}/`,
    `  agent console  ${server.url}/agent`,
    `  script tag     ${server.url}/clavard.js`,
    `  widget         ${server.widgetWsUrl} (WebSocket), ${server.widgetUrl} (SSE, long-poll)`,
    `  agent API      ${server.url}/agent/login, ${server.agentWsUrl}`,
    `  database       ${database}`,
    config.agents === undefined ? '' : '  demo agents    julie and marc, password "demo"',
    '',
  ]
    .filter((line, index, lines) => line !== '' || index === lines.length - 1)
    .join('\n'),
);
process.send?.({
  type: 'clavard:listening',
  url: server.url,
  database,
  demoAgents: config.agents !== undefined,
});

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`${signal}: closing connections and the database…\n`);
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
