import type { HandoffTracking } from '@clavard/agent-api';

/**
 * Where a handoff stands for its community manager: the link waits for the customer, was opened and
 * waits for an advisor, is with an advisor, was resolved, or expired before anyone opened it.
 *
 * @example
 * ```ts
 * const status: HandoffStatus = 'taken';
 * ```
 */
export type HandoffStatus = 'waiting' | 'opened' | 'taken' | 'resolved' | 'expired';

/**
 * The status of a handoff at `now` (ms), from its times: the furthest step reached wins.
 *
 * @example
 * ```ts
 * handoffStatus({ ...tracked, openedAt: '2026-12-05T14:05:00Z' }, Date.now()); // 'opened'
 * ```
 */
export function handoffStatus(handoff: HandoffTracking, now: number): HandoffStatus {
  if (handoff.resolvedAt) return 'resolved';
  if (handoff.takenAt) return 'taken';
  if (handoff.openedAt) return 'opened';
  return Date.parse(handoff.expiresAt) <= now ? 'expired' : 'waiting';
}
