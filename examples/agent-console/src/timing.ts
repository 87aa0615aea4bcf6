/**
 * The figures an agent sees: time to first response and handling time per conversation, and running
 * averages. Pure functions of a conversation's events and the clock.
 */
import type { ConversationEvent } from '@clavard/protocol';

/**
 * The figures of one conversation for one agent. Undefined where the moment has not come yet.
 *
 * @example
 * ```ts
 * const timing: ConversationTiming = { firstResponseMs: 12_000, handlingMs: 185_000, done: true, answeredByMe: true };
 * ```
 */
export interface ConversationTiming {
  /** From the visitor's first message (or the conversation's start) to the first agent message. */
  firstResponseMs?: number;
  /** Whether that first agent message was this agent's (it counts in this agent's average). */
  answeredByMe: boolean;
  /** From when this agent took it (or got it by transfer) to its end or hand-over, or to now. */
  handlingMs?: number;
  /** Handling is over: the conversation ended or was handed to another agent. */
  done: boolean;
}

const ms = (at: string): number => Date.parse(at);

/**
 * Computes the figures of a conversation for `agentId` at time `now` (ms).
 *
 * @example
 * ```ts
 * conversationTiming({ createdAt: conversation.createdAt, events: conversation.events, agentId: me.id, now: Date.now() });
 * ```
 */
export function conversationTiming(input: {
  createdAt: string;
  events: readonly ConversationEvent[];
  agentId: string;
  now: number;
}): ConversationTiming {
  const { events, agentId } = input;
  let askedAt: number | undefined;
  let firstAnswer: { at: number; mine: boolean } | undefined;
  let start: number | undefined;
  let stop: number | undefined;
  for (const event of events) {
    if (event.type === 'message') {
      if (event.author.role === 'visitor') askedAt ??= ms(event.at);
      if (event.author.role === 'agent' && firstAnswer === undefined) {
        firstAnswer = { at: ms(event.at), mine: event.author.id === agentId };
      }
    } else if (
      (event.type === 'agent.joined' || event.type === 'agent.transferred') &&
      event.agent.id === agentId
    ) {
      start ??= ms(event.at);
    } else if (event.type === 'agent.transferred' && event.from?.id === agentId && start !== undefined) {
      stop ??= ms(event.at);
    } else if (event.type === 'conversation.ended' && start !== undefined) {
      stop ??= ms(event.at);
    }
  }
  const from = askedAt ?? ms(input.createdAt);
  const timing: ConversationTiming = { answeredByMe: firstAnswer?.mine ?? false, done: stop !== undefined };
  if (firstAnswer !== undefined) timing.firstResponseMs = Math.max(0, firstAnswer.at - from);
  if (start !== undefined) timing.handlingMs = Math.max(0, (stop ?? input.now) - start);
  return timing;
}

/**
 * The mean of `values`, or undefined for none.
 *
 * @example
 * ```ts
 * averageOf([10, 20, 60]); // 30
 * ```
 */
export function averageOf(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * An agent's running averages over their conversations: first response over the conversations they
 * answered first, handling time over the conversations they finished (ended or handed over).
 *
 * @example
 * ```ts
 * agentAverages(timings); // { firstResponseMs: 15_000, handlingMs: 240_000, answered: 4, finished: 3 }
 * ```
 */
export function agentAverages(timings: readonly ConversationTiming[]): {
  firstResponseMs?: number;
  handlingMs?: number;
  answered: number;
  finished: number;
} {
  const responses = timings.flatMap((t) =>
    t.answeredByMe && t.firstResponseMs !== undefined ? [t.firstResponseMs] : [],
  );
  const handled = timings.flatMap((t) => (t.done && t.handlingMs !== undefined ? [t.handlingMs] : []));
  const firstResponseMs = averageOf(responses);
  const handlingMs = averageOf(handled);
  return {
    ...(firstResponseMs === undefined ? {} : { firstResponseMs }),
    ...(handlingMs === undefined ? {} : { handlingMs }),
    answered: responses.length,
    finished: handled.length,
  };
}

/**
 * A duration for people: `42 s`, `3 min 05 s`, `1 h 02 min`; `—` when unknown.
 *
 * @example
 * ```ts
 * formatDuration(185_000); // '3 min 05 s'
 * ```
 */
export function formatDuration(durationMs: number | undefined): string {
  if (durationMs === undefined || !Number.isFinite(durationMs)) return '—';
  const seconds = Math.max(0, Math.round(durationMs / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
