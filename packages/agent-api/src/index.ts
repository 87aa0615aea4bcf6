// `@clavard/agent-api`: the agent API, the protocol between an agent console and the server over
// `/agent/ws`. JSON text, one frame per WebSocket message, like the visitor protocol; conversation events
// inside them are the visitor protocol's own (`ConversationEvent`).
export type * from './frames-in.js';
export type * from './frames-out.js';
export type * from './frames-out-conversation.js';
export type * from './handoff-views.js';
export { type AgentFrameOptions, parseAgentFrame } from './parse.js';
export { isGreeting, type Phrase, type PhraseKind } from './phrases.js';
export { MAX_TOPICS, parseTopics } from './topics.js';
export { isVerificationCheck, VERIFICATION_CHECKS, type VerificationCheck } from './verification.js';
export type * from './views.js';
