import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the console into a new temporary folder (as `build.mjs --outdir` does) and resolves with it, for
 * a reference server's `consoleDir` in browser tests.
 *
 * @example
 * ```ts
 * const consoleDir = await buildConsole();
 * ```
 */
export async function buildConsole(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'clavard-console-'));
  const built = spawnSync(
    process.execPath,
    [fileURLToPath(new URL('../../build.mjs', import.meta.url)), '--outdir', dir],
    { encoding: 'utf8' },
  );
  if (built.status !== 0) throw new Error(`console build failed: ${built.stderr}`);
  return dir;
}
