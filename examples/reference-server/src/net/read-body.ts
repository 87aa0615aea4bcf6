import type { IncomingMessage } from 'node:http';

/**
 * The request body's bytes, or `undefined` when it is over `maxBytes`. The rest of a body too large is
 * read and dropped, up to `drainBytes` in all, so that the client still reads the 413 that follows (a
 * browser that is cut off mid-upload sees a network error, not the answer); past that, the request is
 * ended.
 *
 * @example
 * ```ts
 * const bytes = await readBytes(req, 10 * 1024 * 1024);
 * if (bytes === undefined) return answer(413);
 * ```
 */
export function readBytes(
  req: IncomingMessage,
  maxBytes: number,
  drainBytes = maxBytes * 2,
): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else if (size > drainBytes) {
        req.destroy();
        resolve(undefined);
      }
    });
    req.on('end', () => resolve(size > maxBytes ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The request body as text, or `undefined` when it is over `maxBytes` (see {@link readBytes}).
 *
 * @example
 * ```ts
 * const body = await readBody(req, 1024 * 1024);
 * if (body === undefined) return res.writeHead(413).end();
 * ```
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return (await readBytes(req, maxBytes, Number.POSITIVE_INFINITY))?.toString('utf8');
}
