import type { NewAgentAccount } from './accounts.js';

/**
 * The demo's two agents, seeded by `npm run demo` (not when `NODE_ENV=production`): Julie, an admin, and
 * Marc, both with the password `demo`.
 *
 * @example
 * ```ts
 * await startServer({ agents: DEMO_AGENTS });
 * ```
 */
export const DEMO_AGENTS: readonly NewAgentAccount[] = [
  { login: 'julie', firstName: 'Julie', title: 'Customer care', password: 'demo', role: 'admin' },
  { login: 'marc', firstName: 'Marc', title: 'Technical support', password: 'demo', role: 'agent' },
];
