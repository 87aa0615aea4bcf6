import type { IncomingMessage } from 'node:http';

/**
 * The request body as text, or `undefined` when it is over `maxBytes` (the rest is read and dropped, so
 * the connection can answer 413 and stay usable).
 *
 * @example
 * ```ts
 * const body = await readBody(req, 1024 * 1024);
 * if (body === undefined) return res.writeHead(413).end();
 * ```
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxBytes ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
