// Group commit under a crash: many visitors send at once (so that their messages are written in groups),
// the server process is killed with SIGKILL in the middle of the burst, and the database it leaves holds
// every message that was acknowledged, none twice, with seq gap-free in each conversation. The server is a
// real child process (dist/main.js, rebuilt when older than its sources) on 127.0.0.1; loopback only.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  ensureServerBuilt,
  freePort,
  killServerProcesses,
  startServerProcess,
} from './support/server-process.js';

const VISITORS = 40;
const MESSAGES = 30; // each visitor's, one in flight
const KILL_AFTER_ACKS = 400; // of the 1,200: the burst is well under way, far from done

const Database = createRequire(fileURLToPath(new URL('../package.json', import.meta.url)))('better-sqlite3');

let dataDir: string | undefined;
beforeAll(() => ensureServerBuilt(), 120_000);
afterEach(async () => {
  await killServerProcesses();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A visitor that sends its messages one after another and records each ack; stops when the socket does. */
function visitor(url: string, index: number, acked: Set<string>, onAck: () => void): Promise<void> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    let next = 1;
    const send = () =>
      socket.send(JSON.stringify({ type: 'message.send', clientId: `v${index}-m${next}`, text: `m${next}` }));
    socket.on('open', () => socket.send(JSON.stringify({ type: 'session.hello', v: '1.0', locale: 'en' })));
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; clientId?: string };
      if (frame.type === 'session.welcome') send();
      if (frame.type !== 'message.ack' || frame.clientId === undefined) return;
      acked.add(frame.clientId);
      onAck();
      next += 1;
      if (next <= MESSAGES) send();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
}

it('keeps every acknowledged message, none twice, seq gap-free, when killed in the middle of a burst', async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clavard-group-crash-'));
  const database = join(dataDir, 'crash.db');
  const server = await startServerProcess(await freePort(), database);
  const url = `${server.url.replace(/^http/, 'ws')}/clavard/ws`;
  const acked = new Set<string>();
  let killed = false;
  const onAck = () => {
    if (killed || acked.size < KILL_AFTER_ACKS) return;
    killed = true;
    server.child.kill('SIGKILL');
  };
  await Promise.all(Array.from({ length: VISITORS }, (_, index) => visitor(url, index, acked, onAck)));
  expect(await server.exited).toBe('SIGKILL');
  expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
  expect(acked.size).toBeLessThan(VISITORS * MESSAGES);

  const db = new Database(database, { readonly: true });
  try {
    const rows = db
      .prepare(
        "SELECT conversation_id AS conversation, seq, type, json_extract(payload, '$.clientId') AS clientId FROM events ORDER BY conversation_id, seq",
      )
      .all() as Array<{ conversation: string; seq: number; type: string; clientId: string | null }>;
    const stored = rows.filter((row) => row.type === 'message').map((row) => row.clientId);
    expect(new Set(stored).size).toBe(stored.length); // nothing stored twice
    const missing = [...acked].filter((clientId) => !stored.includes(clientId));
    expect(missing).toEqual([]); // nothing acknowledged is lost
    // Every event of a conversation (its messages, and the form the server asked), seq 1..n.
    const seqs = new Map<string, number[]>();
    for (const row of rows) seqs.set(row.conversation, [...(seqs.get(row.conversation) ?? []), row.seq]);
    for (const list of seqs.values()) expect(list).toEqual(list.map((_, i) => i + 1));
  } finally {
    db.close();
  }
}, 60_000);
