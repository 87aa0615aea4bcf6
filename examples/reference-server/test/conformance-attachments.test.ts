// The kit's attachment checks catch a server that gets attachments wrong: the reference server, seen
// through a proxy that breaks one promise of docs/protocol.md at a time, fails the check of that promise.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runServerConformance, type ServerCheckName } from '@clavard/adapters/testing';
import { createWebSocketTransport } from '@clavard/adapters/websocket';
import type { ReferenceServer } from '@clavard/reference-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestServer } from './support/clients.js';

/** How a broken server answers instead of the reference server, when it does. */
type Breakage = (
  req: IncomingMessage,
  body: Buffer,
) => { status: number; headers?: Record<string, string>; body: string } | undefined;

/** Forwards the attachments' paths to `target`, answering in place of it where `broken` says so. */
const brokenProxy = async (target: ReferenceServer, broken: Breakage, stripHeader?: string) => {
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const instead = broken(req, body);
    if (instead) {
      res
        .writeHead(instead.status, { 'content-type': 'application/json', ...instead.headers })
        .end(instead.body);
      return;
    }
    const answer = await fetch(`${target.widgetUrl}${req.url}`, {
      method: req.method ?? 'GET',
      headers: Object.fromEntries(
        Object.entries(req.headers).filter(([name]) => ['authorization', 'content-type'].includes(name)),
      ) as Record<string, string>,
      ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
    });
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (name !== stripHeader && name !== 'content-length' && name !== 'transfer-encoding')
        headers[name] = value;
    });
    res.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const stored = {
  status: 200,
  body: JSON.stringify({
    id: 'f',
    status: 'stored',
    attachment: { mediaType: 'image/png', width: 1, height: 1 },
  }),
};

const breakages: [string, ServerCheckName, Breakage, string?][] = [
  [
    'takes an HTML page named .png',
    'attachment-type-from-bytes',
    (req, body) => (req.method === 'PUT' && body.includes('<!doctype') ? stored : undefined),
  ],
  [
    'takes more bytes than its limit',
    'attachment-size-enforced',
    (req, body) => (req.method === 'PUT' && body.length > 1000 ? stored : undefined),
  ],
  [
    'serves a file to another session',
    'attachment-only-its-own',
    (req) => (req.method === 'GET' && !req.headers.authorization ? { status: 200, body: '{}' } : undefined),
  ],
  ['serves files without nosniff', 'attachment-stored-and-sent', () => undefined, 'x-content-type-options'],
];

describe('the attachment checks against a broken server', () => {
  let server: ReferenceServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('pass through a proxy that breaks nothing', async () => {
    const proxy = await brokenProxy(server, () => undefined);
    const report = await runServerConformance({
      createTransport: () => createWebSocketTransport({ url: server.widgetWsUrl, WebSocket }),
      httpUrl: proxy.url,
      only: [
        'attachment-stored-and-sent',
        'attachment-type-from-bytes',
        'attachment-size-enforced',
        'attachment-only-its-own',
      ],
    });
    await proxy.close();
    expect(report.results.filter((result) => !result.ok)).toEqual([]);
  }, 60_000);

  it.each(breakages)(
    'fail a server that %s',
    async (_what, check, broken, stripHeader) => {
      const proxy = await brokenProxy(server, broken, stripHeader);
      const report = await runServerConformance({
        createTransport: () => createWebSocketTransport({ url: server.widgetWsUrl, WebSocket }),
        httpUrl: proxy.url,
        only: [check],
      });
      await proxy.close();
      expect(report.results).toEqual([{ name: check, ok: false, error: expect.any(String) }]);
    },
    60_000,
  );
});
