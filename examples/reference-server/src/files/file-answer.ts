/**
 * How a file leaves the server: never as something a browser would run. Every answer says its type with
 * `nosniff` and sits in a sandbox of its own (`Content-Security-Policy: sandbox`), so that even opened as
 * a page nothing in it runs or reaches the server's origin. Images, which the server decoded and
 * re-encoded itself, are `inline`; everything else is a download (`attachment`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AttachmentRow } from '../db/attachment-store.js';
import { corsHeaders } from '../net/origin.js';
import { contentDisposition } from './safe-name.js';

/**
 * Answers a file's bytes (a thumbnail's, when `thumbnail`) with the headers of the file's comment.
 *
 * @example
 * ```ts
 * answerFile(req, res, row, await storage.get(row.id), false);
 * ```
 */
export function answerFile(
  req: IncomingMessage,
  res: ServerResponse,
  row: AttachmentRow,
  bytes: Buffer,
  thumbnail: boolean,
): void {
  const type = thumbnail ? 'image/webp' : (row.media_type ?? 'application/octet-stream');
  const image = type.startsWith('image/');
  res.writeHead(200, {
    ...corsHeaders(req),
    'content-type': type === 'text/plain' ? 'text/plain; charset=utf-8' : type,
    'content-length': String(bytes.length),
    'content-disposition': contentDisposition(image ? 'inline' : 'attachment', row.name),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cross-origin-resource-policy': 'cross-origin',
    'cache-control': 'private, no-store',
    'access-control-expose-headers': 'Content-Disposition',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
