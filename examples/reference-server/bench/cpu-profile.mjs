// A summary of a V8 CPU profile (`node --cpu-prof`): where the main thread's time went, by function, as
// self time (the samples that stopped in it), largest first. Used by the load test's `--profile`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Node names its profiles CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile: thread 0 is the main one. */
const MAIN_THREAD = /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/;

/**
 * The `limit` functions with the most self time in the newest main-thread profile of `dir` (the
 * checkpointer's worker thread writes one of its own), each `[share, label]`
 * (`label`: function name and file:line, paths relative to `root`), and the profile's span in ms.
 *
 * @example
 * const { top, spanMs } = summarizeProfile('/tmp/profiles', repoRoot, 12);
 */
export function summarizeProfile(dir, root, limit = 12) {
  const file = readdirSync(dir)
    .filter((name) => MAIN_THREAD.test(name))
    .sort()
    .at(-1);
  if (!file) return { top: [], spanMs: 0 };
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  profile.samples.forEach((id, index) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const byLabel = new Map();
  let total = 0;
  for (const [id, micros] of self) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = url ? `${relative(root, url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
    const label = `${functionName || '(anonymous)'} ${where}`.trim();
    byLabel.set(label, (byLabel.get(label) ?? 0) + micros);
    total += micros;
  }
  const top = [...byLabel]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([label, micros]) => [micros / total, label]);
  return { top, spanMs: (profile.endTime - profile.startTime) / 1000 };
}
