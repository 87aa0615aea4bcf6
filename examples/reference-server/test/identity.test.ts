import { createHmac } from 'node:crypto';
import { type ReferenceServer, signIdentityToken, verifyIdentityToken } from '@clavard/reference-server';
import { afterEach, describe, expect, it } from 'vitest';
import { agent, startTestServer, visitor } from './support/clients.js';

const SECRET = 'organisation-secret-for-tests';
const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const inFive = Math.floor(NOW / 1000) + 300;
const ana = { sub: 'customer-1042', name: 'Ana Tremblay', email: 'ana@example.com', exp: inFive };

describe('identity tokens (HS256)', () => {
  it('round-trips the claims of a token signed with the secret', () => {
    expect(verifyIdentityToken(signIdentityToken(ana, SECRET), SECRET, NOW)).toEqual(ana);
  });

  it.each([
    ['another secret', signIdentityToken(ana, 'not-the-secret')],
    ['an expired token', signIdentityToken({ ...ana, exp: Math.floor(NOW / 1000) - 1 }, SECRET)],
    [
      'a token living over an hour',
      signIdentityToken({ ...ana, exp: Math.floor(NOW / 1000) + 7200 }, SECRET),
    ],
    ['no subject', signIdentityToken({ ...ana, sub: '' }, SECRET)],
    [
      'a tampered payload',
      (() => {
        const [h, , sig] = signIdentityToken(ana, SECRET).split('.');
        const forged = Buffer.from(JSON.stringify({ ...ana, sub: 'customer-1' })).toString('base64url');
        return `${h}.${forged}.${sig}`;
      })(),
    ],
    [
      'alg none',
      (() => {
        const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
        const payload = Buffer.from(JSON.stringify(ana)).toString('base64url');
        return `${header}.${payload}.`;
      })(),
    ],
    [
      'not JSON inside',
      (() => {
        const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
        const payload = Buffer.from('not json').toString('base64url');
        return `${header}.${payload}.${createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url')}`;
      })(),
    ],
    ['two parts', 'a.b'],
  ])('refuses %s', (_what, token) => {
    expect(verifyIdentityToken(token, SECRET, NOW)).toBeUndefined();
  });
});

describe('identified visitors on the reference server', () => {
  let server: ReferenceServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = () => startTestServer({ identitySecret: SECRET, now: () => NOW });

  it('identifies a visitor whose hello carries a valid token, and tells the agents who it is', async () => {
    server = await start();
    const v = await visitor(server, { identity: signIdentityToken(ana, SECRET) });
    expect(v.welcome.identified).toBe(true);
    v.client.send({ type: 'message.send', clientId: 'm1', text: 'About my bill' });
    await v.client.next('message.ack');
    const julie = await agent(server, 'Julie');
    expect(julie.welcome.queue).toEqual([
      expect.objectContaining({
        visitor: { userId: 'customer-1042', name: 'Ana Tremblay', email: 'ana@example.com' },
      }),
    ]);
  });

  it('keeps a visitor with a forged or expired token anonymous', async () => {
    server = await start();
    const forged = await visitor(server, { identity: signIdentityToken(ana, 'guessed-secret') });
    expect(forged.welcome.identified).toBe(false);
    const expired = await visitor(server, {
      identity: signIdentityToken({ ...ana, exp: Math.floor(NOW / 1000) - 60 }, SECRET),
    });
    expect(expired.welcome.identified).toBe(false);
  });

  it('identifies nobody without a secret', async () => {
    server = await startTestServer({ now: () => NOW });
    const v = await visitor(server, { identity: signIdentityToken(ana, SECRET) });
    expect(v.welcome.identified).toBe(false);
  });

  it('gives another customer on the same browser a session of their own', async () => {
    server = await start();
    const first = await visitor(server, { identity: signIdentityToken(ana, SECRET) });
    const ben = { sub: 'customer-7', name: 'Ben', exp: inFive };
    const second = await visitor(server, {
      token: first.welcome.token,
      identity: signIdentityToken(ben, SECRET),
    });
    expect(second.welcome).toMatchObject({ resumed: false, identified: true });
    expect(second.welcome.token).not.toBe(first.welcome.token);
    const again = await visitor(server, {
      token: first.welcome.token,
      identity: signIdentityToken(ana, SECRET),
    });
    expect(again.welcome).toMatchObject({ resumed: true, token: first.welcome.token, identified: true });
  });

  it('answers session.identify with a bad token with unauthorized, and binds with a good one', async () => {
    server = await start();
    const v = await visitor(server);
    expect(v.welcome.identified).toBe(false);
    v.client.send({ type: 'session.identify', identity: 'not-a-token' });
    expect(await v.client.next('error')).toMatchObject({ code: 'unauthorized' });
    v.client.send({ type: 'session.identify', identity: signIdentityToken(ana, SECRET) });
    v.client.send({ type: 'message.send', clientId: 'm1', text: 'Hello' });
    await v.client.next('message.ack');
    const julie = await agent(server, 'Julie');
    expect(julie.welcome.queue).toEqual([
      expect.objectContaining({ visitor: expect.objectContaining({ userId: 'customer-1042' }) }),
    ]);
  });
});
