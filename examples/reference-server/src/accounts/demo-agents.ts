import type { NewAgentAccount } from './accounts.js';

/**
 * The demo's accounts, seeded by `npm run demo` (not when `NODE_ENV=production`): Julie, an admin, Marc,
 * an agent, and Sophie, the community manager who makes handoff links; all with the password `demo`.
 *
 * @example
 * ```ts
 * await startServer({ agents: DEMO_AGENTS });
 * ```
 */
export const DEMO_AGENTS: readonly NewAgentAccount[] = [
  { login: 'julie', firstName: 'Julie', title: 'Customer care', password: 'demo', role: 'admin' },
  { login: 'marc', firstName: 'Marc', title: 'Technical support', password: 'demo', role: 'agent' },
  { login: 'sophie', firstName: 'Sophie', title: 'Social media', password: 'demo', role: 'community' },
];
