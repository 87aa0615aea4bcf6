import type { ClientFrame, ClientFrameType, ServerFrame, ServerFrameType } from '@clavard/protocol';

// One valid example of every frame, each with every optional field it has, so that the table tests reach
// every field. docs/protocol.md quotes them.

const at = '2026-11-23T09:41:00.000Z';
const conversationId = 'c_8Jd2';
const julie = {
  id: 'a-17',
  firstName: 'Julie',
  avatarUrl: 'https://cdn.example/agents/julie.png',
  title: 'Billing specialist',
};
const marc = { id: 'a-21', firstName: 'Marc' };

/** One example of each client frame, keyed by type. */
export const clientExamples: { [K in ClientFrameType]: ClientFrame & { type: K } } = {
  'session.hello': {
    type: 'session.hello',
    v: '1.0',
    token: 't_2b9f0c',
    resume: { conversationId, lastSeq: 42, epoch: 'e1' },
    locale: 'fr-CA',
    page: { url: 'https://shop.example/fibre', title: 'Fibre 1 Gbit', referrer: 'https://search.example/' },
    identity: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjdXN0LTQyIn0.sig',
    attributes: { plan: 'fibre-500', cartValue: '6500' },
  },
  'message.send': {
    type: 'message.send',
    clientId: 'V1StGXR8_Z5jdHi6B-myT',
    text: 'Hello, my invoice is wrong.',
    quickReplyId: 'qr-billing',
    consent: { at, version: '2026-01', policyUrl: 'https://shop.example/privacy' },
  },
  typing: { type: 'typing', active: true },
  read: { type: 'read', upToSeq: 57 },
  'history.since': { type: 'history.since', conversationId, afterSeq: 4, limit: 100 },
  'form.submit': {
    type: 'form.submit',
    formId: 'verify-1',
    values: { dob: '1980-02-29', postal: 'H2X 1Y4' },
  },
  'rating.submit': { type: 'rating.submit', conversationId, solved: true, score: 5, note: 'Thanks Julie!' },
  'conversation.end': { type: 'conversation.end', conversationId },
  'session.identify': { type: 'session.identify', identity: 'eyJhbGciOiJIUzI1NiJ9.e30.sig' },
  'session.end': { type: 'session.end' },
  'session.forget': { type: 'session.forget' },
  'handoff.open': { type: 'handoff.open', token: 'h_MTIzNDU2Nzg5MDEy.Zm9yZ2VkP25vdC1hdC1hbGw' },
  ping: { type: 'ping', id: 'p1' },
  pong: { type: 'pong', id: 's9' },
};

/** One example of each server frame, keyed by type. */
export const serverExamples: { [K in ServerFrameType]: ServerFrame & { type: K } } = {
  'session.welcome': {
    type: 'session.welcome',
    v: '1.0',
    token: 't_2b9f0c',
    resumed: true,
    availability: { online: true, nextOpenAt: '2026-11-24T13:00:00.000Z', expectedWaitSeconds: 120 },
    conversation: { id: conversationId, epoch: 'e1', lastSeq: 42, status: 'active' },
    agent: julie,
    heartbeatMs: 25_000,
    identified: true,
    prechat: {
      formId: 'pre-1',
      title: 'Before we start',
      reason: 'So that the right person answers you.',
      fields: [
        {
          name: 'topic',
          type: 'select',
          label: 'Topic',
          required: true,
          options: [{ value: 'billing', label: 'Billing' }],
        },
      ],
    },
    attachments: { maxBytes: 10_485_760, perConversation: 20 },
  },
  message: {
    type: 'message',
    conversationId,
    seq: 7,
    at,
    id: 'm7',
    author: { role: 'agent', ...julie },
    content: {
      kind: 'quick-replies',
      text: 'What is it about?',
      replies: [
        { id: 'qr-billing', label: 'Billing' },
        { id: 'qr-tech', label: 'Technical issue' },
      ],
    },
    clientId: 'V1StGXR8_Z5jdHi6B-myT',
  },
  'agent.joined': { type: 'agent.joined', conversationId, seq: 3, at, agent: julie },
  'agent.left': { type: 'agent.left', conversationId, seq: 9, at, agent: julie },
  'agent.transferred': { type: 'agent.transferred', conversationId, seq: 12, at, agent: marc, from: julie },
  'form.request': {
    type: 'form.request',
    conversationId,
    seq: 5,
    at,
    formId: 'verify-1',
    kind: 'verification',
    title: 'Verify your identity',
    reason: 'We check this before touching your account.',
    fields: [
      {
        name: 'postal',
        type: 'text',
        label: 'Postal code',
        required: true,
        pattern: '[A-Z][0-9][A-Z] ?[0-9][A-Z][0-9]',
        hint: 'As on your bill',
        maxLength: 7,
        sensitive: true,
      },
      {
        name: 'topic',
        type: 'select',
        label: 'Topic',
        options: [
          { value: 'billing', label: 'Billing' },
          { value: 'tech', label: 'Technical' },
        ],
      },
    ],
  },
  'form.result': {
    type: 'form.result',
    conversationId,
    seq: 6,
    at,
    formId: 'verify-1',
    status: 'rejected',
    errors: { postal: 'This postal code does not match our records.' },
    verified: false,
  },
  'conversation.ended': {
    type: 'conversation.ended',
    conversationId,
    seq: 20,
    at,
    by: 'agent',
    closing: 'Thank you for chatting with us.',
  },
  'message.ack': {
    type: 'message.ack',
    conversationId,
    clientId: 'V1StGXR8_Z5jdHi6B-myT',
    id: 'm8',
    seq: 8,
    at,
    duplicate: true,
  },
  typing: { type: 'typing', conversationId, by: { role: 'agent', ...marc }, active: true },
  read: { type: 'read', conversationId, upToSeq: 8, by: 'agent' },
  'queue.update': { type: 'queue.update', conversationId, position: 3, etaSeconds: 240 },
  availability: {
    type: 'availability',
    online: false,
    nextOpenAt: '2026-11-24T13:00:00.000Z',
    expectedWaitSeconds: 600,
  },
  history: {
    type: 'history',
    conversationId,
    epoch: 'e1',
    afterSeq: 4,
    events: [
      {
        type: 'message',
        conversationId,
        seq: 5,
        at,
        id: 'm5',
        author: { role: 'visitor' },
        content: { kind: 'text', text: 'Hi' },
        clientId: 'q8Hc0_a',
      },
      { type: 'agent.joined', conversationId, seq: 6, at, agent: marc },
    ],
    hasMore: false,
  },
  discontinuity: { type: 'discontinuity', conversationId, epoch: 'e2', reason: 'epoch-changed' },
  error: {
    type: 'error',
    code: 'rate-limited',
    message: 'Slow down',
    retryable: true,
    retryAfterMs: 2000,
    clientId: 'V1StGXR8_Z5jdHi6B-myT',
  },
  ping: { type: 'ping', id: 's9' },
  pong: { type: 'pong', id: 'p1' },
  'session.reconnect': { type: 'session.reconnect', reason: 'server-restart', retryAfterMs: 500 },
  'session.ended': { type: 'session.ended', reason: 'forgotten' },
  'prechat.result': {
    type: 'prechat.result',
    formId: 'pre-1',
    status: 'rejected',
    errors: { topic: 'required' },
  },
  'handoff.result': { type: 'handoff.result', status: 'opened', conversationId },
};

/** Messages with each other author and content kind, every optional field filled in. */
export const messageExamples: ServerFrame[] = [
  {
    type: 'message',
    conversationId,
    seq: 10,
    at,
    id: 'm10',
    author: { role: 'bot', id: 'b1', name: 'Clavard bot' },
    content: {
      kind: 'link',
      url: 'https://help.example/invoices',
      title: 'Reading your invoice',
      description: 'A guide to every line of your bill.',
      imageUrl: 'https://help.example/invoice.png',
      target: 'same-tab',
    },
  },
  {
    type: 'message',
    conversationId,
    seq: 11,
    at,
    id: 'm11',
    author: { role: 'system' },
    content: {
      kind: 'product',
      url: 'https://shop.example/fibre',
      title: 'Fibre 1 Gbit',
      description: 'Symmetric, no cap.',
      imageUrl: 'https://shop.example/fibre.png',
      price: { amount: 6500, currency: 'CAD' },
      target: 'new-tab',
    },
  },
  {
    type: 'message',
    conversationId,
    seq: 13,
    at,
    id: 'm13',
    author: { role: 'agent', ...marc },
    content: { kind: 'link', url: 'mailto:help@shop.example', title: 'Write to us' },
  },
  {
    type: 'message',
    conversationId,
    seq: 14,
    at,
    id: 'm14',
    author: { role: 'visitor' },
    content: {
      kind: 'attachment',
      id: 'f_3kq',
      name: 'invoice.jpg',
      size: 48_213,
      mediaType: 'image/jpeg',
      width: 1200,
      height: 1600,
      thumbnailId: 'f_3kq_t',
      caption: 'The double charge',
    },
    clientId: 'Xk2_8vQ1mN4pL7rT9sW0a',
  },
];

/** Every server example, for tests that go over all of them. */
export const allServerExamples: ServerFrame[] = [...Object.values(serverExamples), ...messageExamples];

/** Every client example. */
export const allClientExamples: ClientFrame[] = Object.values(clientExamples);
