/**
 * The organisation's memory for agents: ended conversations, searched by the visitor's name and email and
 * by the words of the messages; any of them opened read-only with its transcript; a visitor's earlier
 * conversations beside the one under way; and, for admins, the team report.
 */

import type { AgentOpen, AgentReportRequest, AgentSearch, ArchiveEntry } from '@clavard/agent-api';
import { ChatError } from '@clavard/protocol';
import type { ArchiveRow } from '../db/archive-store.js';
import type { AgentConn, AgentSession, Hub } from './hub.js';
import { iso } from './iso-time.js';
import { fitting } from './paging.js';
import { teamReport } from './report.js';

/** Search results in one frame. */
const RESULTS_BYTES = 96 * 1024;
const MAX_RESULTS = 50;
const SNIPPET_LENGTH = 160;
const DAY_MS = 24 * 60 * 60_000;

/**
 * An archive row as agents see it.
 *
 * @example
 * ```ts
 * store.archive('', 20).map(archiveEntry);
 * ```
 */
export function archiveEntry(row: ArchiveRow): ArchiveEntry {
  return {
    conversationId: row.id,
    createdAt: iso(row.created_at),
    ...(row.ended_at === null ? {} : { endedAt: iso(row.ended_at) }),
    ...(row.agent_first_name === null ? {} : { agent: row.agent_first_name }),
    ...(row.name === null ? {} : { name: row.name }),
    ...(row.email === null ? {} : { email: row.email }),
    ...(row.topic === null ? {} : { topic: row.topic }),
    ...(row.snippet === null ? {} : { snippet: row.snippet.slice(0, SNIPPET_LENGTH) }),
    ...(row.score === null && row.solved === null
      ? {}
      : {
          rating: {
            ...(row.score === null ? {} : { score: row.score }),
            ...(row.solved === null ? {} : { solved: row.solved === 1 }),
          },
        }),
  };
}

/**
 * `agent.search`: the ended conversations matching the words (all, newest first, when blank).
 *
 * @example
 * ```ts
 * search(hub, conn, session, { type: 'agent.search', query: 'facture' });
 * ```
 */
export async function search(
  hub: Hub,
  conn: AgentConn,
  _session: AgentSession,
  frame: AgentSearch,
): Promise<void> {
  const rows = await hub.store.archive(frame.query, MAX_RESULTS);
  conn.send({
    type: 'agent.archive',
    query: frame.query,
    results: fitting(rows.map(archiveEntry), RESULTS_BYTES).kept,
  });
}

/**
 * `agent.open`: an ended conversation, read-only, with its transcript (as `agent.conversation`; older
 * pages with `agent.history`). Conversations under way stay their agent's.
 *
 * @example
 * ```ts
 * openArchived(hub, conn, session, { type: 'agent.open', conversationId: 'c1' });
 * ```
 */
export async function openArchived(
  hub: Hub,
  conn: AgentConn,
  session: AgentSession,
  frame: AgentOpen,
): Promise<void> {
  const conversation = await hub.store.conversation(frame.conversationId);
  if (!conversation) throw new ChatError('not-found', `no conversation ${frame.conversationId}`);
  if (conversation.status !== 'ended' && conversation.agent_id !== session.agent.id) {
    throw new ChatError('forbidden', 'a conversation under way is open only to its agent');
  }
  conn.send({ type: 'agent.conversation', conversation: await hub.agentView(conversation) });
}

/**
 * `agent.report` (admins only): per agent and per day in the organisation's time zone, over the last
 * `days` days: conversations, first response, handling, first-contact resolution, ratings.
 *
 * @example
 * ```ts
 * report(hub, conn, session, { type: 'agent.report', days: 7 });
 * ```
 */
export async function report(
  hub: Hub,
  conn: AgentConn,
  session: AgentSession,
  frame: AgentReportRequest,
): Promise<void> {
  if (session.role !== 'admin') throw new ChatError('forbidden', 'the team report is for admins');
  const to = hub.options.now();
  const from = to - frame.days * DAY_MS;
  const lines = teamReport(await hub.store.reportRows(from, to), hub.options.timeZone);
  conn.send({
    type: 'agent.report',
    from: iso(from),
    to: iso(to),
    lines: fitting(lines, RESULTS_BYTES).kept,
  });
}
