// The checks of runServerConformance, one per promise of docs/protocol.md.
import {
  type ClientFrame,
  type ConversationEvent,
  MAX_FRAME_BYTES,
  MAX_TEXT_LENGTH,
  PROTOCOL_VERSION,
  parseServerFrame,
} from '@clavard/protocol';
import { handoffUnknownInvalid } from './handoff-check.js';
import { prechatFirstAnswered } from './prechat-check.js';
import type { ServerCheckName } from './server-conformance.js';
import {
  assert,
  type Context,
  checkPresence,
  closing,
  collect,
  hello,
  messagesWith,
  newClientId,
  open,
  rawWelcome,
  readHistory,
  refusal,
  send,
  seqsOf,
  session,
  stillUsable,
  threeMessages,
} from './server-steps.js';
import { request } from './wait.js';

export const SERVER_CHECKS: Omit<
  Record<ServerCheckName, (ctx: Context) => Promise<void>>,
  `attachment-${string}`
> = {
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
  async 'availability-agents-valid'(ctx) {
    const transport = await open(ctx);
    const raw = rawWelcome(transport);
    await hello(ctx, transport);
    checkPresence(raw());
  },
  'prechat-first-answered': prechatFirstAnswered,
  async 'unknown-token-new-session'(ctx) {
    const transport = await open(ctx);
    const token = `conformance-unknown-${newClientId()}`;
    // Either answer is allowed: a new session, or token-expired / unauthorized. Never the old one.
    const refused = refusal(ctx, transport, undefined, () => true);
    const welcomed = hello(ctx, transport, { token });
    refused.catch(() => {});
    welcomed.catch(() => {});
    const answer = await Promise.race([welcomed, refused]);
    if (answer.type === 'error') {
      assert(
        answer.code === 'token-expired' || answer.code === 'unauthorized',
        `a hello with an unknown token got error ${answer.code}, not a new session, token-expired or unauthorized`,
      );
      return;
    }
    assert(!answer.resumed, 'a hello with a token the server never gave must not be resumed');
    assert(answer.token !== token, 'a hello with an unknown token must get a new token, not the one it sent');
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
  async 'history-pages-honour-limit'(ctx) {
    const { transport, conversationId } = await threeMessages(ctx);
    const all = (await readHistory(ctx, transport, conversationId)).events;
    let afterSeq = 0;
    const seen: ConversationEvent[] = [];
    for (let page = 0; page <= all.length; page++) {
      const answer = await request(
        transport,
        { type: 'history.since', conversationId, afterSeq, limit: 2 },
        'history',
        (h) => h.conversationId === conversationId && h.afterSeq === afterSeq,
        ctx.timeoutMs,
      );
      assert(answer.events.length <= 2, `history.since with limit 2 gave ${answer.events.length} events`);
      seen.push(...answer.events);
      const last = answer.events.at(-1);
      if (!answer.hasMore) break;
      assert(last !== undefined, 'a history page with hasMore: true must carry events');
      afterSeq = last.seq;
    }
    assert(seqsOf(seen) === seqsOf(all), `pages of 2 gave seqs [${seqsOf(seen)}], not [${seqsOf(all)}]`);
  },
  async 'history-frames-under-size-limit'(ctx) {
    const { transport } = await session(ctx);
    // More than 256 KiB of text in all: the history must come in several frames, each under the limit.
    const count = Math.ceil(MAX_FRAME_BYTES / MAX_TEXT_LENGTH) + 2;
    let conversationId = '';
    for (let i = 0; i < count; i++) {
      const ack = await send(ctx, transport, newClientId(), `${i} ${'é'.repeat(MAX_TEXT_LENGTH - 8)}`);
      conversationId = ack.conversationId;
    }
    let largest = 0;
    const off = transport.on('frame', (data) => {
      const bytes = new TextEncoder().encode(typeof data === 'string' ? data : JSON.stringify(data)).length;
      largest = Math.max(largest, bytes);
    });
    const { events } = await readHistory(ctx, transport, conversationId).finally(off);
    assert(
      largest <= MAX_FRAME_BYTES,
      `a frame of ${largest} bytes came, over the ${MAX_FRAME_BYTES}-byte limit`,
    );
    const expected = events.map((_, index) => index + 1).join(', ');
    assert(seqsOf(events) === expected, `the paged history has seqs [${seqsOf(events)}]`);
  },
  async 'token-opens-only-its-own'(ctx) {
    const { conversationId } = await threeMessages(ctx);
    const { transport: other } = await session(ctx);
    const answer = await refusal(
      ctx,
      other,
      { type: 'history.since', conversationId, afterSeq: 0 },
      () => true,
    );
    assert(
      answer.code === 'forbidden' || answer.code === 'not-found',
      `another session asking for this conversation's history must get forbidden or not-found, not ${answer.code}`,
    );
    const guessed = await collect(ctx, other, async () => {
      other.send({ type: 'history.since', conversationId, afterSeq: 0 });
    });
    const leaked = guessed.frames.some(
      (f) => f.ok && f.value.type === 'history' && f.value.events.length > 0,
    );
    assert(!leaked, "another session was sent this conversation's events");
  },
  async 'ping-pong-same-id'(ctx) {
    const { transport } = await session(ctx);
    for (const id of ['conformance-a', 'conformance-b']) {
      await request(transport, { type: 'ping', id }, 'pong', (pong) => pong.id === id, ctx.timeoutMs);
    }
  },
  async 'second-hello-refused'(ctx) {
    const { transport } = await session(ctx);
    const again: ClientFrame = { type: 'session.hello', v: PROTOCOL_VERSION, locale: 'en' };
    const error = await refusal(ctx, transport, again, () => true);
    assert(
      error.code === 'invalid-frame',
      `a second session.hello must get invalid-frame, not ${error.code}`,
    );
    await stillUsable(ctx, transport);
  },
  async 'malformed-frame-typed-error'(ctx) {
    const { transport } = await session(ctx);
    const broken = { type: 'message.send', text: 'no clientId' } as unknown as ClientFrame;
    const error = await refusal(ctx, transport, broken, () => true);
    assert(
      error.code === 'invalid-frame',
      `a message.send without clientId must get invalid-frame, not ${error.code}`,
    );
    await stillUsable(ctx, transport);
  },
  async 'unknown-form-typed-error'(ctx) {
    // A server without forms answers invalid-frame naming the type; one with forms, not-found for a form it
    // never asked. Either way an error, and the connection stays.
    const { transport } = await session(ctx);
    const frame: ClientFrame = { type: 'form.submit', formId: 'conformance-never-asked', values: {} };
    const error = await refusal(ctx, transport, frame, () => true);
    assert(
      (error.code === 'invalid-frame' && error.message.includes('form.submit')) || error.code === 'not-found',
      `a form.submit for a form never asked must get not-found, or invalid-frame naming form.submit; it got ${error.code} (${error.message})`,
    );
    await stillUsable(ctx, transport);
  },
  'handoff-unknown-invalid': handoffUnknownInvalid,
  async 'text-too-long-typed-error'(ctx) {
    const { transport } = await session(ctx);
    const clientId = newClientId();
    const frame: ClientFrame = { type: 'message.send', clientId, text: 'x'.repeat(MAX_TEXT_LENGTH + 1) };
    const error = await refusal(ctx, transport, frame, () => true);
    assert(
      error.code === 'text-too-long',
      `a text of ${MAX_TEXT_LENGTH + 1} characters must get text-too-long, not ${error.code}`,
    );
    await stillUsable(ctx, transport);
  },
};
