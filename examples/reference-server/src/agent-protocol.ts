/**
 * The agent API's frames: what the agent console and the reference server say to each other over
 * `/agent/ws`. JSON text, one frame per WebSocket message, like the visitor protocol; conversation
 * events inside them are the visitor protocol's own (`ConversationEvent`). The frames each way and their
 * validation live in three files; this one gathers them.
 */
export * from './agent-frames-in.js';
export * from './agent-frames-out.js';
export * from './agent-parse.js';
