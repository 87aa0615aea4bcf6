/**
 * `npm start`: the reference server with its configuration from the environment (see README.md).
 * Stops gracefully on SIGINT and SIGTERM: clients are told to reconnect, the database is closed.
 */

import { readConfig } from './config.js';
import { startServer } from './server.js';

const config = readConfig(process.env);
const server = await startServer(config);
server.on('error', (error) => {
  process.stderr.write(`[clavard] ${error.code}: ${error.message}\n`);
});

process.stdout.write(
  [
    `Clavard reference server on ${server.url}`,
    `  demo store     ${server.url}/`,
    `  agent console  ${server.url}/agent`,
    `  script tag     ${server.url}/clavard.js`,
    `  widget         ${server.widgetWsUrl} (WebSocket), ${server.widgetUrl} (SSE, long-poll)`,
    `  agent API      ${server.url}/agent/login, ${server.agentWsUrl}`,
    `  database       ${config.database}`,
    config.agentPassword === undefined ? '  agent sign-in  off (set CLAVARD_AGENT_PASSWORD)' : '',
    '',
  ]
    .filter((line, index, lines) => line !== '' || index === lines.length - 1)
    .join('\n'),
);

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
