export type { NewAgentAccount } from './accounts/accounts.js';
export { DEMO_AGENTS } from './accounts/demo-agents.js';
export type { HouseRules } from './chat/house-rules.js';
export { DEFAULT_HOUSE_RULES, DEFAULT_PHRASES } from './chat/house-rules.js';
export { DEMO_CUSTOMER, verificationForm, verifyDemoCustomer } from './chat/verification.js';
export type { ServerOptions } from './config.js';
export { readConfig } from './config.js';
export type { AgentRole } from './db/account-store.js';
export type { IdentityClaims, IdentityKeys, IdentityVerifier } from './identity.js';
export {
  CLOCK_TOLERANCE_S,
  createIdentityVerifier,
  MAX_TOKEN_LIFETIME_S,
  signIdentityToken,
  verifyIdentityToken,
} from './identity.js';
export type { ReferenceServer, ReferenceServerEvents } from './server.js';
export { startServer } from './server.js';
