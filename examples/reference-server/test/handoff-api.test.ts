// The server API's handoffs over real HTTP: keys, validation, the link, its state, the rate limit.
import type { ReferenceServer } from '@clavard/reference-server';
import { afterEach, describe, expect, it } from 'vitest';
import { account, startTestServer } from './support/clients.js';
import { API_KEY, API_KEYS, api, CASE, handoff, OTHER_KEY } from './support/handoffs.js';

let server: ReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const WEEK_MS = 7 * 86_400_000;

describe('POST /api/handoffs', () => {
  it('has no /api at all without keys', async () => {
    server = await startTestServer();
    for (const path of ['/api/handoffs', '/api', '/api/other']) {
      expect((await api(server, 'POST', path, CASE)).status).toBe(404);
    }
  });

  it('asks for a configured key, compared whole', async () => {
    server = await startTestServer({ apiKeys: API_KEYS });
    for (const key of [null, '', 'wrong', `${API_KEY}x`, API_KEY.slice(0, -1)]) {
      const refused = await api(server, 'POST', '/api/handoffs', CASE, key);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer');
      expect(refused.body).toMatchObject({ error: { code: 'unauthorized' } });
    }
    expect((await api(server, 'POST', '/api/handoffs', CASE, OTHER_KEY)).status).toBe(201);
  });

  it('answers a signed link to the site, carrying nothing of the case, not to be cached', async () => {
    server = await startTestServer({ apiKeys: API_KEYS });
    const before = Date.now();
    const made = await api(server, 'POST', '/api/handoffs', CASE);
    expect(made.status).toBe(201);
    expect(made.headers.get('cache-control')).toBe('no-store');
    const url = new URL(String(made.body.url));
    expect(`${url.origin}${url.pathname}`).toBe(`${server.url}/`);
    expect([...url.searchParams.keys()]).toEqual(['clavard']);
    expect(url.searchParams.get('clavard')).toMatch(/^h_[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
    expect(made.body.id).toMatch(/^h_/);
    for (const secret of ['ana', 'double', 'A-1042', 'x.com']) expect(url.href).not.toContain(secret);
    const expiresAt = Date.parse(String(made.body.expiresAt));
    expect(expiresAt).toBeGreaterThan(before + WEEK_MS - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + WEEK_MS);
  });

  it('lands on the page asked for, its parameters kept, or on the configured site', async () => {
    server = await startTestServer({
      apiKeys: API_KEYS,
      allowedOrigins: ['https://shop.example'],
      handoffs: { siteUrl: 'https://help.shop.example/start', expiryMs: 3_600_000 },
    });
    const landed = await handoff(server, {
      landingUrl: 'https://shop.example/plans?lang=fr&clavard=old#top',
    });
    const url = new URL(landed.url);
    expect(`${url.origin}${url.pathname}${url.hash}`).toBe('https://shop.example/plans#top');
    expect(url.searchParams.get('lang')).toBe('fr');
    expect(url.searchParams.getAll('clavard')).toEqual([landed.token]);
    const plain = await handoff(server);
    expect(plain.url.startsWith('https://help.shop.example/start?clavard=h_')).toBe(true);
    expect(Date.parse(plain.expiresAt)).toBeLessThanOrEqual(Date.now() + 3_600_000);
  });

  it('refuses every bad field with its code, field and reason', async () => {
    server = await startTestServer({ apiKeys: API_KEYS, topics: ['Billing'] });
    await account(server, 'Julie');
    const cases: Array<[Record<string, unknown>, string, string | null]> = [
      [{ ...CASE, channel: undefined }, 'missing-field', 'channel'],
      [{ ...CASE, channel: 'tiktok' }, 'invalid-field', 'channel'],
      [{ ...CASE, handle: '' }, 'invalid-field', 'handle'],
      [{ ...CASE, handle: 42 }, 'invalid-field', 'handle'],
      [{ ...CASE, postUrl: 'http://x.com/a' }, 'invalid-field', 'postUrl'],
      [{ ...CASE, postUrl: 'javascript:alert(1)' }, 'invalid-field', 'postUrl'],
      [{ ...CASE, summary: undefined }, 'missing-field', 'summary'],
      [{ ...CASE, summary: 'x'.repeat(201) }, 'invalid-field', 'summary'],
      [{ ...CASE, summary: 'two\nlines' }, 'invalid-field', 'summary'],
      [{ ...CASE, details: 'A-1042' }, 'invalid-field', 'details'],
      [{ ...CASE, details: [{ label: 'Order' }] }, 'missing-field', 'details[0].value'],
      [{ ...CASE, details: [{ label: 'a', value: 'b', extra: 1 }] }, 'unknown-field', 'details[0].extra'],
      [{ ...CASE, postedAt: 'yesterday' }, 'invalid-field', 'postedAt'],
      [{ ...CASE, topic: 'Returns' }, 'unknown-topic', 'topic'],
      [{ ...CASE, advisor: 'nobody' }, 'unknown-advisor', 'advisor'],
      [{ ...CASE, landingUrl: 'https://evil.example/' }, 'landing-not-allowed', 'landingUrl'],
      [{ ...CASE, email: 'ana@example.com' }, 'unknown-field', 'email'],
      [[CASE] as unknown as Record<string, unknown>, 'invalid-body', null],
    ];
    for (const [body, code, field] of cases) {
      const refused = await api(server, 'POST', '/api/handoffs', body);
      expect({ status: refused.status, error: refused.body.error }).toMatchObject({
        status: 400,
        error: { code, field, message: expect.any(String) },
      });
    }
    expect((await api(server, 'POST', '/api/handoffs', '{"channel":')).body).toMatchObject({
      error: { code: 'invalid-body' },
    });
    const ok = await api(server, 'POST', '/api/handoffs', {
      ...CASE,
      topic: 'Billing',
      advisor: 'julie',
      postedAt: '2026-12-05T09:30:00-05:00',
    });
    expect(ok.status).toBe(201);
  });

  it('takes JSON only, and not too much of it', async () => {
    server = await startTestServer({ apiKeys: API_KEYS });
    const form = await fetch(`${server.url}/api/handoffs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'text/plain' },
      body: JSON.stringify(CASE),
    });
    expect(form.status).toBe(415);
    const huge = await api(server, 'POST', '/api/handoffs', { ...CASE, padding: 'x'.repeat(40_000) });
    expect(huge.status).toBe(413);
    expect((await api(server, 'GET', '/api/handoffs')).status).toBe(405);
    expect((await api(server, 'DELETE', '/api/handoffs/h_abc')).status).toBe(405);
  });

  it('makes 30 handoffs a minute per key, then says when to come back', async () => {
    let now = Date.now();
    server = await startTestServer({ apiKeys: API_KEYS, now: () => now });
    for (let made = 0; made < 30; made += 1) await handoff(server);
    const refused = await api(server, 'POST', '/api/handoffs', CASE);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ error: { code: 'rate-limited' } });
    // Each key counts for itself; the window moves on.
    expect((await api(server, 'POST', '/api/handoffs', CASE, OTHER_KEY)).status).toBe(201);
    now += 60_001;
    expect((await api(server, 'POST', '/api/handoffs', CASE)).status).toBe(201);
  });
});

describe('GET /api/handoffs/:id', () => {
  it('says what became of a handoff, to the key that made it only', async () => {
    server = await startTestServer({ apiKeys: API_KEYS });
    const made = await handoff(server);
    const shown = await api(server, 'GET', `/api/handoffs/${made.id}`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('cache-control')).toBe('no-store');
    expect(shown.body).toEqual({
      id: made.id,
      channel: 'x',
      createdAt: expect.any(String),
      expiresAt: made.expiresAt,
      openedAt: null,
      takenAt: null,
      takenBy: null,
      resolvedAt: null,
      publicReply: null,
    });
    expect((await api(server, 'GET', `/api/handoffs/${made.id}`, undefined, OTHER_KEY)).status).toBe(404);
    expect((await api(server, 'GET', '/api/handoffs/h_none')).status).toBe(404);
  });
});
