// The conformance kit against planted bugs: each mutant of src/chat.ts (served alone) and of src/transport.ts
// (talking to the sound server) must fail at least one check of the two suites. A mutant the kit lets pass
// is a hole in the kit.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runServerConformance, runTransportConformance } from '@clavard/adapters/testing';
import { createWebSocketTransport } from '@clavard/adapters/websocket';
import type { Transport } from '@clavard/protocol';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startCustomBackend } from '../src/server.js';
import { useTransportEndpoints } from './endpoints.js';
import { MUTANTS, type Mutant } from './mutants.js';
import { TRANSPORT_MUTANTS } from './transport-mutants.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
// Inside the example, so that a mutant's imports resolve as the original's do.
const folder = here('../.mutants/');
let planted = 0;

/** The module `file` (in src/) with `mutant` planted, imported. */
async function plant<T>(file: string, mutant: Mutant): Promise<T> {
  const source = readFileSync(here(`../src/${file}`), 'utf8');
  const path = `${folder}${planted++}-${file}`;
  mkdirSync(folder, { recursive: true });
  writeFileSync(path, source.replace(mutant.from, mutant.to));
  return (await import(/* @vite-ignore */ path)) as T;
}

interface Suites {
  createTransport: () => Transport;
  createUnreachableTransport?: () => Transport;
  createSilentTransport?: () => Transport;
}

/** The names of the failed checks of the transport suite, else of the server suite. */
async function failures(suites: Suites): Promise<string[]> {
  const options = { ...suites, timeoutMs: 400, quietMs: 50 };
  const failed = (report: { results: { name: string; ok: boolean }[] }) =>
    report.results.filter((result) => !result.ok).map((result) => result.name);
  // The server suite only when the transport suite passed: a broken transport fails it by time-outs.
  const transport = failed(await runTransportConformance(options));
  return transport.length > 0 ? transport : failed(await runServerConformance(options));
}

afterAll(() => rmSync(folder, { recursive: true, force: true }));
// A mutant that throws in a handler is logged by the server; the log is not what is under test. (Set before
// each test: the configuration restores mocks after each.)
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

describe('every mutant is an edit found exactly once', () => {
  for (const [file, mutants] of [
    ['chat.ts', MUTANTS],
    ['transport.ts', TRANSPORT_MUTANTS],
  ] as const) {
    it(`${mutants.length} in ${file}`, () => {
      const source = readFileSync(here(`../src/${file}`), 'utf8');
      for (const mutant of mutants) expect(source.split(mutant.from).length - 1, mutant.name).toBe(1);
    });
  }
  it('at least 20 in all', () =>
    expect(MUTANTS.length + TRANSPORT_MUTANTS.length).toBeGreaterThanOrEqual(20));
});

describe('the conformance kit catches every bug planted in the server', () => {
  for (const mutant of MUTANTS) {
    it(mutant.name, async () => {
      const { createChat } = await plant<typeof import('../src/chat.js')>('chat.ts', mutant);
      const backend = await startCustomBackend({ chat: createChat });
      try {
        const createTransport = () => createWebSocketTransport({ url: backend.wsUrl, WebSocket });
        expect(await failures({ createTransport })).not.toEqual([]);
      } finally {
        await backend.close();
      }
    }, 60_000);
  }
});

describe('the conformance kit catches every bug planted in the transport', () => {
  const endpoints = useTransportEndpoints();

  for (const mutant of TRANSPORT_MUTANTS) {
    it(mutant.name, async () => {
      const { createSocketTransport } = await plant<typeof import('../src/transport.js')>(
        'transport.ts',
        mutant,
      );
      const connectTimeoutMs = 200;
      const failed = await failures({
        createTransport: () => createSocketTransport({ url: endpoints.backend.wsUrl }),
        createUnreachableTransport: () =>
          createSocketTransport({ url: endpoints.unreachableUrl, connectTimeoutMs }),
        createSilentTransport: () => createSocketTransport({ url: endpoints.silentUrl, connectTimeoutMs }),
      });
      expect(failed).not.toEqual([]);
    }, 60_000);
  }
});
