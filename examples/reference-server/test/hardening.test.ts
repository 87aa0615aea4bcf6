import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReferenceServer } from '@clavard/reference-server';
import { afterEach, describe, expect, it } from 'vitest';
import { isEmail, matchesPattern } from '../src/chat/patterns.js';
import { agent, startTestServer, visitor } from './support/clients.js';

let server: ReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A visitor who wrote, and Julie holding their conversation. */
const heldConversation = async (on: ReferenceServer) => {
  const v = await visitor(on);
  v.client.send({ type: 'message.send', clientId: 'm1', text: 'Hello' });
  const { conversationId } = await v.client.next('message.ack');
  const julie = await agent(on, 'Julie');
  julie.client.send({ type: 'agent.take', conversationId });
  await julie.client.next('agent.conversation');
  return { v, julie, conversationId };
};

describe('patterns on form fields', () => {
  it('cannot stall the server: a catastrophic pattern and a long answer, and another visitor is answered', async () => {
    server = await startTestServer();
    const { v, julie, conversationId } = await heldConversation(server);
    julie.client.send({
      type: 'agent.form',
      conversationId,
      kind: 'custom',
      fields: [{ name: 'code', type: 'text', label: 'Code', pattern: '(a+)+b' }],
    });
    const form = await v.client.next('form.request');
    // With a backtracking engine this answer takes longer than the age of the universe.
    v.client.send({ type: 'form.submit', formId: form.formId, values: { code: `${'a'.repeat(5000)}!` } });
    const other = await visitor(server);
    other.client.send({ type: 'ping', id: 'still-there' });
    expect(await other.client.next('pong')).toMatchObject({ id: 'still-there' });
    expect(await v.client.next('form.result')).toMatchObject({
      status: 'rejected',
      errors: { code: 'invalid' },
    });
  });

  it('refuses a pattern it cannot run in linear time when the form is asked', async () => {
    server = await startTestServer();
    const { julie, conversationId } = await heldConversation(server);
    julie.client.send({
      type: 'agent.form',
      conversationId,
      kind: 'custom',
      fields: [{ name: 'twice', type: 'text', label: 'Twice', pattern: '(a)\\1' }],
    });
    expect(await julie.client.next('error')).toMatchObject({
      code: 'invalid-frame',
      message: expect.stringContaining('linear time'),
    });
  });

  it('matches whole answers only, and checks email syntax', () => {
    expect(matchesPattern('[A-Z]\\d[A-Z] ?\\d[A-Z]\\d', 'H2X 1Y4')).toBe(true);
    expect(matchesPattern('[A-Z]\\d[A-Z] ?\\d[A-Z]\\d', 'xH2X 1Y4x')).toBe(false);
    expect(matchesPattern('(a)\\1', 'aa')).toBe(false);
    expect(isEmail('ana@example.com')).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'ana@',
      '@example.com',
      'a b@example.com',
      'ana@example',
      `${'a'.repeat(250)}@x.co`,
    ]) {
      expect(isEmail(bad)).toBe(false);
    }
  });
});

describe('emails left by visitors', () => {
  it('are checked by the server, whatever the widget checked', async () => {
    server = await startTestServer({ leaveMessage: true });
    const v = await visitor(server);
    v.client.send({ type: 'message.send', clientId: 'm1', text: 'Anyone?' });
    await v.client.next('message.ack');
    const form = await v.client.next('form.request');
    v.client.send({
      type: 'form.submit',
      formId: form.formId,
      values: { email: '"><img src=x onerror=alert(1)>' },
    });
    expect(await v.client.next('form.result')).toMatchObject({
      status: 'rejected',
      errors: { email: 'invalid' },
    });
  });
});

describe('erasure', () => {
  it('leaves nothing of a forgotten visitor in the database files, while running and after a stop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clavard-erase-'));
    const database = join(dir, 'clavard.db');
    const secret = 'Zqxwvy-Plover-4471';
    const found = () =>
      ['', '-wal', '-shm']
        .map((suffix) => `${database}${suffix}`)
        .filter((file) => existsSync(file))
        .filter((file) => {
          const bytes = readFileSync(file);
          return [secret, secret.toLowerCase(), 'zqxwvy', 'plover'].some((text) => bytes.includes(text));
        });
    server = await startTestServer({ database });
    const v = await visitor(server);
    for (const n of [1, 2, 3]) {
      v.client.send({ type: 'message.send', clientId: `s${n}`, text: `${secret} number ${n}` });
      await v.client.next('message.ack', (f) => f.clientId === `s${n}`);
    }
    expect(found().length).toBeGreaterThan(0);
    v.client.send({ type: 'session.forget' });
    await v.client.next('session.ended');
    expect(found()).toEqual([]);
    await server.close();
    server = undefined;
    expect(found()).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('sensitive answers', () => {
  it('are decided by the server: a verification form without the flag is masked and kept redacted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clavard-sensitive-'));
    const database = join(dir, 'clavard.db');
    server = await startTestServer({ database });
    const { v, julie, conversationId } = await heldConversation(server);
    julie.client.send({
      type: 'agent.form',
      conversationId,
      kind: 'verification',
      fields: [
        { name: 'birthday', type: 'date', label: 'Date of birth' },
        { name: 'code', type: 'text', label: 'Postal code' },
      ],
    });
    const form = await v.client.next('form.request');
    expect(form.fields).toEqual([
      expect.objectContaining({ name: 'birthday', sensitive: true }),
      expect.objectContaining({ name: 'code', sensitive: true }),
    ]);
    // Outside verification, a field named for a secret is sensitive too.
    julie.client.send({
      type: 'agent.form',
      conversationId,
      kind: 'custom',
      fields: [
        { name: 'account_last4', type: 'text', label: 'Last four digits' },
        { name: 'colour', type: 'text', label: 'Favourite colour' },
      ],
    });
    const custom = await v.client.next('form.request', (f) => f.kind === 'custom');
    expect(custom.fields).toEqual([
      expect.objectContaining({ name: 'account_last4', sensitive: true }),
      expect.not.objectContaining({ sensitive: true }),
    ]);
    v.client.send({
      type: 'form.submit',
      formId: form.formId,
      values: { birthday: '1990-04-25', code: 'H2X 1Y4' },
    });
    await v.client.next('form.result');
    await server.close();
    server = undefined;
    const bytes = readFileSync(database);
    expect(bytes.includes('1990-04-25') || bytes.includes('H2X 1Y4')).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('what the widget validates, the server validates too', () => {
  it('names the message a refusal is about, so it is marked failed instead of "Sending…" forever', async () => {
    server = await startTestServer();
    const v = await visitor(server);
    v.client.send({
      type: 'message.send',
      clientId: 'bad-consent',
      text: 'Hello',
      consent: { at: new Date().toISOString(), version: '1', policyUrl: 'javascript:alert(1)' },
    });
    expect(await v.client.next('error')).toMatchObject({ code: 'invalid-frame', clientId: 'bad-consent' });
  });

  it('ignores a topic the organisation does not have', async () => {
    server = await startTestServer({ topics: ['Billing'] });
    const v = await visitor(server, { attributes: { topic: '<img src=x onerror=alert(1)>' } });
    v.client.send({ type: 'message.send', clientId: 'm1', text: 'Hello' });
    await v.client.next('message.ack');
    const julie = await agent(server, 'Julie');
    expect(julie.welcome.queue).toEqual([expect.not.objectContaining({ topic: expect.anything() })]);
    const billing = await visitor(server, { attributes: { topic: 'Billing' } });
    billing.client.send({ type: 'message.send', clientId: 'm2', text: 'My bill' });
    await billing.client.next('message.ack');
    expect(
      (await julie.client.next('agent.queue', (f) => (f.queue as unknown[]).length === 2)).queue,
    ).toContainEqual(expect.objectContaining({ topic: 'Billing' }));
  });
});
