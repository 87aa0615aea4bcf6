#!/usr/bin/env node
// The load test's floor: the least a chat server must do per message, and nothing more. A `ws` server on
// 127.0.0.1 that answers `session.hello` with a welcome and each `message.send` with one better-sqlite3
// INSERT (WAL, synchronous=FULL: as durable as the reference server) and then its `message.ack`. One
// conversation per connection, seq counted in memory, the clientId unique per conversation (a resend is
// answered with the stored ack). No queue, no agents, no echo, no routing: a naive server, not a product.
//
//   CLAVARD_DB=/tmp/floor.db node examples/reference-server/bench/floor-server.mjs
//
// Prints `floor on ws://127.0.0.1:<port>` once listening; SIGTERM closes it.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';

const require = createRequire(fileURLToPath(new URL('../package.json', import.meta.url)));
const Database = require('better-sqlite3');

const db = new Database(process.env.CLAVARD_DB ?? ':memory:');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`CREATE TABLE IF NOT EXISTS messages (
  conversation_id TEXT NOT NULL,
  seq             INTEGER NOT NULL,
  client_id       TEXT NOT NULL,
  text            TEXT NOT NULL,
  at              INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq),
  UNIQUE (conversation_id, client_id)
)`);
const insert = db.prepare(
  'INSERT INTO messages (conversation_id, seq, client_id, text, at) VALUES (?, ?, ?, ?, ?)',
);
const stored = db.prepare('SELECT seq, at FROM messages WHERE conversation_id = ? AND client_id = ?');

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
server.on('connection', (socket) => {
  const conversationId = randomUUID();
  let seq = 0;
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    if (frame.type === 'session.hello') {
      socket.send(
        JSON.stringify({
          type: 'session.welcome',
          v: '1.0',
          token: randomUUID(),
          resumed: false,
          availability: { online: true },
        }),
      );
    } else if (frame.type === 'message.send') {
      let row = stored.get(conversationId, frame.clientId);
      if (!row) {
        row = { seq: seq + 1, at: Date.now() };
        insert.run(conversationId, row.seq, frame.clientId, frame.text, row.at);
        seq = row.seq;
      }
      socket.send(
        JSON.stringify({
          type: 'message.ack',
          conversationId,
          clientId: frame.clientId,
          id: `${conversationId}:${row.seq}`,
          seq: row.seq,
          at: new Date(row.at).toISOString(),
        }),
      );
    } else if (frame.type === 'ping') {
      socket.send(JSON.stringify({ type: 'pong', ...(frame.id === undefined ? {} : { id: frame.id }) }));
    }
  });
});
server.on('listening', () => {
  const { port } = server.address();
  console.log(`floor on ws://127.0.0.1:${port}`);
});
process.once('SIGTERM', () => {
  for (const client of server.clients) client.terminate();
  server.close(() => {
    db.close();
    process.exit(0);
  });
});
