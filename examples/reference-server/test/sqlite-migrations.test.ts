import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReferenceServer, ServerOptions } from '@clavard/reference-server';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, SQLITE_MIGRATIONS } from '../src/db/schema.js';
import { applySqliteMigrations, type SqliteMigration } from '../src/db/sqlite-migrations.js';
import { agent, startTestServer } from './support/clients.js';

let dir: string | undefined;
const opened: Database.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const file = (): string => {
  dir ??= mkdtempSync(join(tmpdir(), 'clavard-steps-'));
  return join(dir, 'clavard.db');
};
const open = (path: string): Database.Database => {
  const db = new Database(path);
  opened.push(db);
  return db;
};
const version = (db: Database.Database): unknown => db.pragma('user_version', { simple: true });
const columns = (db: Database.Database, table: string): string[] =>
  db
    .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
    .all()
    .map((column) => column.name);

describe('the SQLite schema in steps', () => {
  it('marks a new file with the last step, and applies nothing on the next open', () => {
    const path = file();
    const db = open(path);
    migrate(db, () => 'epoch');
    expect(version(db)).toBe(SQLITE_MIGRATIONS.at(-1)?.version);
    expect(applySqliteMigrations(db, SQLITE_MIGRATIONS)).toEqual([]);
  });

  it('brings a file from before the steps up: the columns it lacks added, its rows kept', () => {
    const path = file();
    const old = open(path);
    // The first release: agents without accounts, transfers without notes, no search index.
    old.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta VALUES ('epoch', 'old-epoch');
      CREATE TABLE agents (id TEXT PRIMARY KEY, token_hash TEXT UNIQUE, first_name TEXT NOT NULL,
        title TEXT, avatar_url TEXT, created_at INTEGER NOT NULL);
      INSERT INTO agents (id, first_name, created_at) VALUES ('a1', 'Julie', 1);`);
    expect(version(old)).toBe(0);
    expect(migrate(old, () => 'new-epoch')).toBe('old-epoch');
    expect(columns(old, 'agents')).toEqual(expect.arrayContaining(['login', 'password_hash', 'role']));
    expect(old.prepare('SELECT first_name, role FROM agents').get()).toEqual({
      first_name: 'Julie',
      role: 'agent',
    });
    expect(version(old)).toBe(SQLITE_MIGRATIONS.at(-1)?.version);
  });

  it('gives a file of step 2 the handoffs and its conversations a priority of 0, their rows kept', () => {
    const path = file();
    const db = open(path);
    applySqliteMigrations(db, SQLITE_MIGRATIONS.slice(0, 2));
    db.exec(`INSERT INTO visitors (id, created_at, last_seen_at) VALUES ('v1', 1, 1);
      INSERT INTO conversations (id, visitor_id, epoch, status, created_at) VALUES ('c1', 'v1', 'e', 'queued', 1)`);
    expect(columns(db, 'conversations')).not.toContain('priority');
    expect(applySqliteMigrations(db, SQLITE_MIGRATIONS)).toEqual([3]);
    expect(db.prepare('SELECT id, priority FROM conversations').all()).toEqual([{ id: 'c1', priority: 0 }]);
    expect(columns(db, 'handoffs')).toEqual(
      expect.arrayContaining(['token_hash', 'conversation_id', 'resolved_at']),
    );
  });

  it('applies a later step once, and none of a run whose step fails', () => {
    const path = file();
    const db = open(path);
    migrate(db, () => 'epoch');
    const latest = SQLITE_MIGRATIONS.at(-1)?.version ?? 0;
    const nickname: SqliteMigration = {
      version: latest + 1,
      name: 'a nickname',
      apply: (target) => target.exec('ALTER TABLE visitors ADD COLUMN nickname TEXT'),
    };
    const broken: SqliteMigration = {
      version: latest + 2,
      name: 'broken',
      apply: (target) => target.exec('ALTER TABLE nowhere ADD COLUMN x TEXT'),
    };
    expect(() => applySqliteMigrations(db, [...SQLITE_MIGRATIONS, nickname, broken])).toThrow(/nowhere/);
    expect(columns(db, 'visitors')).not.toContain('nickname');
    expect(version(db)).toBe(latest);
    expect(applySqliteMigrations(db, [...SQLITE_MIGRATIONS, nickname])).toEqual([latest + 1]);
    // A second process opening the same file finds the step done.
    const other = open(path);
    expect(applySqliteMigrations(other, [...SQLITE_MIGRATIONS, nickname])).toEqual([]);
    expect(version(other)).toBe(latest + 1);
  });
});

describe('a server on a file made before these steps', () => {
  const servers: ReferenceServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });
  const start = async (options: ServerOptions = {}) => {
    const server = await startTestServer({ database: file(), ...options });
    servers.push(server);
    return server;
  };

  it('opens a database made before agents were accounts, and adds the columns', async () => {
    await (await start()).close();
    const old = new Database(file());
    // Files from then have no schema steps yet (user_version 0).
    old.exec(`PRAGMA user_version = 0; DROP INDEX agents_by_login;
      ALTER TABLE agents DROP COLUMN login; ALTER TABLE agents DROP COLUMN password_hash;
      ALTER TABLE agents DROP COLUMN role; ALTER TABLE transfers DROP COLUMN note;`);
    old.close();
    const server = await start();
    const julie = await agent(server, 'Julie');
    expect(julie.welcome).toMatchObject({ agent: { firstName: 'Julie' }, role: 'agent' });
  });

  it('opens a database made before agents had topics, and adds the table', async () => {
    await (await start()).close();
    const old = new Database(file());
    old.exec('PRAGMA user_version = 0; DROP TABLE agent_topics');
    old.close();
    const server = await start({ topics: ['Billing'] });
    const julie = await agent(server, 'Julie', { topics: ['Billing'] });
    expect(julie.welcome.routing).toEqual({ topics: ['Billing'], mine: ['Billing'] });
  });
});
