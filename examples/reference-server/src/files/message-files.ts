/**
 * A file in a message: the message names its upload (`attachmentId`), and the server, not the sender,
 * says what the file is. The upload must be the sender's, stored, and made for this very message (its
 * slot's clientId); it is then bound to the conversation, once.
 */
import { ChatError, type MessageContent } from '@clavard/protocol';
import type { AttachmentRow } from '../db/attachment-store.js';
import type { Store } from '../db/store-types.js';
import { attachmentOf } from './attachments.js';
import { agentReader, visitorReader } from './file-access.js';

/**
 * A message's content for a stored file, `caption` beside it unless empty.
 *
 * @example
 * ```ts
 * fileContent(row, 'The error'); // { kind: 'attachment', id, name, …, caption: 'The error', text: '[name] The error' }
 * ```
 */
export function fileContent(row: AttachmentRow, caption: string): MessageContent {
  // What a 1.0 widget, which knows no attachment, shows instead (1.1 parsers drop it).
  const fallback = { text: caption === '' ? `[${row.name}]` : `[${row.name}] ${caption}` };
  return { ...fallback, ...attachmentOf(row), ...(caption === '' ? {} : { caption }) };
}

/** The upload of `owner` for the message `clientId`, once its bytes are stored. */
const uploadFor = async (store: Store, owner: string, clientId: string, attachmentId: string) => {
  const row = await store.attachment(attachmentId);
  return row?.owner === owner && row.client_id === clientId && row.status !== 'open' ? row : undefined;
};

/**
 * The visitor's upload a message names, or undefined when it is not one of theirs stored for it (stored
 * and sent already counts: the same message again after a crash).
 *
 * @example
 * ```ts
 * const file = await visitorFile(store, visitorId, frame.clientId, frame.attachmentId);
 * ```
 */
export function visitorFile(
  store: Store,
  visitorId: string,
  clientId: string,
  attachmentId: string,
): Promise<AttachmentRow | undefined> {
  return uploadFor(store, visitorReader(visitorId).owner, clientId, attachmentId);
}

/**
 * What an agent's message says: its content, or the file it carries (bound to the conversation here)
 * with its text as caption. Throws `not-found` when the upload is not the agent's for this message and
 * conversation.
 *
 * @example
 * ```ts
 * const content = await agentContent(store, agentId, frame, conversation.id);
 * ```
 */
export async function agentContent(
  store: Store,
  agentId: string,
  frame: { clientId: string; content: MessageContent; attachmentId?: string },
  conversationId: string,
): Promise<MessageContent> {
  if (frame.attachmentId === undefined) return frame.content;
  const row = await uploadFor(store, agentReader(agentId).owner, frame.clientId, frame.attachmentId);
  if (!row || !(await store.sendUpload(row.id, conversationId))) {
    throw new ChatError(
      'not-found',
      `no stored upload ${frame.attachmentId} for this message in ${conversationId}`,
    );
  }
  return fileContent(row, frame.content.kind === 'text' ? frame.content.text : '');
}
