import { createHmac } from 'node:crypto';
import { type ReferenceServer, signIdentityToken, verifyIdentityToken } from '@clavard/reference-server';
import { exportSPKI, generateKeyPair, type JWTHeaderParameters, type JWTPayload, SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { agent, connect, startTestServer, visitor } from './support/clients.js';

const SECRET = 'organisation-secret-for-tests';
const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const inFive = Math.floor(NOW / 1000) + 300;
const ana = { sub: 'customer-1042', name: 'Ana Tremblay', email: 'ana@example.com', exp: inFive };

describe('identity tokens (HS256)', () => {
  it('round-trips the claims of a token signed with the secret', async () => {
    expect(await verifyIdentityToken(signIdentityToken(ana, SECRET), SECRET, NOW)).toEqual(ana);
  });

  it.each([
    ['another secret', signIdentityToken(ana, 'not-the-secret')],
    // Expired by more than the 30 s of clock skew allowed.
    ['an expired token', signIdentityToken({ ...ana, exp: Math.floor(NOW / 1000) - 120 }, SECRET)],
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
  ])('refuses %s', async (_what, token) => {
    expect(await verifyIdentityToken(token, SECRET, NOW)).toBeUndefined();
  });
});

describe('identity tokens from standard libraries (jose)', () => {
  const exp = Math.floor(NOW / 1000) + 300;
  const signed = (header: JWTHeaderParameters, claims: JWTPayload = { sub: 'customer-1042', exp }) =>
    new SignJWT(claims).setProtectedHeader(header);

  it('accepts any header order and a kid', async () => {
    const token = await signed({ typ: 'JWT', kid: 'key-2026', alg: 'HS256' }).sign(
      new TextEncoder().encode(SECRET),
    );
    expect(await verifyIdentityToken(token, SECRET, NOW)).toMatchObject({ sub: 'customer-1042' });
  });

  it.each(['RS256', 'ES256'] as const)(
    'accepts %s with the public key alone, and refuses another key',
    async (alg) => {
      const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
      const other = await generateKeyPair(alg, { extractable: true });
      const pem = await exportSPKI(publicKey);
      const token = await signed({ alg }).sign(privateKey);
      expect(await verifyIdentityToken(token, { publicKey: pem }, NOW)).toMatchObject({
        sub: 'customer-1042',
      });
      const forged = await signed({ alg }).sign(other.privateKey);
      expect(await verifyIdentityToken(forged, { publicKey: pem }, NOW)).toBeUndefined();
      // A key of one kind never opens a token signed with the other (no HS256 with the public key as secret).
      const confused = await signed({ alg: 'HS256' }).sign(new TextEncoder().encode(pem));
      expect(await verifyIdentityToken(confused, { publicKey: pem }, NOW)).toBeUndefined();
    },
  );

  it('checks aud and iss when configured, and allows 30 s of clock skew, not more', async () => {
    const key = new TextEncoder().encode(SECRET);
    const keys = { secret: SECRET, audience: 'clavard', issuer: 'https://shop.example' };
    const good = await signed(
      { alg: 'HS256' },
      { sub: 'c', exp, aud: 'clavard', iss: 'https://shop.example' },
    ).sign(key);
    expect(await verifyIdentityToken(good, keys, NOW)).toMatchObject({ sub: 'c' });
    const otherAudience = await signed(
      { alg: 'HS256' },
      { sub: 'c', exp, aud: 'elsewhere', iss: 'https://shop.example' },
    ).sign(key);
    expect(await verifyIdentityToken(otherAudience, keys, NOW)).toBeUndefined();
    const noIssuer = await signed({ alg: 'HS256' }, { sub: 'c', exp, aud: 'clavard' }).sign(key);
    expect(await verifyIdentityToken(noIssuer, keys, NOW)).toBeUndefined();
    const justExpired = await signed({ alg: 'HS256' }, { sub: 'c', exp: Math.floor(NOW / 1000) - 20 }).sign(
      key,
    );
    expect(await verifyIdentityToken(justExpired, SECRET, NOW)).toMatchObject({ sub: 'c' });
    const longExpired = await signed({ alg: 'HS256' }, { sub: 'c', exp: Math.floor(NOW / 1000) - 60 }).sign(
      key,
    );
    expect(await verifyIdentityToken(longExpired, SECRET, NOW)).toBeUndefined();
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

describe('frames after a hello whose token is being verified', () => {
  it('wait for it, in order', async () => {
    const server = await startTestServer({ identitySecret: SECRET, now: () => NOW });
    const client = await connect(server.widgetWsUrl);
    client.send({ type: 'session.hello', v: '1.0', locale: 'en', identity: signIdentityToken(ana, SECRET) });
    client.send({ type: 'message.send', clientId: 'right-away', text: 'Hello' });
    client.send({ type: 'ping', id: 'after' });
    await client.next('pong');
    const order = ['session.welcome', 'message.ack', 'pong', 'error'];
    expect(client.frames.map((f) => f.type).filter((t) => order.includes(t))).toEqual([
      'session.welcome',
      'message.ack',
      'pong',
    ]);
    expect(client.frames[0]).toMatchObject({ identified: true });
    await server.close();
  });
});
