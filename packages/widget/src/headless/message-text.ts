import { ChatError, MAX_TEXT_LENGTH } from '@clavard/protocol';

/**
 * Why `text` cannot be sent as a visitor message (blank, or over {@link MAX_TEXT_LENGTH}), or `undefined`
 * when it can.
 *
 * @example
 * ```ts
 * const error = textError(text);
 * if (error) throw error;
 * ```
 */
export function textError(text: string): ChatError | undefined {
  if (text.trim().length === 0) return new ChatError('invalid-option', 'A message needs text');
  if (text.length > MAX_TEXT_LENGTH) {
    return new ChatError('text-too-long', `A message holds at most ${MAX_TEXT_LENGTH} characters`);
  }
  return undefined;
}

/**
 * Throws `invalid-option` unless `token` looks like an identity token from the organisation's server (a
 * non-empty text of at most 8,192 characters); the server verifies it.
 *
 * @example
 * ```ts
 * checkIdentityToken(token);
 * ```
 */
export function checkIdentityToken(token: unknown): asserts token is string {
  if (typeof token !== 'string' || token === '' || token.length > 8192) {
    throw new ChatError('invalid-option', 'identify() needs the token from your server');
  }
}

/**
 * The id of `conversation`; without one, hands `invalid-option` to `report` and throws it (a rating or an
 * end needs a conversation).
 *
 * @example
 * ```ts
 * const conversationId = requireConversation(model.conversation.peek(), reportError);
 * ```
 */
export function requireConversation(
  conversation: { readonly id: string } | undefined,
  report: (error: ChatError) => void,
): string {
  if (conversation) return conversation.id;
  const error = new ChatError('invalid-option', 'There is no conversation yet');
  report(error);
  throw error;
}
