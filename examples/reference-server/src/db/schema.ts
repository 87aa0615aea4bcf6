import type { Database } from 'better-sqlite3';
import { ATTACHMENTS_TABLE } from './attachment-store.js';
import { HANDOFFS_TABLE } from './handoff-store.js';
import { applySqliteMigrations, type SqliteMigration } from './sqlite-migrations.js';

/**
 * The reference server's tables. Times are milliseconds since the Unix epoch; payloads are JSON text.
 * Tokens are never stored, only their SHA-256 (`token_hash`).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS visitors (
  id           TEXT PRIMARY KEY,
  token_hash   TEXT UNIQUE,
  locale       TEXT,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS agents (
  id            TEXT PRIMARY KEY,
  token_hash    TEXT UNIQUE,
  first_name    TEXT NOT NULL,
  title         TEXT,
  avatar_url    TEXT,
  created_at    INTEGER NOT NULL,
  login         TEXT,
  password_hash TEXT,
  role          TEXT NOT NULL DEFAULT 'agent'
);
CREATE TABLE IF NOT EXISTS agent_sessions (
  token_hash TEXT PRIMARY KEY,
  agent_id   TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS agent_sessions_by_agent ON agent_sessions (agent_id);
CREATE TABLE IF NOT EXISTS agent_topics (
  agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  topic    TEXT NOT NULL,
  PRIMARY KEY (agent_id, topic)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS conversations (
  id               TEXT PRIMARY KEY,
  visitor_id       TEXT NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,
  epoch            TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('queued', 'active', 'ended')),
  topic            TEXT,
  agent_id         TEXT REFERENCES agents(id),
  last_seq         INTEGER NOT NULL DEFAULT 0,
  visitor_read_seq INTEGER NOT NULL DEFAULT 0,
  agent_read_seq   INTEGER NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL,
  answered_at      INTEGER,
  ended_at         INTEGER,
  left_message_at  INTEGER
);
CREATE INDEX IF NOT EXISTS conversations_by_visitor ON conversations (visitor_id, created_at);
CREATE INDEX IF NOT EXISTS conversations_by_status ON conversations (status, created_at);
-- The recent handling times an estimated wait averages: read by index, not by sorting every ended one.
CREATE INDEX IF NOT EXISTS conversations_by_end ON conversations (status, ended_at);
CREATE TABLE IF NOT EXISTS events (
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  seq             INTEGER NOT NULL,
  type            TEXT NOT NULL,
  payload         TEXT NOT NULL,
  at              INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS acks (
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  client_id       TEXT NOT NULL,
  content_hash    TEXT NOT NULL,
  message_id      TEXT NOT NULL,
  seq             INTEGER NOT NULL,
  at              INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, client_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS acks_by_client_id ON acks (client_id);
CREATE TABLE IF NOT EXISTS forms (
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  form_id         TEXT NOT NULL,
  kind            TEXT NOT NULL,
  fields          TEXT NOT NULL,
  PRIMARY KEY (conversation_id, form_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS form_submissions (
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  form_id         TEXT NOT NULL,
  status          TEXT NOT NULL,
  verified        INTEGER,
  redacted_values TEXT NOT NULL,
  at              INTEGER NOT NULL
);
-- A conversation's form answers (its given name and email, its contact address) read by index.
CREATE INDEX IF NOT EXISTS form_submissions_by_conversation ON form_submissions (conversation_id, status, at);
CREATE TABLE IF NOT EXISTS transfers (
  id              INTEGER PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  from_agent_id   TEXT REFERENCES agents(id),
  to_agent_id     TEXT NOT NULL REFERENCES agents(id),
  at              INTEGER NOT NULL,
  note            TEXT
);
CREATE TABLE IF NOT EXISTS consents (
  conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  given_at        TEXT NOT NULL,
  version         TEXT NOT NULL,
  policy_url      TEXT,
  received_at     INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS identities (
  visitor_id TEXT PRIMARY KEY REFERENCES visitors(id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL,
  name       TEXT,
  email      TEXT,
  at         INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS ratings (
  conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  solved          INTEGER,
  score           INTEGER,
  note            TEXT,
  at              INTEGER NOT NULL
);
`;

/**
 * Columns added after the first release, with their types: a file made before them gets them on open.
 * Agents became accounts (a login, a password hash, a role); a transfer carries a note for the colleague;
 * a visitor keeps their pre-chat answers.
 */
const ADDED_COLUMNS: Record<string, Record<string, string>> = {
  agents: { login: 'TEXT', password_hash: 'TEXT', role: "TEXT NOT NULL DEFAULT 'agent'" },
  transfers: { note: 'TEXT' },
  conversations: { left_message_at: 'INTEGER' },
  visitors: { page_url: 'TEXT', page_title: 'TEXT', time_zone: 'TEXT', prechat_answers: 'TEXT' },
};

const addMissingColumns = (db: Database, added: Record<string, Record<string, string>> = ADDED_COLUMNS) => {
  for (const [table, columns] of Object.entries(added)) {
    const present = new Set(
      db
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
        .all()
        .map((c) => c.name),
    );
    for (const [column, type] of Object.entries(columns)) {
      if (!present.has(column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
    }
  }
  db.exec('CREATE UNIQUE INDEX IF NOT EXISTS agents_by_login ON agents (login) WHERE login IS NOT NULL');
};

/**
 * Full-text search over the messages (FTS5, with diacritics folded so "facture" finds "Facturé"). The
 * messages of a write are indexed together at its end, in its transaction (see search-index.ts), and a
 * conversation's are erased with it by a trigger. Form values never are messages, so they are never here.
 */
const SEARCH = `
CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5(
  text, conversation_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
);
DROP TRIGGER IF EXISTS events_to_fts;
CREATE TRIGGER IF NOT EXISTS conversations_out_of_fts AFTER DELETE ON conversations
BEGIN
  DELETE FROM messages_fts WHERE conversation_id = old.id;
END;
`;

const addSearch = (db: Database) => {
  const existed = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE name = 'messages_fts'")
    .get();
  // Earlier releases indexed each message by a trigger (events_to_fts): its entries stay, the trigger goes.
  db.exec(SEARCH);
  // Deleting from the index removes the words too, not only a marker over them.
  db.exec("INSERT INTO messages_fts (messages_fts, rank) VALUES ('secure-delete', 1)");
  // A file from before search: index the messages it already has, once.
  if (!existed) {
    db.exec(`INSERT INTO messages_fts (text, conversation_id)
      SELECT coalesce(json_extract(payload, '$.content.text'), json_extract(payload, '$.content.title'), ''),
             conversation_id FROM events WHERE type = 'message'`);
  }
};

/**
 * The steps of the SQLite schema, oldest first. Step 1 is the schema as it stood when steps began: on a
 * file from before them (`user_version` 0) it adds what that file lacks (columns, the search index) and
 * keeps everything it has.
 *
 * @example
 * ```ts
 * applySqliteMigrations(db, SQLITE_MIGRATIONS);
 * ```
 */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'the tables',
    apply(db) {
      db.exec(SCHEMA);
      addMissingColumns(db);
      addSearch(db);
    },
  },
  { version: 2, name: 'attachments', apply: (db) => db.exec(ATTACHMENTS_TABLE) },
  {
    version: 3,
    name: 'handoffs, and conversations ahead in the queue',
    apply(db) {
      // A conversation of priority (a handoff's) is ahead of the others in the queue.
      addMissingColumns(db, { conversations: { priority: 'INTEGER NOT NULL DEFAULT 0' } });
      db.exec(HANDOFFS_TABLE);
    },
  },
];

/**
 * Prepares a database: WAL journal (readers never wait for the writer), foreign keys, and the schema's
 * steps it lacks (`steps`, by default {@link SQLITE_MIGRATIONS}). Returns the database's epoch, made once
 * when the file is created.
 *
 * @example
 * ```ts
 * const epoch = migrate(new Database('clavard.db'), randomUUID);
 * ```
 */
export function migrate(
  db: Database,
  createId: () => string,
  steps: readonly SqliteMigration[] = SQLITE_MIGRATIONS,
): string {
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged message survives a power cut too, not only a crash of the process.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Erasure erases: freed pages are overwritten with zeros, so deleted text is not left in the file.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  applySqliteMigrations(db, steps);
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('epoch', ?)").run(createId());
  const row = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'epoch'").get();
  if (!row) throw new Error('the database has no epoch');
  return row.value;
}
