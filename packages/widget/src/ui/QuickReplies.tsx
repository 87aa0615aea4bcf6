import type { QuickReply } from '@clavard/protocol';
import { useWidget } from './context.js';
import { sendText } from './send-text.js';
import { useListeners } from './use-listeners.js';

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
  return (
    <div className="replies">
      {replies.map((reply) => (
        <ReplyButton key={reply.id} reply={reply} />
      ))}
    </div>
  );
}

function ReplyButton({ reply }: { reply: QuickReply }) {
  const { client } = useWidget();
  const ref = useListeners<HTMLButtonElement>({ click: () => sendText(client, reply.label, reply.id) });
  return (
    <button ref={ref} type="button" className="reply">
      {reply.label}
    </button>
  );
}
