// The headless client's files, over a fake chat transport and a fake HTTP server (fetch): the upload
// comes before its message, the messages after it wait, a refused file fails alone, a cancelled one goes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ack } from './support/fake-transport.js';
import { setupClient } from './support/setup-client.js';

const LIMITS = { maxBytes: 1000, perConversation: 5 };

/** A fake server's answers to the attachments' paths, and the requests it got. */
function fakeFilesServer(answerPut: (id: string) => Promise<Response> | Response) {
  const requests: string[] = [];
  let slots = 0;
  vi.stubGlobal('XMLHttpRequest', undefined);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const path = new URL(url).pathname;
      requests.push(`${init.method} ${path} ${(init.headers as Record<string, string>).authorization}`);
      if (init.method === 'POST')
        return Response.json({ id: `f${++slots}`, status: 'open' }, { status: 201 });
      return answerPut(path.split('/').at(-1) ?? '');
    }),
  );
  return { requests };
}

const stored = (id: string) => Response.json({ id, status: 'stored', attachment: {} });

/** Resolves once `check` holds, looking after each macrotask. */
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

beforeEach(() => vi.unstubAllGlobals());
afterEach(() => vi.unstubAllGlobals());

describe('files in the headless client', () => {
  it('offers files only with a filesUrl and a server that takes them', async () => {
    const without = setupClient();
    without.connectAndWelcome({ attachments: LIMITS });
    expect(without.client.attachments.value).toBeUndefined();
    await expect(without.client.attach(new File(['x'], 'a.txt'))).rejects.toMatchObject({
      code: 'invalid-option',
    });
    const offered = setupClient({ filesUrl: 'https://chat.example/clavard' });
    offered.connectAndWelcome({ attachments: LIMITS });
    expect(offered.client.attachments.value).toEqual(LIMITS);
  });

  it('uploads a file with the session token in a header, then sends its message; the next one waits', async () => {
    const server = fakeFilesServer(stored);
    const { client, transport, connectAndWelcome } = setupClient({
      filesUrl: 'https://chat.example/clavard',
    });
    connectAndWelcome({ attachments: LIMITS });
    const fileId = await client.attach(new File(['%PDF-1.4'], 'invoice.pdf'), { caption: 'The bill' });
    const textId = client.send('Is it right?');
    await until(() => transport.sentOfType('message.send').length === 1);
    expect(server.requests).toEqual(['POST /clavard/uploads Bearer t1', 'PUT /clavard/uploads/f1 Bearer t1']);
    expect(transport.sentOfType('message.send')).toEqual([
      { type: 'message.send', clientId: fileId, text: 'The bill', attachmentId: 'f1' },
    ]);
    transport.receive(ack(1, fileId));
    expect(transport.sentOfType('message.send').map((frame) => frame.clientId)).toEqual([fileId, textId]);
    client.dispose();
  });

  it("fails a refused file alone, with the server's code; the next message goes", async () => {
    fakeFilesServer(() =>
      Response.json({ code: 'attachment-type-refused', message: 'no', retryable: false }, { status: 415 }),
    );
    const { client, transport, errors, connectAndWelcome } = setupClient({
      filesUrl: 'https://chat.example/c',
    });
    connectAndWelcome({ attachments: LIMITS });
    const fileId = await client.attach(new File(['<html>'], 'page.png'));
    const textId = client.send('Hello?');
    await until(() => transport.sentOfType('message.send').length === 1);
    expect(transport.sentOfType('message.send')[0]?.clientId).toBe(textId);
    expect(client.messages.value.find((row) => row.key === fileId)).toMatchObject({
      delivery: 'failed',
      error: 'attachment-type-refused',
      file: { name: 'page.png' },
    });
    expect(errors.map((error) => error.code)).toContain('attachment-type-refused');
    client.dispose();
  });

  it('takes back a file while it uploads: the upload stops, the next message goes', async () => {
    let aborted = false;
    fakeFilesServer(() => new Promise<Response>(() => undefined));
    vi.mocked(fetch).mockImplementation(async (_url, init) => {
      if (init?.method === 'POST') return Response.json({ id: 'f1', status: 'open' }, { status: 201 });
      return new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => {
          aborted = true;
          reject(init.signal?.reason);
        }),
      );
    });
    const { client, transport, connectAndWelcome } = setupClient({ filesUrl: 'https://chat.example/c' });
    connectAndWelcome({ attachments: LIMITS });
    const fileId = await client.attach(new File(['%PDF-1.4'], 'slow.pdf'));
    const textId = client.send('Never mind');
    await until(() => vi.mocked(fetch).mock.calls.length === 2);
    expect(client.cancel(fileId)).toBe(true);
    await until(() => aborted && transport.sentOfType('message.send').length === 1);
    expect(transport.sentOfType('message.send')[0]?.clientId).toBe(textId);
    expect(client.messages.value.map((row) => row.key)).toEqual([textId]);
    client.dispose();
  });

  it("refuses a file over the server's limit before anything is sent", async () => {
    const server = fakeFilesServer(stored);
    const { client, connectAndWelcome } = setupClient({ filesUrl: 'https://chat.example/c' });
    connectAndWelcome({ attachments: LIMITS });
    await expect(client.attach(new File([new Uint8Array(1001)], 'big.pdf'))).rejects.toMatchObject({
      code: 'attachment-too-large',
    });
    expect(server.requests).toEqual([]);
    expect(client.messages.value).toEqual([]);
  });
});
