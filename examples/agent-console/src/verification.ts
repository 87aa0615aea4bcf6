import type { VerificationCheck } from '@clavard/agent-api';
import type { ConversationEvent } from '@clavard/protocol';

/** The checks the console offers (their labels are the console's; the visitor sees the server's, in their language). */
export const CHECKS: readonly VerificationCheck[] = ['dob', 'postal', 'last4'];

/**
 * Where the visitor's identity stands, as one label for the whole console: identified by the
 * organisation's token first, then the latest verification in the conversation, else not verified.
 *
 * @example
 * ```ts
 * identityStatus({ visitor: undefined, events }); // 'identity.verified'
 * ```
 */
export function identityStatus(conversation: {
  visitor?: unknown;
  events: readonly ConversationEvent[];
}): 'identity.identified' | 'identity.verified' | 'identity.failed' | 'identity.pending' | 'identity.none' {
  if (conversation.visitor !== undefined) return 'identity.identified';
  const state = verificationState(conversation.events);
  if (state === 'verified') return 'identity.verified';
  if (state === 'not-verified') return 'identity.failed';
  return state === 'pending' ? 'identity.pending' : 'identity.none';
}

/**
 * Where the visitor's identity stands in a conversation, from its events: `none` (never asked), `pending`
 * (asked, no decision yet), `verified` or `not-verified` (the server's latest decision). The values
 * themselves never reach the console.
 *
 * @example
 * ```ts
 * verificationState(conversation.events); // 'verified'
 * ```
 */
export function verificationState(
  events: readonly ConversationEvent[],
): 'none' | 'pending' | 'verified' | 'not-verified' {
  let state: 'none' | 'pending' | 'verified' | 'not-verified' = 'none';
  const asked = new Set<string>();
  for (const event of events) {
    if (event.type === 'form.request' && event.kind === 'verification') {
      asked.add(event.formId);
      state = 'pending';
    } else if (event.type === 'form.result' && asked.has(event.formId) && event.verified !== undefined) {
      state = event.verified ? 'verified' : 'not-verified';
    }
  }
  return state;
}
