/**
 * The house rules as the console applies them before sending: the agent greets before the first answer
 * of a conversation. The server enforces the same rule (`greeting-required`) with the same definition
 * (`isGreeting`: the text starts with one of the organisation's greetings); the console checks first so
 * the agent is helped before anything leaves, and keeps the draft when the server refuses all the same.
 */
import type { ConversationEvent } from '@clavard/protocol';

/**
 * What the composer holds for one conversation: the text, and whether the greeting was put in it (a
 * hint shown under the composer; the rule itself looks at the text).
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
 * Whether the agent has already sent a message in this conversation.
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
 * The composer when a conversation becomes the agent's: pre-filled with the greeting until somebody
 * greeted (a conversation handed over mid-way starts empty).
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
 * Whether the draft may be sent: `empty` when there is nothing to send; `greeting-required` when nobody
 * has greeted the visitor and the text does not start with a greeting (`startsWithGreeting`, the
 * server's own test), however it was typed.
 *
 * @example
 * ```ts
 * checkSend({ greeted: false, draft: { text: 'Your order left today.', greeting: false }, startsWithGreeting }); // { ok: false, reason: 'greeting-required' }
 * ```
 */
export function checkSend(input: {
  greeted: boolean;
  draft: Draft;
  startsWithGreeting: (text: string) => boolean;
  /** Files go with the text: an empty text is their (absent) caption, not nothing to send. */
  withFiles?: boolean;
}): { ok: true } | { ok: false; reason: 'greeting-required' | 'empty' } {
  const text = input.draft.text.trim();
  if (text === '' && !input.withFiles) return { ok: false, reason: 'empty' };
  if (!input.greeted && !input.startsWithGreeting(text)) return { ok: false, reason: 'greeting-required' };
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
