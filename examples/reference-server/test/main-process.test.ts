// `node dist/main.js` as `npm run demo` runs it: with an IPC channel it reports where it listens and which
// database it opened, and SIGINT stops it with exit code 0 and nothing on stderr.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDatabase } from '../src/config.js';
import { ensureServerBuilt } from './support/server-process.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
let dir = '';

beforeAll(() => {
  ensureServerBuilt();
  dir = mkdtempSync(join(tmpdir(), 'clavard-main-'));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('describeDatabase', () => {
  it('says SQLite file with the absolute path, or in memory', () => {
    expect(describeDatabase('data/chat.db', '/srv/clavard')).toBe('SQLite file /srv/clavard/data/chat.db');
    expect(describeDatabase('/var/lib/clavard.db', '/srv')).toBe('SQLite file /var/lib/clavard.db');
    expect(describeDatabase(':memory:')).toMatch(/^SQLite in memory/);
  });
});

describe('dist/main.js under a parent process', () => {
  it('reports its URL and database once listening, and exits 0 on SIGINT', async () => {
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: serverDir,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CLAVARD_DB: join(dir, 'chat.db') },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<[number | null, string | null]>((resolve) =>
      child.once('exit', (code, signal) => resolve([code, signal])),
    );
    const report = await new Promise<Record<string, unknown>>((resolve, reject) => {
      child.once('message', (message) => resolve(message as Record<string, unknown>));
      void exited.then(() => reject(new Error(`exited before listening:\n${stdout}${stderr}`)));
    });
    expect(report).toEqual({
      type: 'clavard:listening',
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      database: `SQLite file ${join(dir, 'chat.db')}`,
      demoAgents: true,
    });
    expect(stdout).toContain(`Clavard reference server on ${report.url}`);
    expect(stdout).toContain(`database       SQLite file ${join(dir, 'chat.db')}`);
    const page = await fetch(`${report.url}/agent`);
    expect(page.status).toBe(200);
    await page.arrayBuffer();
    child.kill('SIGINT');
    expect(await exited).toEqual([0, null]);
    expect(stderr).toBe('');
    expect(stdout).toContain('SIGINT: closing connections and the database');
  }, 30_000);
});
