import type { QuickReply } from '@clavard/protocol';
import { useWidget } from './context.js';
import { sendText } from './send-text.js';

/** Props of {@link QuickReplies}. */
export interface QuickRepliesProps {
  replies: readonly QuickReply[];
}

/**
 * The buttons under an agent's message; picking one sends its label as the visitor's message.
 *
 * @example
 * ```tsx
 * <QuickReplies replies={[{ id: 'yes', label: 'Yes' }]} />
 * ```
 */
export function QuickReplies({ replies }: QuickRepliesProps) {
  const { client } = useWidget();
  return (
    <div class="replies">
      {replies.map((reply) => (
        <button
          key={reply.id}
          type="button"
          class="reply"
          onClick={() => sendText(client, reply.label, reply.id)}
        >
          {reply.label}
        </button>
      ))}
    </div>
  );
}
