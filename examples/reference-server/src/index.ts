export type { NewAgentAccount } from './accounts/accounts.js';
export { DEMO_AGENTS } from './accounts/demo-agents.js';
export type {
  AccountInfo,
  AgentClientFrame,
  AgentConversation,
  AgentFrameOptions,
  AgentRouting,
  AgentServerFrame,
  ArchiveEntry,
  InboxEntry,
  QueueEntry,
  ReportLine,
} from './agent-protocol.js';
export { parseAgentFrame } from './agent-protocol.js';
export type { HouseRules, Phrase, PhraseKind } from './chat/house-rules.js';
export { DEFAULT_HOUSE_RULES, DEFAULT_PHRASES, isGreeting } from './chat/house-rules.js';
export type { VerificationCheck } from './chat/verification.js';
export {
  DEMO_CUSTOMER,
  VERIFICATION_CHECKS,
  verificationForm,
  verifyDemoCustomer,
} from './chat/verification.js';
export type { ServerOptions } from './config.js';
export { readConfig } from './config.js';
export type { AgentRole } from './db/account-store.js';
export type { AgentStats } from './db/store.js';
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
