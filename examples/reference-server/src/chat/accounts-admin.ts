/**
 * Admins manage the team's accounts from the console: the list, and new accounts (checked and hashed
 * exactly as the `agents add` command does).
 */

import type { AccountInfo, AgentAccountsRequest } from '@clavard/agent-api';
import { ChatError } from '@clavard/protocol';
import { createAccount } from '../accounts/accounts.js';
import type { AgentRow } from '../db/rows.js';
import type { AgentConn, AgentSession, Hub } from './hub.js';

const accountInfo = (row: AgentRow): AccountInfo => ({
  id: row.id,
  login: row.login ?? '',
  firstName: row.first_name,
  ...(row.title === null ? {} : { title: row.title }),
  role: row.role,
});

/**
 * `agent.accounts`: the accounts, after creating the one asked for. Admins only.
 *
 * @example
 * ```ts
 * manageAccounts(hub, conn, session, { type: 'agent.accounts' });
 * ```
 */
export async function manageAccounts(
  hub: Hub,
  conn: AgentConn,
  session: AgentSession,
  frame: AgentAccountsRequest,
): Promise<void> {
  if (session.role !== 'admin') throw new ChatError('forbidden', 'accounts are managed by admins');
  const list = async (created?: string) =>
    conn.send({
      type: 'agent.accounts',
      accounts: (await hub.store.accounts()).map(accountInfo),
      ...(created === undefined ? {} : { created }),
    });
  if (!frame.create) return list();
  // Hashing takes a moment off the main thread; the answer follows when it is stored.
  let row: Awaited<ReturnType<typeof createAccount>>;
  try {
    row = await createAccount(hub.store, frame.create, hub.options.topics);
  } catch (error) {
    throw new ChatError(
      'invalid-frame',
      error instanceof Error ? error.message : 'the account was not created',
    );
  }
  await list(row.login ?? undefined);
}
