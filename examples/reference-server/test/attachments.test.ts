import { randomUUID } from 'node:crypto';
import type { ReferenceServer } from '@clavard/reference-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agent, type Received, startTestServer, type TestClient, visitor } from './support/clients.js';
import { call, HTML, PDF, pngOf, SVG, upload } from './support/uploads.js';

let server: ReferenceServer;

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

type Content = Record<string, unknown> & { kind: string };

/** The agent's `agent.event` carrying a message with this content kind. */
const agentEvent = (client: TestClient, kind: string): Promise<Content> =>
  client
    .next('agent.event', (f) => {
      const event = f.event as { type: string; content?: Content };
      return event.type === 'message' && event.content?.kind === kind;
    })
    .then((f) => (f.event as { content: Content }).content);

/** A visitor whose first message started a conversation that Julie took. */
const heldConversation = async () => {
  const visitorSide = await visitor(server);
  visitorSide.client.send({ type: 'message.send', clientId: randomUUID(), text: 'Hello' });
  const ack = await visitorSide.client.next('message.ack');
  const julie = await agent(server, 'Julie');
  const conversationId = ack.conversationId as string;
  julie.client.send({ type: 'agent.take', conversationId });
  await visitorSide.client.next('agent.joined');
  return { visitorSide, julie, conversationId, token: visitorSide.welcome.token as string };
};

/** Sends the message that carries an upload; resolves with its ack or the error naming it. */
const answerTo = (client: TestClient, clientId: string): Promise<Received> =>
  Promise.race([
    client.next('message.ack', (f) => f.clientId === clientId),
    client.next('error', (f) => f.clientId === clientId),
  ]);

describe('a visitor sends a file', () => {
  it('is offered in the welcome, with the limits, to visitors and agents alike', async () => {
    const { welcome } = await visitor(server);
    expect(welcome.attachments).toEqual({ maxBytes: 10 * 1024 * 1024, perConversation: 20 });
    const julie = await agent(server, 'Julie');
    expect(julie.welcome.attachments).toEqual({ maxBytes: 10 * 1024 * 1024, perConversation: 20 });
  });

  it('reaches the agent as the server describes it; both read it, served as an image only', async () => {
    const { visitorSide, julie, token } = await heldConversation();
    const sent = await upload(server, 'widget', token, await pngOf(40, 30), '../../etc/screen shot.PNG');
    expect([sent.slot.status, sent.put.status]).toEqual([201, 200]);
    const described = {
      id: sent.id,
      name: 'screen shot.PNG',
      mediaType: 'image/png',
      width: 40,
      height: 30,
      thumbnailId: `${sent.id}_t`,
    };
    expect(sent.put.body.attachment).toMatchObject(described);
    visitorSide.client.send({
      type: 'message.send',
      clientId: sent.clientId,
      text: 'The error',
      attachmentId: sent.id,
    });
    expect((await answerTo(visitorSide.client, sent.clientId)).type).toBe('message.ack');
    expect(await agentEvent(julie.client, 'attachment')).toMatchObject({
      ...described,
      caption: 'The error',
    });
    const read = await call(server, 'agent', julie.token, 'GET', `files/${sent.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toBe('image/png');
    expect(read.headers.get('x-content-type-options')).toBe('nosniff');
    expect(read.headers.get('content-security-policy')).toContain('sandbox');
    expect(read.headers.get('content-disposition')).toMatch(/^inline; filename="screen shot.PNG"/);
    const thumbnail = await call(server, 'widget', token, 'GET', `files/${sent.id}_t`);
    expect([thumbnail.status, thumbnail.headers.get('content-type')]).toEqual([200, 'image/webp']);
  });

  it('a PDF is a download, never shown inline', async () => {
    const { token, visitorSide } = await heldConversation();
    const sent = await upload(server, 'widget', token, PDF, 'invoice');
    expect(sent.put.body.attachment).toMatchObject({
      name: 'invoice.pdf',
      mediaType: 'application/pdf',
      size: PDF.length,
    });
    visitorSide.client.send({
      type: 'message.send',
      clientId: sent.clientId,
      text: '',
      attachmentId: sent.id,
    });
    await answerTo(visitorSide.client, sent.clientId);
    const read = await call(server, 'widget', token, 'GET', `files/${sent.id}`);
    expect(read.headers.get('content-disposition')).toMatch(/^attachment; filename="invoice.pdf"/);
  });

  it('a second slot for the same message is the same one, and stored bytes are not taken twice', async () => {
    const { token } = await visitor(server).then((v) => ({ token: v.welcome.token as string }));
    const png = await pngOf(8, 8);
    const first = await upload(server, 'widget', token, png, 'a.png');
    const again = await upload(server, 'widget', token, png, 'a.png', {}, first.clientId);
    expect(again.id).toBe(first.id);
    expect([again.slot.status, again.slot.body.status]).toEqual([200, 'stored']);
    const put = await call(server, 'widget', token, 'PUT', `uploads/${first.id}`, HTML);
    expect([put.status, put.body.attachment?.mediaType]).toEqual([200, 'image/png']);
  });
});

describe('a file and the conversation it goes to', () => {
  it('goes with its message into the next conversation when the agent ended the one it was chosen in', async () => {
    const { visitorSide, julie, conversationId, token } = await heldConversation();
    const sent = await upload(server, 'widget', token, PDF, 'receipt.pdf');
    julie.client.send({ type: 'agent.end', conversationId });
    await visitorSide.client.next('conversation.ended');
    visitorSide.client.send({
      type: 'message.send',
      clientId: sent.clientId,
      text: '',
      attachmentId: sent.id,
    });
    const ack = await answerTo(visitorSide.client, sent.clientId);
    expect(ack.type).toBe('message.ack');
    expect(ack.conversationId).not.toBe(conversationId);
    expect(ack.seq).toBe(1);
  });
});

describe('what the server refuses, whatever the client says', () => {
  it.each([
    ['an HTML page named .png', HTML, 'invoice.png'],
    ['an SVG image', SVG, 'logo.svg'],
    ['an empty file', Buffer.alloc(0), 'empty.txt'],
  ])('%s: attachment-type-refused', async (_name, bytes, name) => {
    const { welcome } = await visitor(server);
    const sent = await upload(server, 'widget', welcome.token as string, bytes, name);
    expect([sent.put.status, sent.put.body.code]).toEqual([415, 'attachment-type-refused']);
  });

  it('a slot over the size, and bytes over it in a slot that said less: attachment-too-large', async () => {
    const { welcome } = await visitor(server);
    const token = welcome.token as string;
    const max = 10 * 1024 * 1024;
    const asked = await call(server, 'widget', token, 'POST', 'uploads', {
      clientId: 'x1',
      name: 'a.pdf',
      size: max + 1,
    });
    expect([asked.status, asked.body.code]).toEqual([413, 'attachment-too-large']);
    const lying = await upload(
      server,
      'widget',
      token,
      Buffer.concat([PDF, Buffer.alloc(max + 1 - PDF.length)]),
      'a.pdf',
      { size: 10 },
    );
    expect([lying.put.status, lying.put.body.code]).toEqual([413, 'attachment-too-large']);
    const exactly = await upload(
      server,
      'widget',
      token,
      Buffer.concat([PDF, Buffer.alloc(max - PDF.length)]),
      'b.pdf',
    );
    expect(exactly.put.status).toBe(200);
  });

  it('past the count of a conversation: attachment-limit', async () => {
    await server.close();
    server = await startTestServer({ attachments: { perConversation: 2 } });
    const { welcome } = await visitor(server);
    const token = welcome.token as string;
    const png = await pngOf(4, 4);
    expect((await upload(server, 'widget', token, png, 'a.png')).put.status).toBe(200);
    expect((await upload(server, 'widget', token, png, 'b.png')).put.status).toBe(200);
    const third = await upload(server, 'widget', token, png, 'c.png');
    expect([third.slot.status, third.slot.body.code]).toEqual([409, 'attachment-limit']);
  });

  it('no token, or one that opens nothing: unauthorized', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const answer = await call(server, 'widget', token, 'POST', 'uploads', {
        clientId: 'x',
        name: 'a',
        size: 1,
      });
      expect([answer.status, answer.body.code]).toEqual([401, 'unauthorized']);
    }
  });

  it('a server without attachments offers none and has no such paths', async () => {
    await server.close();
    server = await startTestServer({ attachments: false });
    const { welcome } = await visitor(server);
    expect(welcome.attachments).toBeUndefined();
    expect((await agent(server, 'Julie')).welcome.attachments).toBeUndefined();
    const answer = await call(server, 'widget', welcome.token as string, 'POST', 'uploads', {
      clientId: 'x',
      name: 'a',
      size: 1,
    });
    expect(answer.status).toBe(404);
  });
});

describe('who reads a file', () => {
  it('another visitor, another agent and a message of someone else get nothing', async () => {
    const { visitorSide, token } = await heldConversation();
    const sent = await upload(server, 'widget', token, await pngOf(4, 4), 'mine.png');
    visitorSide.client.send({
      type: 'message.send',
      clientId: sent.clientId,
      text: '',
      attachmentId: sent.id,
    });
    await answerTo(visitorSide.client, sent.clientId);
    const stranger = await visitor(server);
    expect(
      (await call(server, 'widget', stranger.welcome.token as string, 'GET', `files/${sent.id}`)).status,
    ).toBe(404);
    const marc = await agent(server, 'Marc');
    expect((await call(server, 'agent', marc.token, 'GET', `files/${sent.id}`)).status).toBe(404);
    // A visitor's token is not an agent's, nor the other way round.
    expect((await call(server, 'agent', token, 'GET', `files/${sent.id}`)).status).toBe(401);
    stranger.client.send({ type: 'message.send', clientId: sent.clientId, text: '', attachmentId: sent.id });
    const refused = await answerTo(stranger.client, sent.clientId);
    expect([refused.type, refused.code]).toEqual(['error', 'not-found']);
  });

  it("a message whose clientId is not its upload's is refused, and starts no conversation", async () => {
    const { client, welcome } = await visitor(server);
    const sent = await upload(server, 'widget', welcome.token as string, await pngOf(4, 4), 'a.png');
    const other = randomUUID();
    client.send({ type: 'message.send', clientId: other, text: '', attachmentId: sent.id });
    const refused = await answerTo(client, other);
    expect([refused.type, refused.code]).toEqual(['error', 'not-found']);
    client.send({ type: 'message.send', clientId: sent.clientId, text: '', attachmentId: sent.id });
    const ack = await answerTo(client, sent.clientId);
    expect([ack.type, ack.seq]).toEqual(['message.ack', 1]);
  });
});

describe('an agent sends a file', () => {
  it('into a conversation they hold: the visitor gets it and reads it; a caption is its text', async () => {
    const { visitorSide, julie, conversationId, token } = await heldConversation();
    const sent = await upload(server, 'agent', julie.token, PDF, 'Formulaire de remboursement.pdf', {
      conversationId,
    });
    expect(sent.put.status).toBe(200);
    const clientId = sent.clientId;
    julie.client.send({
      type: 'agent.message',
      conversationId,
      clientId,
      content: { kind: 'text', text: 'Voici le formulaire' },
      attachmentId: sent.id,
    });
    await julie.client.next('agent.ack', (f) => f.clientId === clientId);
    const event = await visitorSide.client.next(
      'message',
      (f) => (f.content as Content).kind === 'attachment',
    );
    expect(event.content).toMatchObject({
      id: sent.id,
      name: 'Formulaire de remboursement.pdf',
      caption: 'Voici le formulaire',
    });
    const read = await call(server, 'widget', token, 'GET', `files/${sent.id}`);
    expect([read.status, read.headers.get('content-type')]).toEqual([200, 'application/pdf']);
  });

  it('not into a conversation they do not hold', async () => {
    const { conversationId } = await heldConversation();
    const marc = await agent(server, 'Marc');
    const sent = await upload(server, 'agent', marc.token, PDF, 'a.pdf', { conversationId });
    expect([sent.slot.status, sent.slot.body.code]).toEqual([403, 'forbidden']);
  });

  it('a content of kind attachment made up by the console is refused', async () => {
    const { julie, conversationId } = await heldConversation();
    julie.client.send({
      type: 'agent.message',
      conversationId,
      clientId: 'made-up',
      content: { kind: 'attachment', id: 'f0', name: 'x.png', size: 1, mediaType: 'image/png' },
    });
    expect((await julie.client.next('error')).code).toBe('invalid-frame');
  });
});
