/**
 * The attachments' HTTP paths, beside the chat's frames so that they work with every transport (see
 * "Attachments" in docs/protocol.md). Under the widget's base for visitors and under `/agent` for agents:
 *
 * - `POST uploads` `{ clientId, name, size, conversationId? }`: a slot for the message `clientId` will be;
 *   the same clientId again answers the same slot, stored already or not;
 * - `PUT uploads/{id}`: its bytes, checked and kept; again once stored answers the stored file;
 * - `GET files/{id}`: a file (or `{id}_t`, an image's thumbnail) its reader may see.
 *
 * Every request carries its token in `Authorization: Bearer …`, never in the URL.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChatError, type ServerErrorCode } from '@clavard/protocol';
import type { AttachmentRow } from '../db/attachment-store.js';
import type { Store } from '../db/store-types.js';
import { corsHeaders } from '../net/origin.js';
import { readBytes } from '../net/read-body.js';
import { hashToken } from '../tokens.js';
import { type AttachmentOptions, attachmentOf } from './attachments.js';
import { type Reader, readerMay } from './file-access.js';
import { answerFile } from './file-answer.js';
import { receiveBytes, tooLarge } from './upload-bytes.js';

/** Who asks, from their token: a visitor (the widget's paths) or an agent (the console's). */
export type Uploader = Reader;

/** The status each error code is answered with. */
const STATUS: Partial<Record<ServerErrorCode, number>> = {
  'invalid-frame': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'attachment-limit': 409,
  'conversation-ended': 409,
  'attachment-too-large': 413,
  'attachment-type-refused': 415,
  'rate-limited': 429,
  unavailable: 503,
};

const NO_STORE = { 'cache-control': 'no-store' };

/** Answers `{ code, message, retryable }`, as an `error` frame says it. */
const answerError = (req: IncomingMessage, res: ServerResponse, error: ChatError) => {
  const code = (STATUS[error.code as ServerErrorCode] ? error.code : 'server-error') as ServerErrorCode;
  res
    .writeHead(STATUS[code] ?? 500, { 'content-type': 'application/json', ...corsHeaders(req), ...NO_STORE })
    .end(JSON.stringify({ code, message: error.message, retryable: error.retryable }));
};

const answerJson = (req: IncomingMessage, res: ServerResponse, status: number, body: unknown) =>
  void res
    .writeHead(status, { 'content-type': 'application/json', ...corsHeaders(req), ...NO_STORE })
    .end(JSON.stringify(body));

/** A slot or an upload, as its answer says it: the file once it is stored. */
const slotAnswer = (row: AttachmentRow) =>
  row.status === 'open'
    ? { id: row.id, status: 'open' }
    : { id: row.id, status: row.status, attachment: attachmentOf(row) };

/** The bearer token of a request, or undefined. */
const bearer = (req: IncomingMessage): string | undefined =>
  /^Bearer ([A-Za-z0-9_~.+/=-]{1,8192})$/.exec(req.headers.authorization ?? '')?.[1];

/**
 * The handlers of one base: `who` finds the uploader of a token (undefined when it opens nothing).
 *
 * @example
 * ```ts
 * const visitorFiles = createUploadRoutes({ store, options, who: async (tokenHash) => … });
 * if (await visitorFiles.route(req, res, path)) return;
 * ```
 */
export interface UploadRoutes {
  /** Answers a request whose path (after the base) is one of the attachments'; false when it is not. */
  route(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
}

/** What {@link createUploadRoutes} needs. */
export interface UploadRouteOptions {
  store: Store;
  options: AttachmentOptions;
  /** The uploader a token's SHA-256 opens, or undefined. */
  who(tokenHash: string): Promise<Uploader | undefined>;
  /** Where an unexpected failure goes. */
  report(error: ChatError): void;
}

/**
 * Makes the attachments' handlers of one base (see the file's comment).
 *
 * @example
 * ```ts
 * const routes = createUploadRoutes({ store, options, who, report });
 * ```
 */
export function createUploadRoutes(deps: UploadRouteOptions): UploadRoutes {
  return {
    async route(req, res, path) {
      const match = /^\/(uploads|files)(?:\/([A-Za-z0-9_-]{1,100}))?$/.exec(path);
      if (!match) return false;
      const [, kind, id] = match;
      if (req.method === 'OPTIONS') {
        answerPreflight(req, res);
        return true;
      }
      try {
        const token = bearer(req);
        const uploader = token === undefined ? undefined : await deps.who(hashToken(token));
        if (!uploader) throw new ChatError('unauthorized', 'no valid token in the Authorization header');
        if (kind === 'uploads' && id === undefined && req.method === 'POST') {
          await openSlot(deps, uploader, req, res);
        } else if (kind === 'uploads' && id !== undefined && req.method === 'PUT') {
          answerJson(req, res, 200, slotAnswer(await receiveBytes(deps, uploader, id, req)));
        } else if (kind === 'files' && id !== undefined && (req.method === 'GET' || req.method === 'HEAD')) {
          await serve(deps, uploader, id, req, res);
        } else {
          res.writeHead(405, { ...corsHeaders(req), ...NO_STORE }).end();
        }
      } catch (error) {
        if (!ChatError.isInstance(error)) throw error;
        req.resume();
        answerError(req, res, error);
      }
      return true;
    },
  };
}

/** A CORS preflight of these paths: the token and the JSON or bytes they carry. */
const answerPreflight = (req: IncomingMessage, res: ServerResponse) =>
  void res
    .writeHead(204, {
      ...corsHeaders(req),
      'access-control-allow-methods': 'GET, POST, PUT',
      'access-control-allow-headers': 'Authorization, Content-Type',
      'access-control-max-age': '600',
      ...NO_STORE,
    })
    .end();

/** The fields of a slot's request, checked. */
const slotRequest = async (req: IncomingMessage) => {
  const text = (await readBytes(req, 8 * 1024, 64 * 1024))?.toString('utf8');
  let body: unknown;
  try {
    body = text === undefined ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const { clientId, name, size, conversationId } = (body ?? {}) as Record<string, unknown>;
  const short = (value: unknown, max: number) =>
    typeof value === 'string' && value.length > 0 && value.length <= max;
  if (!short(clientId, 2048) || !short(name, 1024) || !Number.isSafeInteger(size) || (size as number) < 0) {
    throw new ChatError('invalid-frame', 'an upload slot needs clientId, name and size (bytes)');
  }
  if (conversationId !== undefined && !short(conversationId, 2048)) {
    throw new ChatError('invalid-frame', 'conversationId must be a string');
  }
  return {
    clientId: clientId as string,
    name: name as string,
    size: size as number,
    conversationId: conversationId as string | undefined,
  };
};

/** `POST uploads`: the slot of the clientId, found again or made. */
const openSlot = async (
  deps: UploadRouteOptions,
  uploader: Uploader,
  req: IncomingMessage,
  res: ServerResponse,
) => {
  const { store, options } = deps;
  const asked = await slotRequest(req);
  if (asked.size > options.maxBytes) throw tooLarge(options.maxBytes);
  const place = await placeOf(store, uploader, asked.conversationId);
  const id = `f${randomBytes(12).toString('hex')}`;
  const row = await store.openUpload({
    id,
    owner: uploader.owner,
    client_id: asked.clientId,
    visitor_id: place.visitorId,
    // A visitor's file joins a conversation when its message is sent (the one open now may end first);
    // an agent's is for the conversation they hold.
    conversation_id: uploader.role === 'agent' ? (place.conversationId ?? null) : null,
    name: asked.name,
    size: asked.size,
  });
  if (
    row.id === id &&
    (await store.filesCounted(uploader.owner, place.conversationId)) > options.perConversation
  ) {
    await store.deleteAttachments([id]);
    throw new ChatError('attachment-limit', `a conversation holds at most ${options.perConversation} files`);
  }
  answerJson(req, res, row.id === id ? 201 : 200, slotAnswer(row));
};

/** Where an upload goes: the visitor's current conversation, or the one an agent holds. */
const placeOf = async (store: Store, uploader: Uploader, conversationId: string | undefined) => {
  if (uploader.role === 'visitor') {
    const current = await store.currentConversation(uploader.visitorId);
    const open = current && current.status !== 'ended' ? current.id : undefined;
    return { visitorId: uploader.visitorId, conversationId: open };
  }
  const conversation = conversationId === undefined ? undefined : await store.conversation(conversationId);
  if (!conversation) throw new ChatError('not-found', 'an agent uploads into a conversation: conversationId');
  if (conversation.agent_id !== uploader.agentId) {
    throw new ChatError('forbidden', `conversation ${conversation.id} is not yours`);
  }
  if (conversation.status === 'ended')
    throw new ChatError('conversation-ended', `${conversation.id} has ended`);
  return { visitorId: conversation.visitor_id, conversationId: conversation.id };
};

/** `GET files/{id}`: the bytes, to a reader who may see them. */
const serve = async (
  deps: UploadRouteOptions,
  reader: Reader,
  key: string,
  req: IncomingMessage,
  res: ServerResponse,
) => {
  const thumbnail = key.endsWith('_t');
  const row = await deps.store.attachment(thumbnail ? key.slice(0, -2) : key);
  // Not there and not theirs read the same: a reader learns nothing of other conversations' files.
  if (!row || row.status === 'open' || !(await readerMay(deps.store, reader, row))) {
    throw new ChatError('not-found', `no file ${key}`);
  }
  if (thumbnail && !row.thumbnail) throw new ChatError('not-found', `no file ${key}`);
  const bytes = await deps.options.storage.get(key);
  if (!bytes) throw new ChatError('not-found', `file ${key} was erased`);
  answerFile(req, res, row, bytes, thumbnail);
};
