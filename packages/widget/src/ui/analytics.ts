import type { ConversationEvent } from '@clavard/protocol';
import type { ChatClient } from '../headless/index.js';

/**
 * What the widget reports for analytics (`widget.on('analytics', …)`), once per conversation each. Times
 * are measured between the server's timestamps, so a wrong clock on the visitor's computer changes
 * nothing. No text, name or form value is ever in them.
 *
 * @example
 * ```ts
 * widget.on('analytics', (event) => {
 *   if (event.name === 'first-response') dataLayer.push({ event: 'chat_first_response', ms: event.ms });
 * });
 * ```
 */
export type AnalyticsEvent =
  /** The visitor's first message started a conversation. */
  | { name: 'conversation-started'; conversationId: string; at: string }
  /** From the first message to the moment an agent joined. */
  | { name: 'queue-wait'; conversationId: string; ms: number }
  /** From the first message to the agent's first answer. */
  | { name: 'first-response'; conversationId: string; ms: number }
  /** From the moment an agent joined to the end of the conversation. */
  | { name: 'handling-time'; conversationId: string; ms: number }
  /**
   * The visitor's answer to "Was your problem solved?"; `firstContact` when solved in this conversation
   * without a transfer.
   */
  | { name: 'resolved'; conversationId: string; solved: boolean; firstContact: boolean }
  /** The visitor's 1–5 rating. */
  | { name: 'rating'; conversationId: string; score: number };

interface Timing {
  startedAt?: number;
  joinedAt?: number;
  answered: boolean;
  ended: boolean;
  transferred: boolean;
}

const time = (at: string): number => Date.parse(at);

/**
 * Watches the client's conversation events and emits the {@link AnalyticsEvent}s they measure;
 * `rated()` reports the survey's answers. Returns the reporter and the function that stops watching.
 *
 * @example
 * ```ts
 * const analytics = trackAnalytics(client, (event) => listeners.forEach((l) => l(event)));
 * analytics.rated(conversationId, { solved: true, score: 5 });
 * ```
 */
export function trackAnalytics(
  client: ChatClient,
  emit: (event: AnalyticsEvent) => void,
): { rated(conversationId: string, rating: { solved?: boolean; score?: number }): void; stop(): void } {
  const timings = new Map<string, Timing>();
  const timingOf = (conversationId: string): Timing => {
    let timing = timings.get(conversationId);
    if (!timing) {
      timing = { answered: false, ended: false, transferred: false };
      timings.set(conversationId, timing);
    }
    return timing;
  };
  const seen = (event: ConversationEvent): void => {
    const { conversationId } = event;
    const timing = timingOf(conversationId);
    const at = time(event.at);
    if (event.type === 'message' && event.author.role === 'visitor' && timing.startedAt === undefined) {
      timing.startedAt = at;
      emit({ name: 'conversation-started', conversationId, at: event.at });
    } else if (event.type === 'agent.joined' && timing.joinedAt === undefined) {
      timing.joinedAt = at;
      if (timing.startedAt !== undefined) {
        emit({ name: 'queue-wait', conversationId, ms: Math.max(0, at - timing.startedAt) });
      }
    } else if (event.type === 'agent.transferred') {
      timing.transferred = true;
    } else if (event.type === 'message' && event.author.role === 'agent' && !timing.answered) {
      timing.answered = true;
      if (timing.startedAt !== undefined) {
        emit({ name: 'first-response', conversationId, ms: Math.max(0, at - timing.startedAt) });
      }
    } else if (event.type === 'conversation.ended' && !timing.ended) {
      timing.ended = true;
      if (timing.joinedAt !== undefined) {
        emit({ name: 'handling-time', conversationId, ms: Math.max(0, at - timing.joinedAt) });
      }
    }
  };
  const stops = [
    client.on('message', seen),
    client.on('agent.joined', seen),
    client.on('agent.transferred', seen),
    client.on('conversation.ended', seen),
  ];
  return {
    rated(conversationId, rating) {
      if (rating.solved !== undefined) {
        const firstContact = rating.solved && !timingOf(conversationId).transferred;
        emit({ name: 'resolved', conversationId, solved: rating.solved, firstContact });
      }
      if (rating.score !== undefined) emit({ name: 'rating', conversationId, score: rating.score });
    },
    stop() {
      for (const stop of stops) stop();
    },
  };
}
