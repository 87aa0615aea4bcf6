import type { ReportLine } from '@clavard/agent-api';
import type { ReportRow } from '../db/archive-store.js';

interface Totals {
  line: ReportLine;
  firstResponses: number[];
  handling: number[];
  scores: number[];
  /** Conversations a handoff link started: post → chat, post → end. */
  toChat: number[];
  toResolved: number[];
}

const average = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * The day of a moment in a time zone, as `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * dayIn(Date.parse('2026-12-04T03:00:00Z'), 'America/Toronto'); // '2026-12-03'
 * ```
 */
export function dayIn(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ms);
}

/**
 * The team report: one line per agent and per day (the day a conversation ended, in the organisation's
 * time zone), with the conversations ended, the average first response (the visitor's arrival to the
 * first agent message) and handling time (taken to ended), first-contact resolutions (solved without a
 * transfer) among the survey answers, and the average rating. Pure: the same rows give the same report.
 *
 * @example
 * ```ts
 * teamReport(store.reportRows(from, to), 'America/Toronto');
 * ```
 */
export function teamReport(rows: readonly ReportRow[], timeZone: string): ReportLine[] {
  const byKey = new Map<string, Totals>();
  for (const row of rows) {
    const day = dayIn(row.ended_at, timeZone);
    const key = `${day}\u0000${row.agent_id}`;
    const totals = byKey.get(key) ?? {
      line: {
        day,
        agentId: row.agent_id,
        firstName: row.first_name,
        conversations: 0,
        firstResponseMs: null,
        handlingMs: null,
        surveyed: 0,
        firstContact: 0,
        rated: 0,
        rating: null,
        handoffs: 0,
        postToChatMs: null,
        postToResolvedMs: null,
      },
      firstResponses: [],
      handling: [],
      scores: [],
      toChat: [],
      toResolved: [],
    };
    byKey.set(key, totals);
    totals.line.conversations += 1;
    if (row.first_response_at !== null) totals.firstResponses.push(row.first_response_at - row.created_at);
    if (row.answered_at !== null) totals.handling.push(row.ended_at - row.answered_at);
    if (row.solved !== null) {
      totals.line.surveyed += 1;
      if (row.solved === 1 && row.transferred === 0) totals.line.firstContact += 1;
    }
    if (row.score !== null) totals.scores.push(row.score);
    if (row.posted_at !== null) {
      totals.line.handoffs += 1;
      if (row.handoff_opened_at !== null)
        totals.toChat.push(Math.max(0, row.handoff_opened_at - row.posted_at));
      totals.toResolved.push(Math.max(0, row.ended_at - row.posted_at));
    }
  }
  return [...byKey.values()]
    .map(({ line, firstResponses, handling, scores, toChat, toResolved }) => ({
      ...line,
      postToChatMs: average(toChat),
      postToResolvedMs: average(toResolved),
      firstResponseMs: average(firstResponses),
      handlingMs: average(handling),
      rated: scores.length,
      rating: average(scores),
    }))
    .sort((a, b) => a.day.localeCompare(b.day) || a.firstName.localeCompare(b.firstName));
}
