// The server process is killed (SIGKILL, no shutdown at all) in the middle of a conversation and a new one
// starts on the same port and database file: nothing acknowledged is lost, nothing is stored twice, seq
// stays gap-free. The server runs as a real child process (dist/main.js, rebuilt when older than its
// sources); the visitor is the widget's headless client over WebSocket, the agent the agent API.
import type { ChatClient } from '@clavard/widget/headless';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from './support/clients.js';
import {
  bothUnderWay,
  createAgent,
  expectNothingLost,
  login,
  until,
  visitorStream,
  within,
} from './support/message-streams.js';
import {
  ensureServerBuilt,
  freePort,
  killServerProcesses,
  startServerProcess,
} from './support/server-process.js';

const VISITOR_MESSAGES = 200; // the outbox's default limit: all of them queued at once
const AGENT_MESSAGES = 100;

let database: Awaited<ReturnType<typeof testDatabase>> | undefined;
let client: ChatClient | undefined;
let agent: ReturnType<typeof createAgent> | undefined;

beforeAll(() => {
  ensureServerBuilt();
}, 60_000);

afterEach(async () => {
  client?.dispose();
  agent?.close();
  await killServerProcesses();
  await database?.drop();
  client = undefined;
  agent = undefined;
  database = undefined;
});

describe('a crash (SIGKILL) and restart of the server process mid-conversation', () => {
  it('loses no acknowledged message, stores none twice and keeps seq gap-free', async () => {
    // A file on SQLite, a throwaway database on Postgres: the same one after the restart.
    database = await testDatabase();
    const port = await freePort();
    let server = await startServerProcess(port, database.database);
    const wsUrl = `ws://127.0.0.1:${port}`;

    let killed = false;
    let killNow = () => {};
    const maybeKill = () => {
      if (killed || !bothUnderWay(visitor.acks.size, agent?.acks.size ?? 0)) return;
      killed = true;
      killNow();
    };
    const visitor = visitorStream(`${wsUrl}/clavard/ws`, maybeKill);
    client = visitor.client;

    // The first message opens the conversation; the agent takes it; then both talk at once.
    const sentIds = [visitor.client.send('visitor says 0')];
    const conversation = await until(
      visitor.client.conversation,
      (c) => c !== undefined,
      'a conversation',
      () => '',
    );
    const token = await login(server.url);
    const julie = createAgent(AGENT_MESSAGES, conversation?.id ?? '', maybeKill);
    agent = julie;
    await julie.attach(`${wsUrl}/agent/ws`, token);

    const killedAt = new Promise<void>((resolve) => {
      killNow = () => {
        server.child.kill('SIGKILL');
        resolve();
      };
    });
    for (let i = 1; i < VISITOR_MESSAGES; i++) sentIds.push(visitor.client.send(`visitor says ${i}`));
    await within(killedAt, 'both streams to be under way');
    expect(await server.exited).toBe('SIGKILL');

    // Everything acknowledged so far came from the killed process: the new one is not started yet.
    const visitorAckedBefore = visitor.acks.size;
    const agentAckedBefore = new Map(julie.acks);
    expect(visitorAckedBefore).toBeLessThan(VISITOR_MESSAGES);
    expect(agentAckedBefore.size).toBeLessThan(AGENT_MESSAGES);

    server = await startServerProcess(port, database.database);
    await julie.attach(`${wsUrl}/agent/ws`, token);
    const stored = await expectNothingLost({
      visitor,
      agent: julie,
      sentIds,
      agentAckedBefore,
      agentMessages: AGENT_MESSAGES,
    });

    // The figures, for the report.
    console.info(
      `crash-restart: killed after ${visitorAckedBefore}/${VISITOR_MESSAGES} visitor and ` +
        `${agentAckedBefore.size}/${AGENT_MESSAGES} agent acks; after the restart ${stored.length} events ` +
        `(seq 1..${stored.length}); duplicate acks (resends of stored messages): visitor ` +
        `${visitor.duplicates()}, agent ${julie.duplicates()}`,
    );
  }, 45_000);
});
