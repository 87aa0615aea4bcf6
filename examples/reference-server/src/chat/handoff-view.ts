import type { HandoffCase } from '@clavard/agent-api';
import type { HandoffRow } from '../db/handoff-store.js';
import type { Store } from '../db/store.js';
import { type PublicReplies, publicReply } from './handoff-reply.js';
import { iso } from './iso-time.js';

/**
 * A handoff as the agent sees it beside its conversation (`AgentConversation.handoff`): the public post,
 * what the customer read, what was collected, who handed it over and when it was opened and taken. Never
 * the token's hash, never the visitor's id.
 *
 * @example
 * ```ts
 * const handoff = row && (await handoffCase(store, row, 'fr-CA'));
 * ```
 */
export async function handoffCase(
  store: Pick<Store, 'agent'>,
  row: HandoffRow,
  locale: string | null,
  replies?: PublicReplies,
): Promise<HandoffCase> {
  const byApi = row.created_by.startsWith('api:');
  const colleague = byApi ? undefined : await store.agent(row.created_by);
  return {
    id: row.id,
    channel: row.channel,
    handle: row.handle,
    postUrl: row.post_url,
    ...(row.posted_at === null ? {} : { postedAt: iso(row.posted_at) }),
    summary: row.summary,
    details: row.details.map(({ label, value }) => ({ label, value })),
    ...(row.topic === null ? {} : { topic: row.topic }),
    by: byApi ? row.created_by.slice('api:'.length) : (colleague?.first_name ?? row.created_by),
    createdAt: iso(row.created_at),
    ...(row.opened_at === null ? {} : { openedAt: iso(row.opened_at) }),
    ...(row.taken_at === null ? {} : { takenAt: iso(row.taken_at) }),
    // Once the conversation ended: what the community manager may post where the customer wrote.
    ...(row.resolved_at === null ? {} : { publicReply: publicReply(locale, replies) }),
  };
}
