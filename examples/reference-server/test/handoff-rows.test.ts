// The handoffs' rows on SQLite and Postgres alike: made, found by token hash, opened by one visitor only,
// taken and resolved once, ahead in the queue, erased with their visitor; the last test requires both
// engines to have answered every call alike.
import { describe, expect, it } from 'vitest';
import type { NewHandoff } from '../src/db/handoff-store.js';
import { account, agentEvent, ENDED, ENGINES, engineSuite, testClock } from './support/store-engines.js';

const suite = engineSuite();

const handoff = (id: string, expiresAt = 1_800_000_000_000): NewHandoff => ({
  id,
  token_hash: `hash-${id}`,
  channel: 'x',
  handle: '@ana',
  post_url: 'https://x.com/ana/status/1',
  posted_at: 1_699_999_000_000,
  summary: 'a double charge',
  details: [{ label: 'Order', value: 'A-1042' }],
  topic: 'Billing',
  advisor_id: null,
  created_by: 'api:crm',
  expires_at: expiresAt,
});

describe.each(ENGINES)('handoffs on $name', (engine) => {
  it('keeps a handoff: by id, by token hash, its details, the newest first', async () => {
    const { store, clock } = await suite.open(engine, 'kept');
    const first = await store.createHandoff(handoff('h_one'));
    expect(first).toMatchObject({
      id: 'h_one',
      channel: 'x',
      details: [{ label: 'Order', value: 'A-1042' }],
      created_at: clock.now(),
      visitor_id: null,
      conversation_id: null,
    });
    clock.tick();
    await store.createHandoff(handoff('h_two'));
    expect(await store.handoff('h_one')).toEqual(first);
    expect(await store.handoffByTokenHash('hash-h_one')).toEqual(first);
    expect(await store.handoffByTokenHash('hash-none')).toBeUndefined();
    expect((await store.recentHandoffs(5)).map((row) => row.id)).toEqual(['h_two', 'h_one']);
    expect((await store.recentHandoffs(1)).map((row) => row.id)).toEqual(['h_two']);
  });

  it('is opened by one visitor: again by them is resumed, by another used', async () => {
    const { store, clock } = await suite.open(engine, 'opened');
    await store.createHandoff(handoff('h_one'));
    const ana = await store.createVisitor('token-ana', 'en');
    const bob = await store.createVisitor('token-bob', 'fr');
    clock.tick();
    expect(await store.openHandoff('h_one', ana.id)).toBe('opened');
    expect(await store.openHandoff('h_one', ana.id)).toBe('resumed');
    expect(await store.openHandoff('h_one', bob.id)).toBe('used');
    expect(await store.handoff('h_one')).toMatchObject({ visitor_id: ana.id, opened_at: clock.now() });
  });

  it('of two visitors opening it at once, one has it', async () => {
    // Not recorded: which visitor wins may differ between the engines, only that one does.
    const opened = await engine.open(testClock());
    const store = opened.store;
    await store.createHandoff(handoff('h_one'));
    const visitors = await Promise.all(
      ['a', 'b', 'c', 'd'].map((name) => store.createVisitor(`token-${name}`, 'en')),
    );
    const outcomes = await Promise.all(visitors.map((visitor) => store.openHandoff('h_one', visitor.id)));
    expect(outcomes.filter((outcome) => outcome === 'opened')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'used')).toHaveLength(3);
    await opened.close();
  });

  it('follows its conversation: taken once, resolved once', async () => {
    const { store, clock } = await suite.open(engine, 'followed');
    const julie = await store.createAccount(account('julie', 'Julie'));
    const marc = await store.createAccount(account('marc', 'Marc'));
    const visitor = await store.createVisitor('token-ana', 'en');
    await store.createHandoff(handoff('h_one'));
    await store.openHandoff('h_one', visitor.id);
    const conversation = await store.createConversation(visitor.id, 'Billing', 1);
    await store.setHandoffConversation('h_one', conversation.id);
    expect((await store.handoffOfConversation(conversation.id))?.id).toBe('h_one');
    const takenAt = clock.tick();
    await store.markHandoffTaken(conversation.id, julie.id);
    clock.tick();
    await store.markHandoffTaken(conversation.id, marc.id);
    const resolvedAt = clock.tick();
    await store.markHandoffResolved(conversation.id);
    clock.tick();
    await store.markHandoffResolved(conversation.id);
    expect(await store.handoff('h_one')).toMatchObject({
      conversation_id: conversation.id,
      taken_at: takenAt,
      taken_by: julie.id,
      resolved_at: resolvedAt,
    });
  });

  it('puts a conversation of priority ahead in the queue, the others in order of creation', async () => {
    const { store, clock } = await suite.open(engine, 'priority');
    const ana = await store.createVisitor('t-a', 'en');
    const bob = await store.createVisitor('t-b', 'en');
    const cleo = await store.createVisitor('t-c', 'en');
    const first = await store.createConversation(ana.id, undefined);
    clock.tick();
    const second = await store.createConversation(bob.id, undefined);
    clock.tick();
    const urgent = await store.createConversation(cleo.id, 'Billing', 1);
    expect(urgent.priority).toBe(1);
    expect(first.priority).toBe(0);
    expect((await store.queued()).map((row) => row.id)).toEqual([urgent.id, first.id, second.id]);
    await store.assign(
      urgent.id,
      (await store.createAccount(account('julie', 'Julie'))).id,
      agentEvent('agent.joined', 'julie'),
    );
    expect((await store.queued()).map((row) => row.id)).toEqual([first.id, second.id]);
  });

  it('gives a queued conversation the advisor of the last link opened into it that named one', async () => {
    const { store, clock } = await suite.open(engine, 'advisor');
    const ana = await store.createVisitor('t-a', 'en');
    const julie = await store.createAccount(account('julie', 'Julie'));
    const marc = await store.createAccount(account('marc', 'Marc'));
    const conversation = await store.createConversation(ana.id, 'Billing', 1);
    expect(await store.queuedOne(conversation.id)).toMatchObject({ advisor_id: null, advisor_since: null });
    // Two links into one conversation (she posted twice): the last opened that named an advisor counts.
    for (const [id, advisor] of [
      ['h_julie', julie.id],
      ['h_marc', marc.id],
      ['h_nobody', null],
    ] as const) {
      await store.createHandoff({ ...handoff(id), advisor_id: advisor });
      clock.tick();
      expect(await store.openHandoff(id, ana.id)).toBe('opened');
      await store.setHandoffConversation(id, conversation.id);
    }
    const opened = (await store.handoff('h_marc'))?.opened_at;
    expect(await store.queuedOne(conversation.id)).toMatchObject({
      advisor_id: marc.id,
      advisor_since: opened,
    });
    expect((await store.queued()).map((row) => row.advisor_id)).toEqual([marc.id]);
  });

  it('is erased with its visitor and their conversation; one nobody opened stays', async () => {
    const { store } = await suite.open(engine, 'erased');
    const visitor = await store.createVisitor('token-ana', 'en');
    await store.createHandoff(handoff('h_one'));
    await store.createHandoff(handoff('h_two'));
    await store.openHandoff('h_one', visitor.id);
    const conversation = await store.createConversation(visitor.id, 'Billing', 1);
    await store.setHandoffConversation('h_one', conversation.id);
    await store.end(conversation.id, ENDED);
    await store.forgetVisitor(visitor.id);
    expect(await store.handoff('h_one')).toBeUndefined();
    expect(await store.handoffByTokenHash('hash-h_one')).toBeUndefined();
    expect((await store.recentHandoffs(5)).map((row) => row.id)).toEqual(['h_two']);
  });

  it('erases the handoffs nobody opened once expired, and keeps the opened ones', async () => {
    const { store } = await suite.open(engine, 'swept');
    const visitor = await store.createVisitor('token-ana', 'en');
    await store.createHandoff(handoff('h_opened', 1_000));
    await store.createHandoff(handoff('h_expired', 1_000));
    await store.createHandoff(handoff('h_later', 5_000));
    await store.openHandoff('h_opened', visitor.id);
    expect(await store.eraseUnopenedHandoffs(2_000)).toBe(1);
    expect((await store.recentHandoffs(5)).map((row) => row.id).sort()).toEqual(['h_later', 'h_opened']);
  });

  it('keeps one signing secret: the first kept, whatever comes next', async () => {
    const { store } = await suite.open(engine, 'secret');
    expect(await store.handoffSecret('first-secret')).toBe('first-secret');
    expect(await store.handoffSecret('second-secret')).toBe('first-secret');
  });
});

it('answers alike on both engines', () => suite.expectAlike());
