import type { PoolClient } from 'pg';

/**
 * One step of the Postgres schema: applied once, in order, and recorded in `schema_migrations`. A
 * released step never changes; a change is a new step.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The same tables as the SQLite schema (src/db/schema.ts), in Postgres's types: times are milliseconds
 * since the Unix epoch (BIGINT), payloads and form fields JSON text, tokens only their SHA-256. The
 * full-text index of SQLite (FTS5) is a table of its own here, searched through a `tsvector` column.
 */
const TABLES = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE visitors (
  id              TEXT PRIMARY KEY,
  token_hash      TEXT UNIQUE,
  locale          TEXT,
  created_at      BIGINT NOT NULL,
  last_seen_at    BIGINT NOT NULL,
  page_url        TEXT,
  page_title      TEXT,
  time_zone       TEXT,
  prechat_answers TEXT
);
CREATE TABLE agents (
  id            TEXT PRIMARY KEY,
  token_hash    TEXT UNIQUE,
  first_name    TEXT NOT NULL,
  title         TEXT,
  avatar_url    TEXT,
  created_at    BIGINT NOT NULL,
  login         TEXT,
  password_hash TEXT,
  role          TEXT NOT NULL DEFAULT 'agent'
);
CREATE UNIQUE INDEX agents_by_login ON agents (login) WHERE login IS NOT NULL;
CREATE TABLE agent_sessions (
  token_hash TEXT PRIMARY KEY,
  agent_id   TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX agent_sessions_by_agent ON agent_sessions (agent_id);
CREATE TABLE agent_topics (
  agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  topic    TEXT NOT NULL,
  PRIMARY KEY (agent_id, topic)
);
CREATE TABLE conversations (
  id               TEXT PRIMARY KEY,
  visitor_id       TEXT NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,
  epoch            TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('queued', 'active', 'ended')),
  topic            TEXT,
  agent_id         TEXT REFERENCES agents(id),
  last_seq         BIGINT NOT NULL DEFAULT 0,
  visitor_read_seq BIGINT NOT NULL DEFAULT 0,
  agent_read_seq   BIGINT NOT NULL DEFAULT 0,
  created_at       BIGINT NOT NULL,
  answered_at      BIGINT,
  ended_at         BIGINT,
  left_message_at  BIGINT
);
CREATE INDEX conversations_by_visitor ON conversations (visitor_id, created_at);
CREATE INDEX conversations_by_status ON conversations (status, created_at);
CREATE INDEX conversations_by_end ON conversations (status, ended_at);
CREATE TABLE events (
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  seq             BIGINT NOT NULL,
  type            TEXT NOT NULL,
  payload         TEXT NOT NULL,
  at              BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);
CREATE TABLE acks (
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  client_id       TEXT NOT NULL,
  content_hash    TEXT NOT NULL,
  message_id      TEXT NOT NULL,
  seq             BIGINT NOT NULL,
  at              BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, client_id)
);
CREATE INDEX acks_by_client_id ON acks (client_id);
CREATE TABLE forms (
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  form_id         TEXT NOT NULL,
  kind            TEXT NOT NULL,
  fields          TEXT NOT NULL,
  PRIMARY KEY (conversation_id, form_id)
);
CREATE TABLE form_submissions (
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  form_id         TEXT NOT NULL,
  status          TEXT NOT NULL,
  verified        INTEGER,
  redacted_values TEXT NOT NULL,
  at              BIGINT NOT NULL
);
CREATE INDEX form_submissions_by_conversation ON form_submissions (conversation_id, status, at);
CREATE TABLE transfers (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  from_agent_id   TEXT REFERENCES agents(id),
  to_agent_id     TEXT NOT NULL REFERENCES agents(id),
  at              BIGINT NOT NULL,
  note            TEXT
);
CREATE TABLE consents (
  conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  given_at        TEXT NOT NULL,
  version         TEXT NOT NULL,
  policy_url      TEXT,
  received_at     BIGINT NOT NULL
);
CREATE TABLE identities (
  visitor_id TEXT PRIMARY KEY REFERENCES visitors(id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL,
  name       TEXT,
  email      TEXT,
  at         BIGINT NOT NULL
);
CREATE TABLE ratings (
  conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  solved          INTEGER,
  score           INTEGER,
  note            TEXT,
  at              BIGINT NOT NULL
);
CREATE TABLE messages_search (
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  text            TEXT NOT NULL,
  words           TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED
);
CREATE INDEX messages_search_words ON messages_search USING GIN (words);
CREATE INDEX messages_search_by_conversation ON messages_search (conversation_id);
`;

/**
 * Conversations in the order they were made: SQLite keeps it (its rowid) for two made in the same
 * millisecond; Postgres keeps no order of insertion, so it is a column of its own.
 */
const ARRIVAL = `
ALTER TABLE conversations ADD COLUMN arrival BIGINT GENERATED ALWAYS AS IDENTITY;
CREATE INDEX conversations_by_arrival ON conversations (created_at, arrival);
`;

/**
 * Files: their rows as on SQLite (BIGINT sizes and times), and their bytes in a table of their own, never
 * in the event rows (src/files/postgres-storage.ts reads and writes it).
 */
const ATTACHMENTS = `
CREATE TABLE attachments (
  id              TEXT PRIMARY KEY,
  owner           TEXT NOT NULL,
  client_id       TEXT NOT NULL,
  visitor_id      TEXT NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,
  conversation_id TEXT REFERENCES conversations(id) ON DELETE CASCADE,
  name            TEXT NOT NULL,
  size            BIGINT NOT NULL,
  media_type      TEXT,
  width           INTEGER,
  height          INTEGER,
  thumbnail       SMALLINT NOT NULL DEFAULT 0,
  status          TEXT NOT NULL,
  created_at      BIGINT NOT NULL,
  UNIQUE (owner, client_id)
);
CREATE INDEX attachments_by_conversation ON attachments (conversation_id);
CREATE INDEX attachments_by_visitor ON attachments (visitor_id);
CREATE INDEX attachments_by_age ON attachments (created_at);
CREATE TABLE attachment_blobs (
  key   TEXT PRIMARY KEY,
  bytes BYTEA NOT NULL
);
`;

/**
 * Handoffs (a public post's case carried to a private chat) as on SQLite (../handoff-store.ts), and a
 * conversation's priority in the queue.
 */
const HANDOFFS = `
ALTER TABLE conversations ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
CREATE TABLE handoffs (
  id              TEXT PRIMARY KEY,
  token_hash      TEXT NOT NULL UNIQUE,
  channel         TEXT NOT NULL CHECK (channel IN ('x', 'facebook', 'instagram', 'linkedin', 'google', 'other')),
  handle          TEXT NOT NULL,
  post_url        TEXT NOT NULL,
  posted_at       BIGINT,
  summary         TEXT NOT NULL,
  details         TEXT NOT NULL,
  topic           TEXT,
  advisor_id      TEXT,
  created_by      TEXT NOT NULL,
  created_at      BIGINT NOT NULL,
  expires_at      BIGINT NOT NULL,
  visitor_id      TEXT REFERENCES visitors(id) ON DELETE CASCADE,
  conversation_id TEXT REFERENCES conversations(id) ON DELETE CASCADE,
  opened_at       BIGINT,
  taken_at        BIGINT,
  taken_by        TEXT,
  resolved_at     BIGINT
);
CREATE INDEX handoffs_by_conversation ON handoffs (conversation_id);
CREATE INDEX handoffs_by_visitor ON handoffs (visitor_id);
CREATE INDEX handoffs_by_age ON handoffs (created_at);
`;

/**
 * Every step, oldest first.
 *
 * @example
 * ```ts
 * const latest = MIGRATIONS.at(-1)?.version;
 * ```
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'the tables', sql: TABLES },
  { version: 2, name: 'the order conversations arrived in', sql: ARRIVAL },
  { version: 3, name: 'attachments', sql: ATTACHMENTS },
  { version: 4, name: 'handoffs, and conversations ahead in the queue', sql: HANDOFFS },
];

/** Any constant the same for every node: the key of the advisory lock that migrations take. */
const MIGRATION_LOCK = 0x636c6176; // "clav"

/**
 * Brings the database up to the latest step, in one transaction (Postgres's DDL is transactional: all the
 * pending steps land, or none). It takes a transaction-scoped advisory lock first, so that nodes starting
 * together apply each step once (the others wait, then find it done). Returns the versions it applied.
 *
 * @example
 * ```ts
 * const client = await pool.connect();
 * try { await migratePostgres(client); } finally { client.release(); }
 * ```
 */
export async function migratePostgres(
  client: PoolClient,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const applied: number[] = [];
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((row) => row.version));
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return applied;
}
