import { CLOSE_CODES } from './common.js';
import type { CONVERSATION_EVENT_TYPES } from './conversation-event.js';
import { isServerErrorCode } from './error-codes.js';
import {
  arr,
  bool,
  type Check,
  fail,
  int,
  isUrl,
  obj,
  oneOf,
  record,
  str,
  type Variants,
  variant,
  withRule,
} from './guards.js';
import { MAX_PRESENCE_AGENTS, MAX_SHORT_LENGTH, MAX_TEXT_LENGTH } from './limits.js';

// The shape of every frame, as data: one table per direction, built on first use so that nothing runs at
// import and a bundle that never parses drops all of it. The frame types in client-frames.ts and
// server-frames.ts are the truth; test/examples.ts holds one valid example of each to keep both in step.

/** The checks every table is made of. */
const atoms = () => {
  const short = str();
  const id = str(MAX_SHORT_LENGTH, 1);
  const token = str(8 * 1024, 1);
  const text = str(MAX_TEXT_LENGTH, 0, 'text-too-long');
  const seq = int(1);
  const seq0 = int(0);
  const count = int(0);
  const at: Check = (value, path) =>
    Number.isNaN(Date.parse(short(value, path))) ? fail(path, 'must be a date') : value;
  const url: Check = (value, path) =>
    isUrl(value, /^(https?|mailto|tel):$/) ? value : fail(path, 'must be an http, https, mailto or tel URL');
  // A bad picture is left out rather than failing the frame: the agent must still be shown.
  const image: Check = (value) => (isUrl(value, /^https?:$/) ? value : undefined);
  const pattern: Check = (value, path) => {
    const source = short(value, path);
    try {
      new RegExp(source);
    } catch {
      fail(path, 'must be a regular expression');
    }
    return source;
  };
  const currency: Check = (value, path) =>
    /^[A-Z]{3}$/.test(short(value, path)) ? value : fail(path, 'must be an ISO 4217 code');
  return { short, id, token, text, seq, seq0, count, at, url, image, pattern, currency };
};

let server: Variants | undefined;
let client: Variants | undefined;

/** The shapes of the frames a server sends, built once. */
export const serverTable = (): Variants => {
  server ??= buildServer();
  return server;
};

/** The shapes of the frames a client sends, built once (a bundle that parses only server frames drops it). */
export const clientTable = (): Variants => {
  client ??= buildClient();
  return client;
};

const buildServer = (): Variants => {
  const { short, id, token, text, seq, seq0, count, at, url, image, pattern, currency } = atoms();
  const agentFields = { id, firstName: id, 'avatarUrl?': image, 'title?': short };
  const agent = obj(agentFields);
  const authors: Variants = {
    visitor: {},
    agent: agentFields,
    bot: { id, name: id },
    system: {},
  };
  const author: Check = (value, path) =>
    variant('role', authors, value, path) ?? fail(`${path}.role`, 'is unknown');
  const card = {
    url,
    title: short,
    'description?': text,
    'imageUrl?': image,
    'target?': oneOf(['same-tab', 'new-tab']),
  };
  const contents: Variants = {
    text: { text },
    'quick-replies': { text, replies: arr(obj({ id, label: id })) },
    link: card,
    product: { ...card, 'price?': obj({ amount: count, currency }) },
    attachment: {
      id,
      name: id,
      size: count,
      // Any media type, so that a type a newer server accepts still shows, as a file card.
      mediaType: id,
      'width?': int(1),
      'height?': int(1),
      'thumbnailId?': id,
      'caption?': text,
    },
  };
  // A content kind from a newer server still shows, as its `text` fallback, and still takes its seq.
  const content: Check = (value, path) =>
    variant('kind', contents, value, path) ?? {
      kind: 'text',
      text: obj({ 'text?': text })(value, path).text ?? '',
    };
  // Who is there: the first MAX_PRESENCE_AGENTS faces are kept, a bad picture left out as on any agent.
  const faces = arr(obj({ firstName: id, 'avatarUrl?': image }));
  const availability = {
    online: bool,
    'nextOpenAt?': at,
    'expectedWaitSeconds?': count,
    'agents?': (value: unknown, path: string) =>
      (faces(value, path) as unknown[]).slice(0, MAX_PRESENCE_AGENTS),
  };
  const field = obj({
    name: id,
    type: oneOf(['text', 'textarea', 'email', 'tel', 'date', 'number', 'select', 'checkbox']),
    label: short,
    'required?': bool,
    'pattern?': pattern,
    'hint?': short,
    'maxLength?': int(1, MAX_TEXT_LENGTH),
    'options?': arr(obj({ value: short, label: short })),
    'sensitive?': bool,
  });
  const base = { conversationId: id, seq, at };
  const events: Variants = {
    message: { ...base, id, author, content, 'clientId?': id },
    'agent.joined': { ...base, agent },
    'agent.left': { ...base, agent },
    'agent.transferred': { ...base, agent, 'from?': agent },
    'form.request': {
      ...base,
      formId: id,
      kind: oneOf(['prechat', 'verification', 'offline', 'custom']),
      'title?': short,
      'reason?': text,
      fields: arr(field),
    },
    'form.result': {
      ...base,
      formId: id,
      status: oneOf(['accepted', 'rejected']),
      'errors?': record(short),
      'verified?': bool,
    },
    'conversation.ended': { ...base, by: oneOf(['visitor', 'agent', 'system']), 'closing?': text },
  } satisfies Record<(typeof CONVERSATION_EVENT_TYPES)[number], object>;
  const ping = { 'id?': short };
  return {
    ...events,
    'session.welcome': {
      v: id,
      token,
      resumed: bool,
      availability: obj(availability),
      'conversation?': obj({
        id,
        epoch: id,
        lastSeq: seq0,
        status: oneOf(['queued', 'active', 'ended']),
      }),
      'agent?': agent,
      'heartbeatMs?': int(1),
      'identified?': bool,
      'prechat?': obj({ formId: id, 'title?': short, 'reason?': text, fields: arr(field) }),
      'attachments?': obj({ maxBytes: int(1), perConversation: int(0) }),
    },
    'message.ack': { conversationId: id, clientId: id, id, seq, at, 'duplicate?': bool },
    typing: { conversationId: id, by: author, active: bool },
    read: { conversationId: id, upToSeq: seq0, by: oneOf(['visitor', 'agent']) },
    'queue.update': { conversationId: id, position: int(1), 'etaSeconds?': count },
    availability,
    history: {
      conversationId: id,
      epoch: id,
      afterSeq: seq0,
      // An event type from a newer server is left out, as a top-level unknown frame is ignored.
      events: arr((value, path) => variant('type', events, value, path)),
      hasMore: bool,
    },
    discontinuity: {
      conversationId: id,
      epoch: id,
      reason: oneOf(['epoch-changed', 'history-unavailable']),
    },
    error: {
      // A code from a newer server reads as `server-error`, so an older widget still handles it.
      code: (value, path) => (isServerErrorCode(short(value, path)) ? value : 'server-error'),
      message: text,
      retryable: bool,
      'retryAfterMs?': count,
      'clientId?': id,
    },
    ping,
    pong: ping,
    'session.reconnect': { reason: oneOf(Object.keys(CLOSE_CODES)), 'retryAfterMs?': count },
    'session.ended': { reason: oneOf(['ended', 'forgotten', 'expired']) },
    'prechat.result': { formId: id, status: oneOf(['accepted', 'rejected']), 'errors?': record(short) },
    'handoff.result': {
      status: oneOf(['opened', 'resumed', 'used', 'expired', 'invalid']),
      'conversationId?': id,
    },
  };
};

const buildClient = (): Variants => {
  const { short, id, token, text, seq0, at, url } = atoms();
  const ping = { 'id?': short };
  return {
    'session.hello': {
      v: id,
      'token?': token,
      'resume?': obj({ conversationId: id, lastSeq: seq0, 'epoch?': id }),
      locale: id,
      'page?': obj({ url, 'title?': short, 'referrer?': short }),
      'timeZone?': id,
      'identity?': token,
      'attributes?': record(short),
    },
    'message.send': withRule(
      {
        clientId: id,
        text: str(MAX_TEXT_LENGTH, 0, 'text-too-long'),
        'attachmentId?': id,
        'quickReplyId?': id,
        'consent?': obj({ at, version: id, 'policyUrl?': url }),
      },
      // A caption may be empty; a message without a file may not.
      (frame) => frame.text !== '' || frame.attachmentId !== undefined || fail('text', 'must not be empty'),
    ),
    typing: { active: bool },
    read: { upToSeq: seq0 },
    'history.since': { conversationId: id, afterSeq: seq0, 'limit?': int(1) },
    'form.submit': { formId: id, values: record(text) },
    'rating.submit': { conversationId: id, 'solved?': bool, 'score?': int(1, 5), 'note?': text },
    'conversation.end': { conversationId: id },
    'session.identify': { identity: token },
    'session.end': {},
    'session.forget': {},
    'handoff.open': { token },
    ping,
    pong: ping,
  };
};
