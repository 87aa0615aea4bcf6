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
  if (text.trim().length === 0)
    return new ChatError('invalid-option', 'A message needs text', { retryable: false });
  if (text.length > MAX_TEXT_LENGTH) {
    return new ChatError('text-too-long', `A message holds at most ${MAX_TEXT_LENGTH} characters`, {
      retryable: false,
    });
  }
  return undefined;
}
