// `node dist/main.js` configured from the environment for handoffs: the API keys of CLAVARD_API_KEYS make
// links, and a CLAVARD_HANDOFF_SECRET too short stops the start with a clear error.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt } from './support/server-process.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
let dir = '';

beforeAll(() => {
  ensureServerBuilt();
  dir = mkdtempSync(join(tmpdir(), 'clavard-handoff-'));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts `dist/main.js` with `env`; resolves with its URL once listening, or its exit and stderr. */
const run = (env: Record<string, string>) => {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: serverDir,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CLAVARD_DB: join(dir, `${Date.now()}.db`), ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stderr })),
  );
  const listening = new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve(String((message as { url: string }).url)));
    void exited.then(() => reject(new Error(`exited before listening:\n${stderr}`)));
  });
  return { child, exited, listening };
};

describe('handoffs configured from the environment', () => {
  it('makes a link with a key of CLAVARD_API_KEYS', async () => {
    const server = run({
      CLAVARD_API_KEYS: 'crm:key-of-the-crm-process-test',
      CLAVARD_HANDOFF_EXPIRY_DAYS: '2',
    });
    const url = await server.listening;
    try {
      const response = await fetch(`${url}/api/handoffs`, {
        method: 'POST',
        headers: { authorization: 'Bearer key-of-the-crm-process-test', 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: 'google',
          handle: 'Ana B.',
          postUrl: 'https://g.page/r/1',
          summary: 'a late parcel',
        }),
      });
      const body = (await response.json()) as { url: string; expiresAt: string };
      expect(response.status).toBe(201);
      expect(body.url.startsWith(`${url}/?clavard=h_`)).toBe(true);
      expect(Date.parse(body.expiresAt)).toBeLessThanOrEqual(Date.now() + 2 * 86_400_000);
      expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now() + 86_400_000);
    } finally {
      server.child.kill('SIGINT');
      expect((await server.exited).code).toBe(0);
    }
  }, 30_000);

  it('refuses to start with a CLAVARD_HANDOFF_SECRET under 32 characters', async () => {
    const server = run({ CLAVARD_HANDOFF_SECRET: 'too-short' });
    server.listening.catch(() => undefined);
    const { code, stderr } = await server.exited;
    expect(code).toBe(1);
    expect(stderr).toContain('must be at least 32 characters, not 9');
    expect(stderr).not.toContain('too-short');
  }, 30_000);
});
