/**
 * The house rules of a conversation: the agent greets before the first free answer. Pure functions, so
 * the composer and the tests share them.
 */
import type { ConversationEvent } from '@clavard/protocol';

/**
 * What the composer holds for one conversation: the text, and whether a greeting phrase was put in it
 * (it stays a greeting while the agent edits it; emptying the composer forgets it).
 *
 * @example
 * ```ts
 * const draft: Draft = { text: "Hello, I'm Julie.", greeting: true };
 * ```
 */
export interface Draft {
  text: string;
  greeting: boolean;
}

/**
 * Whether the agent has already sent a message in this conversation (the greeting went first, since the
 * console does not let a free answer go before it).
 *
 * @example
 * ```ts
 * hasGreeted(conversation.events, me.id);
 * ```
 */
export function hasGreeted(events: readonly ConversationEvent[], agentId: string): boolean {
  return events.some(
    (event) => event.type === 'message' && event.author.role === 'agent' && event.author.id === agentId,
  );
}

/**
 * The composer when a conversation becomes the agent's: pre-filled with the greeting until they greeted.
 *
 * @example
 * ```ts
 * initialDraft(false, "Hello, I'm Julie."); // { text: "Hello, I'm Julie.", greeting: true }
 * ```
 */
export function initialDraft(greeted: boolean, greeting: string): Draft {
  return greeted || greeting === '' ? { text: '', greeting: false } : { text: greeting, greeting: true };
}

/**
 * The draft after the agent typed: an emptied composer is no longer a greeting.
 *
 * @example
 * ```ts
 * editDraft({ text: 'Hello', greeting: true }, ''); // { text: '', greeting: false }
 * ```
 */
export function editDraft(draft: Draft, text: string): Draft {
  return { text, greeting: text.trim() === '' ? false : draft.greeting };
}

/**
 * Whether the draft may be sent: `greeting-required` when the agent has not greeted and the draft holds
 * no greeting; `empty` when there is nothing to send.
 *
 * @example
 * ```ts
 * checkSend({ greeted: false, draft: { text: 'Your order left today.', greeting: false } }); // { ok: false, reason: 'greeting-required' }
 * ```
 */
export function checkSend(input: {
  greeted: boolean;
  draft: Draft;
}): { ok: true } | { ok: false; reason: 'greeting-required' | 'empty' } {
  if (input.draft.text.trim() === '') return { ok: false, reason: 'empty' };
  if (!input.greeted && !input.draft.greeting) return { ok: false, reason: 'greeting-required' };
  return { ok: true };
}

/**
 * The draft with the greeting put before the agent's answer, as the console offers when a free answer
 * would go first.
 *
 * @example
 * ```ts
 * withGreeting({ text: 'Your order left today.', greeting: false }, "Hello, I'm Julie.");
 * // { text: "Hello, I'm Julie.\n\nYour order left today.", greeting: true }
 * ```
 */
export function withGreeting(draft: Draft, greeting: string): Draft {
  const rest = draft.text.trim();
  return { text: rest === '' ? greeting : `${greeting}\n\n${rest}`, greeting: true };
}
