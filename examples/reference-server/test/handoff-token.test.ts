// Handoff links' tokens: signed, expiring, nothing personal in them, refused when altered or forged.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseApiKeys, readHandoffConfig } from '../src/handoffs/handoff-settings.js';
import {
  checkHandoffSecret,
  createHandoffToken,
  handoffSecret,
  hashHandoffToken,
  readHandoffToken,
} from '../src/handoffs/handoff-token.js';

const SECRET = 'a-secret-of-the-tests-long-enough-0123456789';
const NOW = 1_700_000_000_000;
const WEEK = 7 * 86_400_000;

describe('handoff tokens', () => {
  it('reads back its id and expiry, and is stored only as its SHA-256', () => {
    const minted = createHandoffToken(SECRET, NOW + WEEK + 999);
    // Short enough for a public reply: 47 characters.
    expect(minted.token).toMatch(/^h_[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
    expect(minted.id).toMatch(/^h_[A-Za-z0-9_-]{16}$/);
    expect(minted.expiresAt).toBe(NOW + WEEK);
    expect(minted.tokenHash).toBe(hashHandoffToken(minted.token));
    expect(minted.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(readHandoffToken(SECRET, minted.token, NOW)).toEqual({
      ok: true,
      id: minted.id,
      expiresAt: NOW + WEEK,
    });
  });

  it('makes a new id and token each time', () => {
    const one = createHandoffToken(SECRET, NOW + WEEK);
    const two = createHandoffToken(SECRET, NOW + WEEK);
    expect(two.id).not.toBe(one.id);
    expect(two.token).not.toBe(one.token);
  });

  it('is expired from its expiry on', () => {
    const { token } = createHandoffToken(SECRET, NOW + WEEK);
    expect(readHandoffToken(SECRET, token, NOW + WEEK - 1).ok).toBe(true);
    expect(readHandoffToken(SECRET, token, NOW + WEEK)).toEqual({ ok: false, status: 'expired' });
  });

  it('refuses an altered expiry, another secret, a forged signature, any other shape', () => {
    const { token } = createHandoffToken(SECRET, NOW + WEEK);
    const [payload = '', signature = ''] = token.slice(2).split('.');
    const bytes = Buffer.from(payload, 'base64url');
    bytes.writeUInt32BE(Math.floor((NOW + 2 * WEEK) / 1000), 12);
    const later = `h_${bytes.toString('base64url')}.${signature}`;
    const flipped = `h_${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const invalid = { ok: false, status: 'invalid' };
    for (const bad of [
      later,
      flipped,
      token.slice(0, -1),
      `${token}A`,
      token.replace('h_', 'x_'),
      '',
      'h_.',
      42,
      undefined,
      { token },
    ]) {
      expect(readHandoffToken(SECRET, bad, NOW)).toEqual(invalid);
    }
    expect(readHandoffToken(`${SECRET}-other`, token, NOW)).toEqual(invalid);
  });

  it('carries nothing but random bytes and the expiry', () => {
    const fixed = (size: number) => Buffer.alloc(size, 7);
    const { token, id } = createHandoffToken(SECRET, NOW + WEEK, fixed);
    const payload = Buffer.from(token.slice(2).split('.')[0] ?? '', 'base64url');
    expect(payload.subarray(0, 12)).toEqual(Buffer.alloc(12, 7));
    expect(payload.readUInt32BE(12)).toBe((NOW + WEEK) / 1000);
    expect(payload).toHaveLength(16);
    expect(id).toBe(`h_${Buffer.alloc(12, 7).toString('base64url')}`);
  });

  it('still reads the first, longer layout, and never a mix of the two', () => {
    // As the first version made them: an 8-byte expiry and the whole HMAC.
    const payload = Buffer.alloc(20, 9);
    payload.writeBigUInt64BE(BigInt((NOW + WEEK) / 1000), 12);
    const hmac = createHmac('sha256', SECRET).update(payload).digest();
    const first = `h_${payload.toString('base64url')}.${hmac.toString('base64url')}`;
    expect(first).toHaveLength(73);
    expect(readHandoffToken(SECRET, first, NOW)).toEqual({
      ok: true,
      id: `h_${Buffer.alloc(12, 9).toString('base64url')}`,
      expiresAt: NOW + WEEK,
    });
    const invalid = { ok: false, status: 'invalid' };
    expect(
      readHandoffToken(
        SECRET,
        `h_${payload.toString('base64url')}.${hmac.subarray(0, 16).toString('base64url')}`,
        NOW,
      ),
    ).toEqual(invalid);
    const short = payload.subarray(0, 16);
    short.writeUInt32BE((NOW + WEEK) / 1000, 12);
    const shortHmac = createHmac('sha256', SECRET).update(short).digest();
    expect(
      readHandoffToken(SECRET, `h_${short.toString('base64url')}.${shortHmac.toString('base64url')}`, NOW),
    ).toEqual(invalid);
    expect(
      readHandoffToken(
        SECRET,
        `h_${short.toString('base64url')}.${shortHmac.subarray(0, 16).toString('base64url')}`,
        NOW,
      ).ok,
    ).toBe(true);
  });

  it('holds an expiry up to 2106 in its 4 bytes', () => {
    const { expiresAt, token } = createHandoffToken(SECRET, Date.parse('2200-01-01T00:00:00Z'));
    expect(expiresAt).toBe(0xffff_ffff * 1000);
    expect(readHandoffToken(SECRET, token, NOW)).toMatchObject({ ok: true, expiresAt });
  });
});

describe('the handoff secret and settings', () => {
  it('refuses a configured secret under 32 characters, and keeps a made one otherwise', async () => {
    expect(() => checkHandoffSecret('short')).toThrow(/at least 32 characters, not 5/);
    expect(() => checkHandoffSecret(SECRET)).not.toThrow();
    await expect(handoffSecret('x'.repeat(31), async (c) => c)).rejects.toThrow(/at least 32/);
    expect(await handoffSecret(SECRET, async () => 'never')).toBe(SECRET);
    const made = await handoffSecret(undefined, async (candidate) => candidate);
    expect(made.length).toBeGreaterThanOrEqual(32);
    expect(await handoffSecret(undefined, async () => 'kept-before')).toBe('kept-before');
  });

  it('reads the environment, and refuses malformed values', () => {
    expect(
      readHandoffConfig({
        CLAVARD_HANDOFF_SECRET: SECRET,
        CLAVARD_HANDOFF_EXPIRY_DAYS: '3',
        CLAVARD_HANDOFF_PRIORITY: '0',
        CLAVARD_HANDOFF_SITE_URL: 'https://shop.example/help',
        CLAVARD_HANDOFF_REPLY: 'Sorted, thanks!',
        CLAVARD_HANDOFF_REPLY_FR: 'Réglé, merci\u00a0!',
        CLAVARD_API_KEYS: 'crm:key-one, console:key:two',
      }),
    ).toEqual({
      handoffs: {
        secret: SECRET,
        expiryMs: 3 * 86_400_000,
        priority: false,
        siteUrl: 'https://shop.example/help',
        publicReply: { en: 'Sorted, thanks!', fr: 'Réglé, merci\u00a0!' },
      },
      apiKeys: { crm: 'key-one', console: 'key:two' },
    });
    expect(readHandoffConfig({})).toEqual({ handoffs: {} });
    expect(() => readHandoffConfig({ CLAVARD_HANDOFF_EXPIRY_DAYS: '1.5' })).toThrow(/whole number of days/);
    expect(() => parseApiKeys('crm')).toThrow(/name:key pairs/);
    expect(() => parseApiKeys(':key')).toThrow(/name:key pairs/);
    expect(() => parseApiKeys('crm:')).toThrow(/name:key pairs/);
    expect(() => parseApiKeys('crm:a,crm:b')).toThrow(/twice/);
  });
});
