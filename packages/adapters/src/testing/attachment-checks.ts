// The checks of runServerConformance about attachments ("Attachments" in docs/protocol.md): over HTTP beside
// the frames, so they need the suite's `httpUrl`; without it they are reported skipped.
import type { AttachmentContent, ConversationEvent } from '@clavard/protocol';
import type { ServerCheckName } from './server-conformance.js';
import { assert, type Context, newClientId, readHistory, refusal, send, session } from './server-steps.js';

/** A 1 × 1 PNG, the smallest file every server must take. */
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);
/** An HTML page, whatever its name says. */
const HTML = new TextEncoder().encode('<!doctype html><script>alert(document.domain)</script>');

/** A session whose server offers attachments, and its HTTP calls with the session's token. */
const withFiles = async (ctx: Context) => {
  const base = ctx.options.httpUrl?.replace(/\/+$/, '');
  assert(base !== undefined, 'httpUrl is needed for the attachment checks');
  const { transport, welcome } = await session(ctx);
  assert(
    welcome.attachments !== undefined,
    'httpUrl was given but session.welcome has no attachments: a server that takes files must say so',
  );
  const call = (method: string, path: string, body?: BodyInit, token: string | null = welcome.token) =>
    fetch(`${base}/${path}`, {
      method,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined
          ? {}
          : { 'content-type': typeof body === 'string' ? 'application/json' : 'application/octet-stream' }),
      },
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(ctx.timeoutMs),
    });
  return { transport, welcome, limits: welcome.attachments, call };
};

type Files = Awaited<ReturnType<typeof withFiles>>;

/** A slot for `clientId`, and the JSON it was answered with. */
const slot = async (files: Files, clientId: string, name: string, size: number) => {
  const res = await files.call('POST', 'uploads', JSON.stringify({ clientId, name, size }));
  return { status: res.status, body: (await res.json()) as { id?: string; status?: string; code?: string } };
};

/** Uploads `bytes` as a new slot's file; the PUT's status and body. */
const upload = async (
  files: Files,
  bytes: Uint8Array<ArrayBuffer>,
  name: string,
  clientId = newClientId(),
) => {
  const opened = await slot(files, clientId, name, bytes.length);
  assert(
    opened.status === 201 && opened.body.id !== undefined,
    `POST uploads answered ${opened.status}, not 201 with an id`,
  );
  const res = await files.call('PUT', `uploads/${opened.body.id}`, bytes);
  const body = (await res.json()) as { code?: string; attachment?: Omit<AttachmentContent, 'kind'> };
  return { clientId, id: opened.body.id, status: res.status, body };
};

/** The error code of a refused HTTP answer, or what came instead. */
const refusedWith = (status: number, body: { code?: string }) => `${status} ${body.code ?? '(no code)'}`;

export const ATTACHMENT_CHECKS: Pick<
  Record<ServerCheckName, (ctx: Context) => Promise<void>>,
  | 'attachment-stored-and-sent'
  | 'attachment-type-from-bytes'
  | 'attachment-size-enforced'
  | 'attachment-only-its-own'
> = {
  async 'attachment-stored-and-sent'(ctx) {
    const files = await withFiles(ctx);
    const put = await upload(files, PNG, 'pixel.png');
    const stored = put.body.attachment;
    assert(
      put.status === 200 && stored !== undefined,
      `PUT uploads/{id} answered ${refusedWith(put.status, put.body)}, not 200 with the attachment`,
    );
    assert(stored.mediaType === 'image/png', `a PNG was stored as ${stored.mediaType}`);
    assert(
      stored.width === 1 && stored.height === 1,
      `a 1 × 1 PNG was stored as ${stored.width} × ${stored.height}`,
    );
    const ack = await send(ctx, files.transport, put.clientId, 'a caption', { attachmentId: put.id });
    const { events } = await readHistory(ctx, files.transport, ack.conversationId);
    const message = events.find(
      (e): e is ConversationEvent & { type: 'message' } =>
        e.type === 'message' && e.clientId === put.clientId,
    );
    const content = message?.content;
    assert(
      content?.kind === 'attachment',
      `the message with attachmentId is stored as ${content?.kind ?? 'nothing'}, not an attachment`,
    );
    assert(
      content.id === put.id && content.caption === 'a caption',
      'the attachment message must name the upload and keep the caption',
    );
    const again = await slot(files, put.clientId, 'pixel.png', PNG.length);
    assert(
      again.status === 200 && again.body.status === 'sent',
      `a slot for a sent file's clientId answered ${again.status} ${again.body.status}, not 200 sent`,
    );
    const read = await files.call('GET', `files/${put.id}`);
    assert(read.status === 200, `GET files/{id} answered ${read.status}`);
    assert(
      read.headers.get('x-content-type-options') === 'nosniff',
      'a file must be served with X-Content-Type-Options: nosniff',
    );
    assert(
      /\bsandbox\b/.test(read.headers.get('content-security-policy') ?? ''),
      'a file must be served with Content-Security-Policy: sandbox',
    );
  },
  async 'attachment-type-from-bytes'(ctx) {
    const files = await withFiles(ctx);
    const put = await upload(files, HTML, 'invoice.png');
    assert(
      put.status === 415 && put.body.code === 'attachment-type-refused',
      `an HTML page named invoice.png got ${refusedWith(put.status, put.body)}, not 415 attachment-type-refused`,
    );
  },
  async 'attachment-size-enforced'(ctx) {
    const files = await withFiles(ctx);
    const { maxBytes } = files.limits;
    const asked = await slot(files, newClientId(), 'big.pdf', maxBytes + 1);
    assert(
      asked.status === 413 && asked.body.code === 'attachment-too-large',
      `a slot for ${maxBytes + 1} bytes got ${refusedWith(asked.status, asked.body)}, not 413 attachment-too-large`,
    );
    // The client lies about the size: the server counts the bytes themselves.
    const opened = await slot(files, newClientId(), 'small.pdf', 10);
    assert(opened.body.id !== undefined, `POST uploads answered ${opened.status} without an id`);
    const res = await files.call('PUT', `uploads/${opened.body.id}`, new Uint8Array(maxBytes + 1));
    const body = (await res.json()) as { code?: string };
    assert(
      res.status === 413 && body.code === 'attachment-too-large',
      `${maxBytes + 1} bytes in a slot of 10 got ${refusedWith(res.status, body)}, not 413 attachment-too-large`,
    );
  },
  async 'attachment-only-its-own'(ctx) {
    const owner = await withFiles(ctx);
    const put = await upload(owner, PNG, 'mine.png');
    assert(put.status === 200, `PUT uploads/{id} answered ${refusedWith(put.status, put.body)}`);
    await send(ctx, owner.transport, put.clientId, '', { attachmentId: put.id });
    const stranger = await withFiles(ctx);
    const read = await stranger.call('GET', `files/${put.id}`);
    assert(read.status === 404, `another session read the file: GET answered ${read.status}, not 404`);
    const anonymous = await owner.call('GET', `files/${put.id}`, undefined, null);
    assert(anonymous.status === 401, `a GET without a token answered ${anonymous.status}, not 401`);
    const error = await refusal(
      ctx,
      stranger.transport,
      { type: 'message.send', clientId: put.clientId, text: '', attachmentId: put.id },
      (e) => e.clientId === put.clientId,
    );
    assert(
      error.code === 'not-found',
      `another session's message with the file got ${error.code}, not not-found`,
    );
  },
};
