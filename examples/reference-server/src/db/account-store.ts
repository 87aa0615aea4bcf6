import type { AgentRole } from '@clavard/agent-api';
import type { Database } from 'better-sqlite3';
import type { AgentRow } from './rows.js';

/**
 * What an account may do (see `AgentRole` in `@clavard/agent-api`).
 *
 * @example
 * ```ts
 * const role: AgentRole = 'community';
 * ```
 */
export type { AgentRole };

/**
 * A new agent account, its password already hashed (see `hashPassword`).
 *
 * @example
 * ```ts
 * store.createAccount({ login: 'julie', firstName: 'Julie', role: 'admin', passwordHash, topics: [] });
 * ```
 */
export interface NewAccount {
  /** What the agent signs in with: lower case, unique. */
  login: string;
  firstName: string;
  title?: string;
  avatarUrl?: string;
  role: AgentRole;
  passwordHash: string;
  /** The topics the agent handles (none: every topic). */
  topics: readonly string[];
}

/** An account as stored, with its password hash: never sent anywhere. */
export interface AccountRow extends AgentRow {
  login: string;
  password_hash: string;
}

/**
 * Agents as accounts, and their sign-in sessions (a session token is kept only as its SHA-256).
 *
 * @example
 * ```ts
 * const row = store.agentBySession(hashToken(token));
 * ```
 */
export interface AccountStore {
  createAccount(account: NewAccount): AgentRow;
  /** The account of a login (any case), with its password hash. */
  accountByLogin(login: string): AccountRow | undefined;
  /** Every account, by first name. */
  accounts(): AgentRow[];
  /** A new session of the agent, valid until `expiresAt` (ms). */
  createSession(tokenHash: string, agentId: string, expiresAt: number): void;
  /** The agent of a live session (not ended, not expired). */
  agentBySession(tokenHash: string): AgentRow | undefined;
  /** The session stops working (sign-out). */
  endSession(tokenHash: string): void;
  /** The agents who hold conversations under way (to wait for after a restart). */
  agentsHolding(): AgentRow[];
}

const AGENT_COLUMNS = 'a.id, a.first_name, a.title, a.avatar_url, a.created_at, a.login, a.role';

/**
 * The {@link AccountStore} half of the store, over an open database.
 *
 * @example
 * ```ts
 * const accounts = accountStore(db, { now: Date.now, createId: randomUUID, setTopics });
 * ```
 */
export function accountStore(
  db: Database,
  deps: {
    now: () => number;
    createId: () => string;
    setTopics: (agentId: string, topics: readonly string[]) => void;
  },
): AccountStore {
  const q = {
    insert: db.prepare<[string, string, string, string | null, string | null, string, string, number], void>(
      `INSERT INTO agents (id, login, first_name, title, avatar_url, role, password_hash, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    byLogin: db.prepare<[string], AccountRow>(
      `SELECT ${AGENT_COLUMNS}, a.password_hash FROM agents a WHERE a.login = ? AND a.password_hash IS NOT NULL`,
    ),
    all: db.prepare<[], AgentRow>(
      `SELECT ${AGENT_COLUMNS} FROM agents a WHERE a.login IS NOT NULL ORDER BY a.first_name, a.login`,
    ),
    insertSession: db.prepare<[string, string, number, number], void>(
      'INSERT INTO agent_sessions (token_hash, agent_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ),
    bySession: db.prepare<[string, number], AgentRow>(
      `SELECT ${AGENT_COLUMNS} FROM agent_sessions s JOIN agents a ON a.id = s.agent_id
       WHERE s.token_hash = ? AND s.expires_at > ?`,
    ),
    endSession: db.prepare<[string], void>('DELETE FROM agent_sessions WHERE token_hash = ?'),
    pruneSessions: db.prepare<[number], void>('DELETE FROM agent_sessions WHERE expires_at <= ?'),
    holding: db.prepare<[], AgentRow>(
      `SELECT ${AGENT_COLUMNS} FROM agents a
       WHERE EXISTS (SELECT 1 FROM conversations c WHERE c.agent_id = a.id AND c.status = 'active')`,
    ),
  };
  const create = db.transaction((row: AgentRow, account: NewAccount) => {
    q.insert.run(
      row.id,
      account.login,
      row.first_name,
      row.title,
      row.avatar_url,
      account.role,
      account.passwordHash,
      row.created_at,
    );
    deps.setTopics(row.id, account.topics);
  });
  return {
    createAccount(account) {
      const row: AgentRow = {
        id: deps.createId(),
        first_name: account.firstName,
        title: account.title ?? null,
        avatar_url: account.avatarUrl ?? null,
        created_at: deps.now(),
        login: account.login,
        role: account.role,
      };
      create(row, account);
      return row;
    },
    accountByLogin: (login) => q.byLogin.get(login.toLowerCase()),
    accounts: () => q.all.all(),
    createSession(tokenHash, agentId, expiresAt) {
      q.pruneSessions.run(deps.now());
      q.insertSession.run(tokenHash, agentId, deps.now(), expiresAt);
    },
    agentBySession: (tokenHash) => q.bySession.get(tokenHash, deps.now()),
    endSession: (tokenHash) => void q.endSession.run(tokenHash),
    agentsHolding: () => q.holding.all(),
  };
}
