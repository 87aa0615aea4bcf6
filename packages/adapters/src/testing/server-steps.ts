// The steps the server checks are made of: a session, a message and its ack, the history read page by page,
// what arrives meanwhile.
import {
  type ClientFrame,
  type ConversationEvent,
  MAX_PRESENCE_AGENTS,
  type MessageSend,
  parseServerFrame,
  type SessionHello,
  type Transport,
} from '@clavard/protocol';
import type { CheckContext } from './run-checks.js';
import type { ServerConformanceOptions } from './server-conformance.js';
import { type FrameOf, openTransport, pingPong, request, sayHello, waitForEvent } from './wait.js';

export type Context = CheckContext<ServerConformanceOptions>;

export const assert: (condition: boolean, message: string) => asserts condition = (condition, message) => {
  if (!condition) throw new Error(message);
};

let counter = 0;
/** A clientId no other run of the suite uses. */
export const newClientId = (): string =>
  `conformance-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** A new transport, open. */
export const open = async (ctx: Context): Promise<Transport> => {
  const transport = ctx.make();
  await openTransport(transport, ctx.timeoutMs);
  return transport;
};

/** Hello with the suite's fields and `extra`. */
export const hello = (ctx: Context, transport: Transport, extra: Partial<Omit<SessionHello, 'type'>> = {}) =>
  sayHello(transport, { ...ctx.options.hello, ...extra }, ctx.timeoutMs);

/** The connection still answers a ping. */
export const stillUsable = (ctx: Context, transport: Transport) =>
  pingPong(transport, 'still-usable', ctx.timeoutMs);

/** A transport that has said hello, and its welcome. */
export const session = async (ctx: Context) => {
  const transport = await open(ctx);
  const welcome = await hello(ctx, transport);
  return { transport, welcome };
};

/** Send a message and wait for its ack; an error frame naming it instead fails at once, saying why. */
export const send = async (
  ctx: Context,
  transport: Transport,
  clientId: string,
  text: string,
  extra: Pick<MessageSend, 'attachmentId'> = {},
) => {
  const refused = request(transport, undefined, 'error', (e) => e.clientId === clientId, ctx.timeoutMs).then(
    (e): never => {
      throw new Error(`message.send ${clientId} got error ${e.code} (${e.message}) instead of message.ack`);
    },
  );
  const acked = request(
    transport,
    { type: 'message.send', clientId, text, ...extra },
    'message.ack',
    (ack) => ack.clientId === clientId,
    ctx.timeoutMs,
  );
  // The one that loses is settled later: its failure is not the check's.
  refused.catch(() => {});
  acked.catch(() => {});
  return Promise.race([acked, refused]);
};

/** The error frame that answers `frame` (sent now), with `code` when given. */
export const refusal = (
  ctx: Context,
  transport: Transport,
  frame: ClientFrame | undefined,
  accept: (e: FrameOf<'error'>) => boolean,
) => request(transport, frame, 'error', accept, ctx.timeoutMs);

/** Every event of the conversation after `afterSeq`, read page by page through `history.since`. */
export const readHistory = async (
  ctx: Context,
  transport: Transport,
  conversationId: string,
  afterSeq = 0,
) => {
  const events: ConversationEvent[] = [];
  let from = afterSeq;
  let epoch = '';
  for (let page = 0; page < 1000; page++) {
    const answer = await request(
      transport,
      { type: 'history.since', conversationId, afterSeq: from },
      'history',
      (h) => h.conversationId === conversationId && h.afterSeq === from,
      ctx.timeoutMs,
    );
    epoch = answer.epoch;
    events.push(...answer.events);
    const last = answer.events.at(-1);
    if (!answer.hasMore || !last) break;
    from = last.seq;
  }
  return { events, epoch };
};

/** Frames that arrive while `during` runs and for `quietMs` after it, validated. */
export const collect = async <T>(ctx: Context, transport: Transport, during: () => Promise<T>) => {
  const frames: ReturnType<typeof parseServerFrame>[] = [];
  const off = transport.on('frame', (data) => frames.push(parseServerFrame(data)));
  try {
    const value = await during();
    await new Promise((resolve) => setTimeout(resolve, ctx.quietMs));
    return { value, frames };
  } finally {
    off();
  }
};

/** Waits for the transport to close, and returns the errors it reported on the way. */
export const closing = (ctx: Context, transport: Transport, trigger: () => void, what: string) => {
  const errors: string[] = [];
  const off = transport.on('error', (error) => errors.push(`${error.code} ${error.message}`));
  return waitForEvent(transport, 'status', (s) => s === 'closed', trigger, ctx.timeoutMs, what)
    .then(() => errors)
    .finally(off);
};

export const messagesWith = (events: readonly ConversationEvent[], clientId: string) =>
  events.filter(
    (event): event is Extract<ConversationEvent, { type: 'message' }> =>
      event.type === 'message' && event.clientId === clientId,
  );

export const seqsOf = (events: readonly { seq: number }[]) => events.map((event) => event.seq).join(', ');

/** Three messages in one new conversation; the acks and the stored history. */
export const threeMessages = async (ctx: Context) => {
  const { transport, welcome } = await session(ctx);
  const acks = [];
  for (const text of ['one', 'two', 'three']) acks.push(await send(ctx, transport, newClientId(), text));
  const conversationId = acks[0]?.conversationId ?? '';
  return { transport, welcome, acks, conversationId };
};

/** The welcome as it arrived, before the parser kept three agents and dropped bad pictures. */
export const rawWelcome = (transport: Transport) => {
  let raw: Record<string, unknown> | undefined;
  transport.on('frame', (data) => {
    try {
      const value: unknown = typeof data === 'string' ? JSON.parse(data) : data;
      if (!raw && (value as Record<string, unknown>)?.type === 'session.welcome') raw = value as typeof raw;
    } catch {
      // Not JSON: the parser reports it.
    }
  });
  return () => raw;
};

/** The agents of a welcome's availability: at most three, first names, http(s) pictures, none offline. */
export const checkPresence = (welcome: Record<string, unknown> | undefined) => {
  const { online, agents } = (welcome?.availability ?? {}) as { online?: unknown; agents?: unknown };
  const all = JSON.stringify(agents);
  assert(
    agents == null ||
      (Array.isArray(agents) && agents.length <= MAX_PRESENCE_AGENTS && (online === true || !agents.length)),
    `availability.agents must be an array of at most 3, empty while offline: ${all}`,
  );
  for (const agent of (agents ?? []) as Record<string, unknown>[]) {
    const { firstName, avatarUrl } = agent ?? {};
    let scheme = avatarUrl == null ? 'http:' : '';
    try {
      scheme ||= new URL(String(avatarUrl)).protocol;
    } catch {
      // Not a URL: no scheme.
    }
    assert(
      typeof firstName === 'string' && firstName.trim() !== '' && /^https?:$/.test(scheme),
      `availability.agents needs a first name and an http(s) avatarUrl: ${JSON.stringify(agent)}`,
    );
  }
};
