/**
 * Agents on Postgres: their accounts and sign-in sessions, the topics they handle, and their measures
 * (the stats of the conversations they ended, the recent handling time a wait is estimated from). Names
 * and topics sort as SQLite's BINARY collation does (`COLLATE "C"`), whatever the database's locale.
 */
import type { AgentStats } from '@clavard/agent-api';
import type { AccountRow } from '../account-store.js';
import type { AgentRow } from '../rows.js';
import type { Async, StoreOperations } from '../store-types.js';
import { all, BY_AGENT, limitOf, one } from './sql.js';
import type { PostgresDeps } from './transactions.js';
import type { Queryable } from './writes.js';

/**
 * The operations of this file, each answering with a promise.
 *
 * @example
 * ```ts
 * const accounts: AccountOperations = accountOperations(deps);
 * ```
 */
export type AccountOperations = Async<
  Pick<
    StoreOperations,
    | 'createAccount'
    | 'accountByLogin'
    | 'accounts'
    | 'createSession'
    | 'agentBySession'
    | 'endSession'
    | 'agentsHolding'
    | 'agent'
    | 'agentTopics'
    | 'setAgentTopics'
    | 'agentStats'
    | 'recentHandlingMs'
  >
>;

const AGENT_COLUMNS = 'a.id, a.first_name, a.title, a.avatar_url, a.created_at, a.login, a.role';

/** SQLite's `SUM(condition)` over booleans is `COUNT(*) FILTER (WHERE condition)` here. */
const AGENT_STATS = `SELECT COUNT(*) AS conversations,
    AVG(c.answered_at - c.created_at) AS "waitMs",
    AVG((SELECT MIN(e.at) FROM events e WHERE e.conversation_id = c.id AND ${BY_AGENT}) - c.created_at)
      AS "firstResponseMs",
    AVG(c.ended_at - c.answered_at) AS "handlingMs",
    COUNT(r.solved) AS surveyed,
    COUNT(*) FILTER (WHERE r.solved = 1 AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.conversation_id = c.id))
      AS "firstContact",
    COUNT(r.score) AS rated,
    AVG(r.score) AS rating
  FROM conversations c LEFT JOIN ratings r ON r.conversation_id = c.id
  WHERE c.agent_id = $1 AND c.status = 'ended'`;

/** Replaces the agent's topics. Must run inside a transaction: the old list goes only if the new one is stored. */
async function replaceTopics(query: Queryable['query'], agentId: string, topics: readonly string[]) {
  await query('DELETE FROM agent_topics WHERE agent_id = $1', [agentId]);
  if (topics.length === 0) return;
  await query(
    'INSERT INTO agent_topics (agent_id, topic) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING',
    [agentId, [...topics]],
  );
}

/** Agents' accounts and sign-in sessions. */
function accounts(deps: PostgresDeps) {
  const { tx, now } = deps;
  const query = tx.query;
  return {
    async createAccount(account) {
      const row: AgentRow = {
        id: deps.createId(),
        first_name: account.firstName,
        title: account.title ?? null,
        avatar_url: account.avatarUrl ?? null,
        created_at: now(),
        login: account.login,
        role: account.role,
      };
      await tx.atomically(async () => {
        await query(
          `INSERT INTO agents (id, login, first_name, title, avatar_url, role, password_hash, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            row.id,
            account.login,
            row.first_name,
            row.title,
            row.avatar_url,
            row.role,
            account.passwordHash,
            row.created_at,
          ],
        );
        await replaceTopics(query, row.id, account.topics);
      });
      return row;
    },
    accountByLogin: (login) =>
      one<AccountRow>(
        query,
        `SELECT ${AGENT_COLUMNS}, a.password_hash FROM agents a WHERE a.login = $1 AND a.password_hash IS NOT NULL`,
        [login.toLowerCase()],
      ),
    accounts: () =>
      all<AgentRow>(
        query,
        `SELECT ${AGENT_COLUMNS} FROM agents a WHERE a.login IS NOT NULL
         ORDER BY a.first_name COLLATE "C", a.login COLLATE "C"`,
      ),
    async createSession(tokenHash, agentId, expiresAt) {
      await query('DELETE FROM agent_sessions WHERE expires_at <= $1', [now()]);
      await query(
        'INSERT INTO agent_sessions (token_hash, agent_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
        [tokenHash, agentId, now(), expiresAt],
      );
    },
    agentBySession: (tokenHash) =>
      one<AgentRow>(
        query,
        `SELECT ${AGENT_COLUMNS} FROM agent_sessions s JOIN agents a ON a.id = s.agent_id
         WHERE s.token_hash = $1 AND s.expires_at > $2`,
        [tokenHash, now()],
      ),
    async endSession(tokenHash) {
      await query('DELETE FROM agent_sessions WHERE token_hash = $1', [tokenHash]);
    },
    // In the order the agents were created (SQLite gives them in the order of its table).
    agentsHolding: () =>
      all<AgentRow>(
        query,
        `SELECT ${AGENT_COLUMNS} FROM agents a
         WHERE EXISTS (SELECT 1 FROM conversations c WHERE c.agent_id = a.id AND c.status = 'active')
         ORDER BY a.created_at, a.id`,
      ),
  } satisfies Partial<AccountOperations>;
}

/** An agent's row, topics and measures. */
function agentProfiles(deps: PostgresDeps) {
  const { tx } = deps;
  const query = tx.query;
  return {
    agent: (agentId) =>
      one<AgentRow>(
        query,
        'SELECT id, first_name, title, avatar_url, created_at, login, role FROM agents WHERE id = $1',
        [agentId],
      ),
    agentTopics: async (agentId) =>
      (
        await all<{ topic: string }>(
          query,
          'SELECT topic FROM agent_topics WHERE agent_id = $1 ORDER BY topic COLLATE "C"',
          [agentId],
        )
      ).map((row) => row.topic),
    setAgentTopics: (agentId, topics) => tx.atomically(() => replaceTopics(query, agentId, topics)),
    agentStats: async (agentId) => (await one<AgentStats>(query, AGENT_STATS, [agentId])) as AgentStats,
    recentHandlingMs: async (count) =>
      (
        await one<{ ms: number | null }>(
          query,
          `SELECT AVG(ended_at - answered_at) AS ms FROM (SELECT ended_at, answered_at FROM conversations
             WHERE status = 'ended' AND answered_at IS NOT NULL AND ended_at IS NOT NULL
             ORDER BY ended_at DESC LIMIT $1) recent`,
          [limitOf(count)],
        )
      )?.ms ?? undefined,
  } satisfies Partial<AccountOperations>;
}

/**
 * Agents, see the file's comment.
 *
 * @example
 * ```ts
 * const accounts = accountOperations(deps);
 * const agent = await accounts.agentBySession(hashToken(token));
 * ```
 */
export function accountOperations(deps: PostgresDeps): AccountOperations {
  return { ...accounts(deps), ...agentProfiles(deps) };
}
