import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAgentsCommand } from '../src/cli/agents-command.js';
import { startTestServer } from './support/clients.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clavard-agents-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = async (args: string[], stdin = '') => {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => {
    out += String(chunk);
  });
  stderr.on('data', (chunk) => {
    err += String(chunk);
  });
  const code = await runAgentsCommand(
    args,
    { database: join(dir, 'clavard.db'), topics: ['Billing'] },
    { stdin: Readable.from([stdin]), stdout, stderr },
  );
  return { code, out, err };
};

describe('node dist/main.js agents', () => {
  it('adds an account whose password comes from standard input, lists it, and the server signs it in', async () => {
    const added = await run(
      ['add', 'Ana', '--first-name', 'Ana', '--role', 'admin', '--topics', 'Billing', '--password-stdin'],
      'a long passphrase\n',
    );
    expect(added).toMatchObject({ code: 0, out: 'added ana (Ana, admin)\n' });
    expect((await run(['list'])).out).toBe('ana\tAna\tadmin\t\n');

    const server = await startTestServer({ database: join(dir, 'clavard.db'), topics: ['Billing'] });
    const response = await fetch(`${server.url}/agent/login`, {
      method: 'POST',
      body: JSON.stringify({ login: 'ana', password: 'a long passphrase' }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ agent: { firstName: 'Ana' }, role: 'admin' });
    await server.close();
  });

  it('refuses a short password, a taken login and a missing --password-stdin, saying why', async () => {
    expect(await run(['add', 'ana', '--first-name', 'Ana', '--password-stdin'], 'short\n')).toMatchObject({
      code: 1,
      err: expect.stringContaining('password: 8 to 256 characters'),
    });
    await run(['add', 'ana', '--first-name', 'Ana', '--password-stdin'], 'a long passphrase\n');
    expect(
      await run(['add', 'ana', '--first-name', 'Ana', '--password-stdin'], 'another one!\n'),
    ).toMatchObject({
      code: 1,
      err: expect.stringContaining('ana is taken'),
    });
    expect((await run(['add', 'marc', '--first-name', 'Marc'])).code).toBe(2);
    expect((await run(['add', 'marc', '--bogus'])).code).toBe(2);
  });
});
