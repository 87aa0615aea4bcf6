import type { AgentClientFrame } from '@clavard/agent-api';

/** One valid frame of each type an agent console sends, as the parser gives it back. */
export const examples: { [T in AgentClientFrame['type']]: AgentClientFrame & { type: T } } = {
  'agent.hello': { type: 'agent.hello', token: 'tok-1' },
  'agent.take': { type: 'agent.take', conversationId: 'c1' },
  'agent.message': {
    type: 'agent.message',
    conversationId: 'c1',
    clientId: 'k1',
    content: { kind: 'text', text: 'Hello!' },
  },
  'agent.typing': { type: 'agent.typing', conversationId: 'c1', active: true },
  'agent.read': { type: 'agent.read', conversationId: 'c1', upToSeq: 7 },
  'agent.transfer': {
    type: 'agent.transfer',
    conversationId: 'c1',
    toAgentId: 'a2',
    note: 'Refund approved.',
  },
  'agent.form': {
    type: 'agent.form',
    conversationId: 'c1',
    formId: 'f1',
    kind: 'verification',
    fields: [{ name: 'dob', type: 'date', label: 'Date of birth', sensitive: true }],
    title: 'Verify your identity',
    reason: 'Before we look at your account.',
  },
  'agent.verify': { type: 'agent.verify', conversationId: 'c1', checks: ['dob', 'postal'] },
  'agent.end': { type: 'agent.end', conversationId: 'c1', closing: 'Thank you for chatting with us.' },
  'agent.history': { type: 'agent.history', conversationId: 'c1', beforeSeq: 181, limit: 50 },
  'agent.topics': { type: 'agent.topics', topics: ['Billing'] },
  'agent.signout': { type: 'agent.signout' },
  'agent.reply': {
    type: 'agent.reply',
    conversationId: 'c1',
    clientId: 'k2',
    text: 'Your refund left today.',
  },
  'agent.search': { type: 'agent.search', query: 'facture mai' },
  'agent.open': { type: 'agent.open', conversationId: 'c0' },
  'agent.report': { type: 'agent.report', days: 30 },
  'agent.accounts': {
    type: 'agent.accounts',
    create: {
      login: 'ana',
      firstName: 'Ana',
      title: 'Billing',
      role: 'admin',
      password: 'a long passphrase',
    },
  },
  'agent.handoffs': {
    type: 'agent.handoffs',
    create: {
      channel: 'x',
      handle: '@ana_q',
      postUrl: 'https://x.com/ana_q/status/1',
      summary: 'a double charge on the November invoice',
      details: [{ label: 'Invoice', value: 'November 2026' }],
      topic: 'Billing',
    },
  },
  ping: { type: 'ping', id: 'p1' },
  pong: { type: 'pong' },
};

/** Every example, for the properties. */
export const allExamples: readonly AgentClientFrame[] = Object.values(examples);
