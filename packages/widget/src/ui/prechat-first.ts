import type { ChatClient, PendingPrechat } from '../headless/index.js';
import type { WidgetModel } from './widget-model.js';

/**
 * The pre-chat form to show in place of the composer: the one the server asked first
 * (`client.prechat`) and not answered yet, while the visitor has no conversation in progress (none yet, or an ended one they
 * chose to follow with a new conversation). A conversation under way, or one that has just ended (its
 * survey comes first), shows none. Reads signals: call it while rendering.
 *
 * @example
 * ```tsx
 * const asking = prechatFirst(client, model);
 * return asking ? null : <Composer inputRef={inputRef} />;
 * ```
 */
export function prechatFirst(client: ChatClient, model: WidgetModel): PendingPrechat | undefined {
  const pending = client.prechat.value;
  if (pending === undefined || pending.accepted) return undefined;
  const conversation = client.conversation.value;
  if (conversation === undefined) return pending;
  return conversation.status === 'ended' && model.startedOver.value === conversation.id ? pending : undefined;
}
