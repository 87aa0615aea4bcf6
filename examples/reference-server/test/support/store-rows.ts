// Rows written straight through the store, for the tests of what the store and the queue make of them.
import type { Store } from '../../src/db/store.js';

let made = 0;

/**
 * A new visitor's new conversation (with `topic`, when given); resolves to its id.
 *
 * @example
 * ```ts
 * const id = await newConversation(store, 'Billing');
 * ```
 */
export async function newConversation(store: Store, topic?: string | null, locale = 'en'): Promise<string> {
  made += 1;
  const visitor = await store.createVisitor(`token-${made}`, locale);
  return (await store.createConversation(visitor.id, topic ?? undefined)).id;
}

/**
 * Stores a visitor's text message in the conversation, with a clientId of its own.
 *
 * @example
 * ```ts
 * await visitorMessage(store, id, 'Ma facture de mai');
 * ```
 */
export function visitorMessage(store: Store, conversationId: string, text: string) {
  made += 1;
  return store.storeMessage({
    conversationId,
    clientId: `c-${made}`,
    contentHash: `h-${made}`,
    event: { type: 'message', id: `m-${made}`, author: { role: 'visitor' }, content: { kind: 'text', text } },
  });
}
