// The store's operations end to end, the same test bodies on SQLite (in memory) and on Postgres (a
// throwaway database): each asserts what the contract says, and the last test requires both engines to
// have answered every call alike. Transactions: postgres-store-transactions.test.ts; the archive and
// erasure: postgres-store-archive.test.ts.
import { describe, expect, it } from 'vitest';
import type { Store } from '../src/db/store.js';
import {
  account,
  agentEvent,
  contents,
  ENDED,
  ENGINES,
  engineSuite,
  FIELDS,
  type TestClock,
  textMessage,
} from './support/store-engines.js';

const suite = engineSuite();

/** Julie took a visitor's conversation (created at `t0`) at `t1`, and wrote first; Marc is there too. */
async function taken(store: Store, clock: TestClock) {
  const julie = await store.createAccount(account('julie', 'Julie'));
  const marc = await store.createAccount(account('marc', 'Marc'));
  const visitor = await store.createVisitor('token-b', 'en');
  const t0 = clock.tick();
  const conversation = await store.createConversation(visitor.id, 'Billing');
  await store.storeMessage(textMessage(conversation.id, 'Ma facture de mai'));
  const t1 = clock.tick();
  await store.assign(conversation.id, julie.id, agentEvent('agent.joined', julie.id));
  await store.storeMessage(
    textMessage(conversation.id, 'Bonjour, je regarde', { role: 'agent', id: julie.id, firstName: 'Julie' }),
  );
  return { julie, marc, conversation, t0, t1 };
}

describe.each(ENGINES)('the store on $name', (engine) => {
  it('keeps a visitor: found by token, identified, placed, their session ended', async () => {
    const { store } = await suite.open(engine, 'visitor');
    const visitor = await store.createVisitor('token-a', 'fr');
    expect(await store.visitorByTokenHash('token-a')).toEqual(visitor);
    expect(await store.visitor(visitor.id)).toEqual(visitor);
    expect(await store.visitor('nobody')).toBeUndefined();
    expect(await store.identityOf(visitor.id)).toBeUndefined();
    await store.identify(visitor.id, { userId: 'u1', name: 'Ana' });
    await store.identify(visitor.id, { userId: 'u1', email: 'ana@example.com' });
    expect(await store.identityOf(visitor.id)).toEqual({ userId: 'u1', email: 'ana@example.com' });
    expect(await store.visitorContext(visitor.id)).toEqual({});
    await store.setVisitorContext(visitor.id, {
      page: { url: 'https://shop.example/plans' },
      timeZone: 'UTC',
    });
    expect(await store.visitorContext(visitor.id)).toEqual({
      page: { url: 'https://shop.example/plans' },
      timeZone: 'UTC',
    });
    await store.touchVisitor(visitor.id);
    expect(await store.prechatAnswers(visitor.id)).toBeUndefined();
    await store.setPrechatAnswers(visitor.id, { name: 'Ana', topic: 'Billing' });
    expect(await store.prechatAnswers(visitor.id)).toEqual({ name: 'Ana', topic: 'Billing' });
    await store.endVisitorSession(visitor.id);
    expect(await store.visitorByTokenHash('token-a')).toBeUndefined();
    expect(await store.visitor(visitor.id)).toEqual(visitor);
  });

  it('queues a conversation with its preview and the name given, and gives it to one agent only', async () => {
    const { store, clock } = await suite.open(engine, 'conversation');
    const julie = await store.createAccount(account('julie', 'Julie'));
    const marc = await store.createAccount(account('marc', 'Marc'));
    const visitor = await store.createVisitor('token-b', 'en');
    const t0 = clock.tick();
    const conversation = await store.createConversation(visitor.id, 'Billing');
    expect(conversation).toMatchObject({ status: 'queued', last_seq: 0, agent_id: null, created_at: t0 });
    expect(conversation.epoch).toBe(store.epoch);
    expect(await store.currentConversation(visitor.id)).toEqual(conversation);
    await store.recordConsent(conversation.id, { at: '2023-11-14T22:13:20.000Z', version: 'v1' });
    await store.recordConsent(conversation.id, { at: '2023-11-15T00:00:00.000Z', version: 'v2' });
    expect(await store.consentOf(conversation.id)).toEqual({ at: '2023-11-14T22:13:20.000Z', version: 'v1' });
    await store.carryPrechat(conversation.id, 'prechat', FIELDS, { name: ' Ana ', email: 'ana@example.com' });
    await store.storeMessage(textMessage(conversation.id, 'Ma facture de mai'));
    await store.identify(visitor.id, { userId: 'cust-42', name: 'Ana Lopez' });
    const [queued] = await store.queued();
    expect(queued).toEqual({
      id: conversation.id,
      visitor_id: visitor.id,
      topic: 'Billing',
      created_at: t0,
      preview: 'Ma facture de mai',
      contact_email: null,
      given_name: 'Ana',
      given_email: 'ana@example.com',
      identity_user_id: 'cust-42',
      identity_name: 'Ana Lopez',
      identity_email: null,
      advisor_id: null,
      advisor_since: null,
    });
    expect(await store.queuedOne(conversation.id)).toEqual(queued);
    expect(await store.givenOf(conversation.id)).toEqual({ name: 'Ana', email: 'ana@example.com' });

    clock.tick();
    const joined = await store.assign(conversation.id, julie.id, agentEvent('agent.joined', julie.id));
    expect(joined).toMatchObject({ type: 'agent.joined', seq: 2, conversationId: conversation.id });
    expect(await store.assign(conversation.id, marc.id, agentEvent('agent.joined', marc.id))).toBeUndefined();
    expect(await store.queuedOne(conversation.id)).toBeUndefined();
    expect((await store.activeOf(julie.id)).map((row) => row.id)).toEqual([conversation.id]);
    expect((await store.agentsHolding()).map((row) => row.id)).toEqual([julie.id]);
    expect(await store.agentHasWritten(conversation.id)).toBe(false);
    const author = { role: 'agent' as const, id: julie.id, firstName: 'Julie' };
    await store.storeMessage(textMessage(conversation.id, 'Bonjour, je regarde', author));
    expect(await store.agentHasWritten(conversation.id)).toBe(true);
  });

  it('transfers, requeues and ends a conversation once, then counts it in the stats and the report', async () => {
    const { store, clock } = await suite.open(engine, 'conversation end');
    const { julie, marc, conversation, t0, t1 } = await taken(store, clock);
    const t2 = clock.tick();
    const handover = { from: julie.id, to: marc.id, note: 'Facture de mai' };
    await store.transfer(conversation.id, handover, agentEvent('agent.transferred', marc.id));
    expect(await store.transferNote(conversation.id)).toEqual({
      fromAgentId: julie.id,
      note: handover.note,
      at: t2,
    });
    clock.tick();
    expect((await store.requeue(conversation.id, marc.id, agentEvent('agent.left', marc.id)))?.seq).toBe(5);
    expect(await store.conversation(conversation.id)).toMatchObject({
      status: 'queued',
      agent_id: null,
      answered_at: t1,
    });
    expect(await store.assign(conversation.id, marc.id, agentEvent('agent.joined', marc.id))).toBeDefined();

    const t4 = clock.tick(60_000);
    expect(await store.end(conversation.id, ENDED)).toMatchObject({ type: 'conversation.ended', seq: 7 });
    expect(await store.end(conversation.id, ENDED)).toBeUndefined();
    expect(await store.conversation(conversation.id)).toEqual({
      ...conversation,
      status: 'ended',
      agent_id: marc.id,
      last_seq: 7,
      answered_at: t1,
      ended_at: t4,
    });
    await store.rate(conversation.id, { solved: true, score: 4 });
    await store.rate(conversation.id, { solved: true, score: 5, note: 'Merci' });
    expect(await store.ratingOf(conversation.id)).toEqual({ solved: true, score: 5, note: 'Merci' });
    expect(await store.agentStats(marc.id)).toEqual({
      conversations: 1,
      waitMs: t1 - t0,
      firstResponseMs: t1 - t0,
      handlingMs: t4 - t1,
      surveyed: 1,
      firstContact: 0,
      rated: 1,
      rating: 5,
    });
    expect((await store.agentStats(julie.id)).conversations).toBe(0);
    expect(await store.recentHandlingMs(10)).toBe(t4 - t1);
    expect(await store.reportRows(t0, t4 + 1)).toEqual([
      {
        agent_id: marc.id,
        first_name: 'Marc',
        created_at: t0,
        answered_at: t1,
        ended_at: t4,
        first_response_at: t1,
        solved: 1,
        score: 5,
        transferred: 1,
        // Not started by a handoff link.
        posted_at: null,
        handoff_opened_at: null,
      },
    ]);
    expect(await store.reportRows(t0, t4)).toEqual([]);
    expect(await store.agentsHolding()).toEqual([]);

    const next = await store.createConversation((await store.createVisitor('token-b2', 'en')).id, undefined);
    await store.assign(next.id, marc.id, agentEvent('agent.joined', marc.id));
    clock.tick(1000);
    await store.end(next.id, ENDED);
    await store.rate(next.id, { solved: true, score: 4 });
    expect(await store.agentStats(marc.id)).toEqual({
      conversations: 2,
      waitMs: (t1 - t0) / 2,
      firstResponseMs: t1 - t0,
      handlingMs: (t4 - t1 + 1000) / 2,
      surveyed: 2,
      firstContact: 1,
      rated: 2,
      rating: 4.5,
    });
    expect(await store.recentHandlingMs(1)).toBe(1000);
  });

  it('pages events, acks a message once, keeps read marks from going back', async () => {
    const { store } = await suite.open(engine, 'events');
    const visitor = await store.createVisitor('token-c', 'en');
    const other = await store.createVisitor('token-d', 'en');
    const { id } = await store.createConversation(visitor.id, undefined);
    const inputs = ['one', 'two', 'three', 'four', 'five'].map((text) => textMessage(id, text));
    for (const input of inputs) await store.append(id, input.event);
    expect((await store.events(id, 0, 3)).map((event) => event.seq)).toEqual([1, 2, 3]);
    expect((await store.events(id, 3, 10)).map((event) => event.seq)).toEqual([4, 5]);
    expect((await store.eventsBefore(id, 5, 2)).map((event) => event.seq)).toEqual([4, 3]);
    expect((await store.events(id, 0, 1))[0]).toEqual({
      ...inputs[0]?.event,
      conversationId: id,
      seq: 1,
      at: '2023-11-14T22:13:20.000Z',
    });

    const input = textMessage(id, 'six');
    const { event, ack } = await store.storeMessage(input);
    expect(ack).toEqual({
      conversation_id: id,
      client_id: input.clientId,
      content_hash: input.contentHash,
      message_id: input.event.id,
      seq: 6,
      at: 1_700_000_000_000,
    });
    expect(event.seq).toBe(6);
    expect(await store.ackIn(id, input.clientId)).toEqual(ack);
    expect(await store.ackOf(visitor.id, input.clientId)).toEqual(ack);
    expect(await store.ackOf(other.id, input.clientId)).toBeUndefined();
    await expect(store.storeMessage(input)).rejects.toThrow();
    expect((await store.conversation(id))?.last_seq).toBe(6);
    expect(await contents(store, id)).toHaveLength(6);

    await store.setReadSeq(id, 'visitor', 4);
    await store.setReadSeq(id, 'visitor', 2);
    await store.setReadSeq(id, 'agent', 6);
    expect(await store.conversation(id)).toMatchObject({ visitor_read_seq: 4, agent_read_seq: 6 });
  });

  it('asks forms, keeps left messages in the inbox, answers one by reply', async () => {
    const { store, clock } = await suite.open(engine, 'forms');
    const julie = await store.createAccount(account('julie', 'Julie'));
    const visitor = await store.createVisitor('token-e', 'fr');
    const { id } = await store.createConversation(visitor.id, undefined);
    await store.storeMessage(textMessage(id, 'Rappelez-moi'));
    const request = { type: 'form.request' as const, formId: 'f1', kind: 'offline' as const, fields: FIELDS };
    expect((await store.requestForm(id, request)).seq).toBe(2);
    const form = await store.formOf(visitor.id, 'f1');
    expect(form).toEqual({ conversationId: id, formId: 'f1', kind: 'offline', fields: FIELDS });
    expect(await store.formOf(visitor.id, 'f2')).toBeUndefined();
    if (!form) return;
    const outcome = {
      status: 'accepted' as const,
      verified: false,
      redactedValues: { email: 'ana@example.com' },
    };
    const result = { type: 'form.result' as const, formId: 'f1', status: 'accepted' as const };
    expect((await store.submitForm(form, outcome, result)).seq).toBe(3);
    const left = clock.tick();
    await store.leaveMessage(id);
    clock.tick();
    await store.leaveMessage(id);
    expect(await store.queued()).toEqual([]);
    expect(await store.inbox()).toEqual([
      {
        id,
        visitor_id: visitor.id,
        topic: null,
        created_at: 1_700_000_000_000,
        left_message_at: left,
        contact_email: 'ana@example.com',
        locale: 'fr',
      },
    ]);
    expect(await store.visitorTexts(id, 10)).toEqual([
      { seq: 1, at: 1_700_000_000_000, text: 'Rappelez-moi' },
    ]);
    await store.backToQueue(id);
    expect(await store.inbox()).toEqual([]);
    expect((await store.queued()).map((row) => [row.id, row.contact_email])).toEqual([
      [id, 'ana@example.com'],
    ]);
    await store.leaveMessage(id);
    const answer = textMessage(id, 'Voici votre facture', {
      role: 'agent',
      id: julie.id,
      firstName: 'Julie',
    });
    const replied = await store.reply(answer, ENDED);
    expect([replied.event.seq, replied.ack.seq, replied.ended.seq]).toEqual([4, 4, 5]);
    expect(await store.conversation(id)).toMatchObject({ status: 'ended', ended_at: clock.now() });
    expect(await store.inbox()).toEqual([]);
  });

  it('keeps accounts, their topics and their sessions', async () => {
    const { store, clock } = await suite.open(engine, 'accounts');
    const julie = await store.createAccount(account('julie', 'Julie', ['Billing', 'Accounts']));
    await store.createAccount(account('emile', 'Émile'));
    await store.createAccount(account('ana', 'ana'));
    await store.createAccount(account('marc', 'Marc'));
    expect(await store.accountByLogin('JULIE')).toEqual({ ...julie, password_hash: 'hash-of-julie' });
    expect(await store.accountByLogin('nobody')).toBeUndefined();
    expect((await store.accounts()).map((row) => row.first_name)).toEqual(['Julie', 'Marc', 'ana', 'Émile']);
    expect(await store.agent(julie.id)).toEqual(julie);
    expect(await store.agent('nobody')).toBeUndefined();
    expect(await store.agentTopics(julie.id)).toEqual(['Accounts', 'Billing']);
    await store.setAgentTopics(julie.id, ['Technical', 'Billing', 'Billing']);
    expect(await store.agentTopics(julie.id)).toEqual(['Billing', 'Technical']);
    await store.setAgentTopics(julie.id, []);
    expect(await store.agentTopics(julie.id)).toEqual([]);
    await store.createSession('session-1', julie.id, clock.now() + 1000);
    expect(await store.agentBySession('session-1')).toEqual(julie);
    clock.tick(2000);
    expect(await store.agentBySession('session-1')).toBeUndefined();
    await store.createSession('session-2', julie.id, clock.now() + 1000);
    expect(await store.agentBySession('session-2')).toEqual(julie);
    await store.endSession('session-2');
    expect(await store.agentBySession('session-2')).toBeUndefined();
  });
});

describe('SQLite and Postgres', () => {
  it('answered every call of every test alike', () => suite.expectAlike());
});
