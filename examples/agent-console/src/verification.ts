import type { ConversationEvent } from '@clavard/protocol';
import type { VerificationCheck } from '@clavard/reference-server';

/** The checks the console offers, with the agent's labels (the visitor sees the server's, in their language). */
export const CHECK_LABELS: ReadonlyArray<{ check: VerificationCheck; label: string }> = [
  { check: 'dob', label: 'Date of birth' },
  { check: 'postal', label: 'Postal code' },
  { check: 'last4', label: 'Last four digits of the account number' },
];

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
