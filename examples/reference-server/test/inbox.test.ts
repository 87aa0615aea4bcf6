import type { AddressInfo } from 'node:net';
import type { ReferenceServer, ServerOptions } from '@clavard/reference-server';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { agent, startTestServer, type TestClient, visitor } from './support/clients.js';

let server: ReferenceServer | undefined;
let smtp: SMTPServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  smtp = undefined;
});

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1, port 0, that keeps every message it accepts. */
const startSmtp = async (): Promise<{ url: string; received: Received[]; next(): Promise<Received> }> => {
  const received: Received[] = [];
  const waiters: ((mail: Received) => void)[] = [];
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const mail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
        };
        received.push(mail);
        waiters.shift()?.(mail);
        done();
      });
    },
  });
  const listening = smtp;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', () => resolve()));
  const { port } = listening.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    next: () =>
      new Promise((resolve) => {
        const ready = received.at(waiters.length);
        if (ready) resolve(ready);
        else waiters.push(resolve);
      }),
  };
};

/** The Subject header, its RFC 2047 encoded words (Q or B) decoded. */
const subjectOf = (raw: string): string => {
  const folded = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return folded
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_m, hex: string) =>
                String.fromCharCode(Number.parseInt(hex, 16)),
              ),
            'latin1',
          ).toString('utf8'),
    );
};

/** A visitor who writes while nobody is available and leaves their email. */
const leaveMessage = async (on: ReferenceServer, text: string, email: string, locale = 'en') => {
  const v = await visitor(on, { locale });
  v.client.send({ type: 'message.send', clientId: `m-${text}`, text });
  const { conversationId } = await v.client.next('message.ack');
  const request = await v.client.next('form.request');
  v.client.send({ type: 'form.submit', formId: request.formId, values: { email } });
  await v.client.next('form.result', (f) => f.status === 'accepted');
  return { ...v, conversationId: String(conversationId) };
};

const start = (options: ServerOptions = {}) => startTestServer({ leaveMessage: true, ...options });

const latestInbox = async (client: TestClient, total: number) =>
  (await client.next('agent.inbox', (f) => f.total === total)).inbox as { conversationId: string }[];

describe('the inbox of left messages', () => {
  it('keeps left messages out of the live queue: a live visitor is number 1, with a wait of one conversation', async () => {
    server = await start({ handlingEstimateSeconds: 240 });
    await leaveMessage(server, 'My bill is wrong', 'ana@example.com');
    await leaveMessage(server, 'Change my plan', 'bob@example.com');
    await agent(server, 'Julie');
    const live = await visitor(server);
    live.client.send({ type: 'message.send', clientId: 'live', text: 'I am here now' });
    expect(await live.client.next('queue.update')).toMatchObject({ position: 1, etaSeconds: 240 });
  });

  it('answers from the console: the visitor sees the answer on their next visit, and gets it by email in French', async () => {
    const mail = await startSmtp();
    server = await start({
      smtpUrl: mail.url,
      brand: 'Fibre Nord',
      mailFrom: 'Fibre Nord <aide@fibrenord.example>',
    });
    const v = await leaveMessage(server, 'Ma facture est erronée', 'ana@example.com', 'fr-CA');
    v.client.close();
    const julie = await agent(server, 'Julie');
    expect(julie.welcome.inbox).toEqual([expect.objectContaining({ conversationId: v.conversationId })]);

    julie.client.send({
      type: 'agent.reply',
      conversationId: v.conversationId,
      clientId: 'r1',
      text: 'Nous avons corrigé votre facture.',
    });
    expect(await julie.client.next('agent.ack')).toMatchObject({ clientId: 'r1' });
    expect(await latestInbox(julie.client, 0)).toEqual([]);
    expect(await julie.client.next('agent.mailed')).toMatchObject({ sent: true });

    const sent = await mail.next();
    expect(sent.from).toBe('aide@fibrenord.example');
    expect(sent.to).toEqual(['ana@example.com']);
    expect(subjectOf(sent.raw)).toBe('Fibre Nord : une réponse à votre message');
    expect(sent.raw.replace(/=\r?\n/g, '')).toContain('corrig');

    // The next visit: the answer is in the conversation, which has ended.
    const back = await visitor(server, {
      token: v.welcome.token,
      locale: 'fr-CA',
      resume: { conversationId: v.conversationId, lastSeq: 0 },
    });
    expect(back.welcome.conversation).toMatchObject({ id: v.conversationId, status: 'ended' });
    expect(
      await back.client.next('message', (m) => (m.author as { role: string }).role === 'agent'),
    ).toMatchObject({
      content: { text: 'Nous avons corrigé votre facture.' },
      author: { firstName: 'Julie' },
    });
  });

  it('says so when no email can be sent, and refuses an answer to a message already answered', async () => {
    server = await start();
    const v = await leaveMessage(server, 'Hello?', 'ana@example.com');
    const julie = await agent(server, 'Julie');
    julie.client.send({ type: 'agent.reply', conversationId: v.conversationId, clientId: 'r1', text: 'Hi!' });
    expect(await julie.client.next('agent.mailed')).toMatchObject({
      sent: false,
      reason: 'this server sends no email',
    });
    julie.client.send({ type: 'agent.reply', conversationId: v.conversationId, clientId: 'r1', text: 'Hi!' });
    expect(await julie.client.next('agent.ack', (f) => f.duplicate === true)).toMatchObject({
      clientId: 'r1',
    });
    julie.client.send({
      type: 'agent.reply',
      conversationId: v.conversationId,
      clientId: 'r2',
      text: 'Again',
    });
    expect(await julie.client.next('error')).toMatchObject({ code: 'not-found', clientId: 'r2' });
  });

  it('puts a visitor who comes back and writes while an agent is available back in the live queue', async () => {
    server = await start();
    const v = await leaveMessage(server, 'Anyone?', 'ana@example.com');
    const julie = await agent(server, 'Julie');
    v.client.send({ type: 'message.send', clientId: 'again', text: 'I am back' });
    await v.client.next('message.ack', (f) => f.clientId === 'again');
    expect(await latestInbox(julie.client, 0)).toEqual([]);
    expect(await v.client.next('queue.update')).toMatchObject({ position: 1 });
    julie.client.send({ type: 'agent.take', conversationId: v.conversationId });
    expect(await v.client.next('agent.joined')).toMatchObject({ agent: { firstName: 'Julie' } });
  });
});
