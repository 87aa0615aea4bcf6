// What `npm run demo` and `npm run demo:cluster` share: the builds they need (only the packages whose
// inputs changed since the last launch, scripts/build-stamps.mjs) and the demo's settings.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describePlan, planBuild, readPackages, writeStamp } from './build-stamps.mjs';
import { ensureDependencies, PNPM } from './setup.mjs';

/** What the demo serves and what those builds read. */
const DEMO_PACKAGES = [
  'packages/protocol',
  'packages/adapters',
  'packages/agent-api',
  'packages/widget',
  'examples/agent-console',
  'examples/reference-server',
];

/**
 * Installs the dependencies when missing and builds what changed; exits the process when a build fails.
 *
 * @example
 * buildForDemo(root);
 */
export function buildForDemo(root) {
  const stamps = join(root, 'node_modules/.cache/clavard-build');
  ensureDependencies();
  const plan = planBuild(root, readPackages(root, DEMO_PACKAGES), stamps);
  console.log(describePlan(plan));
  const stale = plan.filter((entry) => entry.stale);
  if (stale.length === 0) return;
  const filters = stale.flatMap((entry) => ['--filter', entry.name]);
  const built = spawnSync(PNPM[0], [...PNPM[1], ...filters, 'run', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  for (const entry of stale) writeStamp(root, stamps, entry);
}

/** The demo's settings for the reference server (each may be set in the environment instead). */
export const DEMO_ENV = {
  // The pre-chat form asks for one of these topics; the agent console's queue shows the pick.
  CLAVARD_TOPICS: process.env.CLAVARD_TOPICS ?? 'Plans,Billing,Technical support',
  // The form comes first, before the visitor writes, while an agent is signed in.
  CLAVARD_PRECHAT_FIRST: process.env.CLAVARD_PRECHAT_FIRST ?? '1',
  // The same topics as a French-speaking visitor reads them.
  ...(process.env.CLAVARD_TOPICS === undefined
    ? { CLAVARD_TOPICS_FR: process.env.CLAVARD_TOPICS_FR ?? 'Forfaits,Facturation,Soutien technique' }
    : {}),
};
