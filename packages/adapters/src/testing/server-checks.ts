// The checks of runServerConformance, one per promise of docs/protocol.md, and the few steps they share.
import {
  type ClientFrame,
  type ConversationEvent,
  MAX_TEXT_LENGTH,
  PROTOCOL_VERSION,
  parseServerFrame,
  type Transport,
} from '@clavard/protocol';
import type { CheckContext } from './run-checks.js';
import type { ServerCheckName, ServerConformanceOptions } from './server-conformance.js';
import { type FrameOf, request, waitForEvent } from './wait.js';

type Context = CheckContext<ServerConformanceOptions>;

const assert: (condition: boolean, message: string) => asserts condition = (condition, message) => {
  if (!condition) throw new Error(message);
};

let counter = 0;
/** A clientId no other run of the suite uses. */
const newClientId = (): string =>
  `conformance-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

const open = async (ctx: Context): Promise<Transport> => {
  const transport = ctx.make();
  await waitForEvent(
    transport,
    'status',
    (s) => s === 'open',
    () => transport.connect(),
    ctx.timeoutMs,
    "status 'open'",
  );
  return transport;
};

const hello = (
  ctx: Context,
  transport: Transport,
  extra: Partial<Extract<ClientFrame, { type: 'session.hello' }>> = {},
) =>
  request(
    transport,
    { type: 'session.hello', v: PROTOCOL_VERSION, locale: 'en', ...ctx.options.hello, ...extra },
    'session.welcome',
    () => true,
    ctx.timeoutMs,
  );

/** A transport that has said hello, and its welcome. */
const session = async (ctx: Context) => {
  const transport = await open(ctx);
  const welcome = await hello(ctx, transport);
  return { transport, welcome };
};

/** Send a message and wait for its ack; an error frame naming it instead fails at once, saying why. */
const send = async (ctx: Context, transport: Transport, clientId: string, text: string) => {
  const refused = request(transport, undefined, 'error', (e) => e.clientId === clientId, ctx.timeoutMs).then(
    (e): never => {
      throw new Error(`message.send ${clientId} got error ${e.code} (${e.message}) instead of message.ack`);
    },
  );
  const acked = request(
    transport,
    { type: 'message.send', clientId, text },
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
const refusal = (
  ctx: Context,
  transport: Transport,
  frame: ClientFrame | undefined,
  accept: (e: FrameOf<'error'>) => boolean,
) => request(transport, frame, 'error', accept, ctx.timeoutMs);

/** Every event of the conversation after `afterSeq`, read page by page through `history.since`. */
const readHistory = async (ctx: Context, transport: Transport, conversationId: string, afterSeq = 0) => {
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
const collect = async <T>(ctx: Context, transport: Transport, during: () => Promise<T>) => {
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
const closing = (ctx: Context, transport: Transport, trigger: () => void, what: string) => {
  const errors: string[] = [];
  const off = transport.on('error', (error) => errors.push(`${error.code} ${error.message}`));
  return waitForEvent(transport, 'status', (s) => s === 'closed', trigger, ctx.timeoutMs, what)
    .then(() => errors)
    .finally(off);
};

const messagesWith = (events: readonly ConversationEvent[], clientId: string) =>
  events.filter(
    (event): event is Extract<ConversationEvent, { type: 'message' }> =>
      event.type === 'message' && event.clientId === clientId,
  );

const seqsOf = (events: readonly { seq: number }[]) => events.map((event) => event.seq).join(', ');

/** Three messages in one new conversation; the acks and the stored history. */
const threeMessages = async (ctx: Context) => {
  const { transport, welcome } = await session(ctx);
  const acks = [];
  for (const text of ['one', 'two', 'three']) acks.push(await send(ctx, transport, newClientId(), text));
  const conversationId = acks[0]?.conversationId ?? '';
  return { transport, welcome, acks, conversationId };
};

export const SERVER_CHECKS: Record<ServerCheckName, (ctx: Context) => Promise<void>> = {
  async 'hello-first'(ctx) {
    const transport = await open(ctx);
    let pongs = 0;
    transport.on('frame', (data) => {
      const parsed = parseServerFrame(data);
      if (parsed.ok && parsed.value.type === 'pong') pongs++;
    });
    const errors = await closing(
      ctx,
      transport,
      () => transport.send({ type: 'ping', id: 'before-hello' }),
      'the connection closed after a first frame that is not session.hello',
    );
    assert(pongs === 0, 'a ping before session.hello was answered');
    assert(
      errors.some((e) => /\b4400\b/.test(e)),
      `the connection must close with code 4400; the transport reported ${errors.join('; ') || 'nothing'}`,
    );
  },
  async 'other-major-refused'(ctx) {
    const transport = await open(ctx);
    const errors = await closing(
      ctx,
      transport,
      () => transport.send({ type: 'session.hello', v: '99.0', locale: 'en' }),
      'the connection closed after a hello of another major version',
    );
    assert(
      errors.some((e) => e.startsWith('unsupported-version')),
      `a hello with v 99.0 must be refused with unsupported-version (close 4426); the transport reported ${errors.join('; ') || 'nothing'}`,
    );
  },
  async 'welcome-valid'(ctx) {
    const { welcome } = await session(ctx);
    assert(welcome.token.length > 0, 'session.welcome must carry a token');
    assert(welcome.resumed === false, 'a hello without a token must not be resumed');
  },
  async 'seq-from-one-gap-free'(ctx) {
    const { transport, acks, conversationId } = await threeMessages(ctx);
    const { events } = await readHistory(ctx, transport, conversationId);
    const expected = events.map((_, index) => index + 1).join(', ');
    assert(seqsOf(events) === expected, `the stored seqs are ${seqsOf(events)}, not ${expected}`);
    for (const ack of acks) {
      const [stored] = messagesWith(events, ack.clientId);
      assert(
        stored?.seq === ack.seq && stored.id === ack.id,
        `the ack of ${ack.clientId} says seq ${ack.seq}, id ${ack.id}; history has seq ${stored?.seq}, id ${stored?.id}`,
      );
    }
  },
  async 'resend-is-duplicate'(ctx) {
    const { transport } = await session(ctx);
    const clientId = newClientId();
    const first = await send(ctx, transport, clientId, 'sent twice');
    const again = await send(ctx, transport, clientId, 'sent twice');
    assert(
      again.id === first.id && again.seq === first.seq,
      `a resend must be acked with the original id and seq (${first.id}, ${first.seq}), not (${again.id}, ${again.seq})`,
    );
    assert(again.duplicate === true, 'a resend must be acked with duplicate: true');
    const { events } = await readHistory(ctx, transport, first.conversationId);
    const stored = messagesWith(events, clientId).length;
    assert(stored === 1, `the resend was stored again: ${stored} messages with one clientId`);
  },
  async 'conflict-is-refused'(ctx) {
    const { transport } = await session(ctx);
    const clientId = newClientId();
    const first = await send(ctx, transport, clientId, 'the first text');
    const error = await refusal(
      ctx,
      transport,
      { type: 'message.send', clientId, text: 'another text' },
      (e) => e.clientId === clientId || e.code === 'idempotency-conflict',
    );
    assert(
      error.code === 'idempotency-conflict' && error.clientId === clientId,
      `the same clientId with another text must get idempotency-conflict naming it, not ${error.code}${error.clientId ? ` for ${error.clientId}` : ' without clientId'}`,
    );
    const { events } = await readHistory(ctx, transport, first.conversationId);
    assert(messagesWith(events, clientId).length === 1, 'the conflicting text was stored');
  },
  async 'resume-replays-after-last-seq'(ctx) {
    const { transport, welcome, acks, conversationId } = await threeMessages(ctx);
    const { events, epoch } = await readHistory(ctx, transport, conversationId);
    const lastSeq = acks[0]?.seq ?? 0;
    transport.close();
    const again = await open(ctx);
    const { frames, value } = await collect(ctx, again, () =>
      hello(ctx, again, { token: welcome.token, resume: { conversationId, lastSeq, epoch } }),
    );
    assert(value.resumed, 'a hello with the token and resume must be resumed');
    const replayed = frames.flatMap((f) =>
      !f.ok
        ? []
        : f.value.type === 'history'
          ? f.value.events
          : 'seq' in f.value && 'conversationId' in f.value && f.value.type !== 'message.ack'
            ? [f.value as ConversationEvent]
            : [],
    );
    const expected = events.filter((event) => event.seq > lastSeq);
    assert(
      seqsOf(replayed) === seqsOf(expected),
      `resume after seq ${lastSeq} replayed seqs [${seqsOf(replayed)}], not [${seqsOf(expected)}]`,
    );
  },
  async 'wrong-epoch-discontinuity'(ctx) {
    const { transport, welcome, conversationId, acks } = await threeMessages(ctx);
    transport.close();
    const again = await open(ctx);
    const { frames } = await collect(ctx, again, () =>
      hello(ctx, again, {
        token: welcome.token,
        resume: { conversationId, lastSeq: acks[0]?.seq ?? 0, epoch: 'not-the-epoch' },
      }),
    );
    assert(
      frames.some((f) => f.ok && f.value.type === 'discontinuity'),
      'resume with a wrong epoch must be answered with discontinuity',
    );
  },
  async 'ping-pong-same-id'(ctx) {
    const { transport } = await session(ctx);
    for (const id of ['conformance-a', 'conformance-b']) {
      await request(transport, { type: 'ping', id }, 'pong', (pong) => pong.id === id, ctx.timeoutMs);
    }
  },
  async 'malformed-frame-typed-error'(ctx) {
    const { transport } = await session(ctx);
    const broken = { type: 'message.send', text: 'no clientId' } as unknown as ClientFrame;
    const error = await refusal(ctx, transport, broken, () => true);
    assert(
      error.code === 'invalid-frame',
      `a message.send without clientId must get invalid-frame, not ${error.code}`,
    );
    await request(
      transport,
      { type: 'ping', id: 'still-usable' },
      'pong',
      (p) => p.id === 'still-usable',
      ctx.timeoutMs,
    );
  },
  async 'text-too-long-typed-error'(ctx) {
    const { transport } = await session(ctx);
    const clientId = newClientId();
    const frame: ClientFrame = { type: 'message.send', clientId, text: 'x'.repeat(MAX_TEXT_LENGTH + 1) };
    const error = await refusal(ctx, transport, frame, () => true);
    assert(
      error.code === 'text-too-long',
      `a text of ${MAX_TEXT_LENGTH + 1} characters must get text-too-long, not ${error.code}`,
    );
    await request(
      transport,
      { type: 'ping', id: 'still-usable' },
      'pong',
      (p) => p.id === 'still-usable',
      ctx.timeoutMs,
    );
  },
};
