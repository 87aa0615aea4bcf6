// The conformance kit against planted bugs: each mutant of src/chat.ts, served alone, must fail at least one
// check of the two suites. A mutant the kit lets pass is a hole in the kit.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runServerConformance, runTransportConformance } from '@clavard/adapters/testing';
import { createWebSocketTransport } from '@clavard/adapters/websocket';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startCustomBackend } from '../src/server.js';
import { MUTANTS } from './mutants.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const source = readFileSync(here('../src/chat.ts'), 'utf8');
// Inside the example, so that the mutant's imports resolve as the original's do.
const folder = here('../.mutants/');

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The failed checks of both suites against the backend made of `chat.ts` with `mutant` planted. */
async function failures(index: number): Promise<string[]> {
  const mutant = MUTANTS[index];
  if (!mutant) throw new Error(`no mutant ${index}`);
  const file = `${folder}chat-${index}.ts`;
  mkdirSync(folder, { recursive: true });
  writeFileSync(file, source.replace(mutant.from, mutant.to));
  const { createChat } = (await import(/* @vite-ignore */ file)) as typeof import('../src/chat.js');
  const backend = await startCustomBackend({ chat: createChat });
  try {
    const createTransport = () => createWebSocketTransport({ url: backend.wsUrl, WebSocket });
    const options = { createTransport, timeoutMs: 400, quietMs: 50 };
    const reports = [await runTransportConformance(options), await runServerConformance(options)];
    return reports.flatMap((report) =>
      report.results.filter((result) => !result.ok).map((result) => result.name),
    );
  } finally {
    await backend.close();
  }
}

describe('the conformance kit catches every planted bug', () => {
  it('has at least 20 mutants, each an edit found exactly once in chat.ts', () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(20);
    for (const mutant of MUTANTS) expect(source.split(mutant.from).length - 1, mutant.name).toBe(1);
  });

  // A mutant that throws in a handler is logged by the server; the log is not what is under test.
  vi.spyOn(console, 'error').mockImplementation(() => {});

  for (const [index, mutant] of MUTANTS.entries()) {
    it(mutant.name, async () => {
      expect(await failures(index)).not.toEqual([]);
    }, 60_000);
  }
});
