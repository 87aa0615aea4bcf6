import type { ReferenceServer } from '@clavard/reference-server';
import { afterEach, describe, expect, it } from 'vitest';
import { teamReport } from '../src/chat/report.js';
import { ftsQuery } from '../src/db/archive-store.js';
import { agent, type Received, startTestServer, type TestClient, visitor } from './support/clients.js';

let server: ReferenceServer;
afterEach(() => server.close());

/** A conversation from the first message to its end, Julie answering; resolves with its id. */
const conversation = async (
  julie: TestClient,
  v: TestClient,
  text: string,
  prechat?: { name: string; email: string },
) => {
  v.send({ type: 'message.send', clientId: `m-${text}`, text });
  const { conversationId } = await v.next('message.ack', (f) => f.clientId === `m-${text}`);
  if (prechat) {
    // Routing by topic is off: the name and email come the way a pre-chat form's would, as a form result.
    julie.send({ type: 'agent.take', conversationId });
    await julie.next('agent.conversation', (f) => (f.conversation as { id: string }).id === conversationId);
    julie.send({
      type: 'agent.form',
      conversationId,
      kind: 'prechat',
      fields: [
        { name: 'name', type: 'text', label: 'Name' },
        { name: 'email', type: 'email', label: 'Email' },
      ],
    });
    const request = await v.next('form.request');
    v.send({ type: 'form.submit', formId: request.formId, values: prechat });
    await v.next('form.result');
  } else {
    julie.send({ type: 'agent.take', conversationId });
    await julie.next('agent.conversation', (f) => (f.conversation as { id: string }).id === conversationId);
  }
  julie.send({ type: 'agent.message', conversationId, clientId: `a-${text}`, text: 'On it.' });
  await julie.next('agent.ack', (f) => f.clientId === `a-${text}`);
  julie.send({ type: 'agent.end', conversationId, closing: 'Bye' });
  await v.next('conversation.ended', (f) => f.conversationId === conversationId);
  return String(conversationId);
};

const searchFor = async (client: TestClient, query: string) => {
  client.send({ type: 'agent.search', query });
  const answer = await client.next('agent.archive', (f) => f.query === query);
  return answer.results as { conversationId: string; snippet?: string; name?: string }[];
};

describe('the archive', () => {
  it('finds ended conversations by words of the messages (accents ignored), by name and by email', async () => {
    server = await startTestServer();
    const julie = await agent(server, 'Julie');
    const ana = await visitor(server);
    const billing = await conversation(julie.client, ana.client, 'Ma facture de mai est erronée', {
      name: 'Ana Tremblay',
      email: 'ana@example.com',
    });
    const ben = await visitor(server);
    const modem = await conversation(julie.client, ben.client, 'My modem blinks orange');

    const marc = await agent(server, 'Marc');
    expect((await searchFor(marc.client, 'factures erronee')).map((r) => r.conversationId)).toEqual([]);
    expect((await searchFor(marc.client, 'facture erronee')).map((r) => r.conversationId)).toEqual([billing]);
    expect(await searchFor(marc.client, 'tremblay')).toEqual([
      expect.objectContaining({ conversationId: billing, name: 'Ana Tremblay' }),
    ]);
    expect((await searchFor(marc.client, 'ana@example')).map((r) => r.conversationId)).toEqual([billing]);
    expect((await searchFor(marc.client, 'mod')).map((r) => r.conversationId)).toEqual([modem]);
    // Blank: the newest first.
    expect((await searchFor(marc.client, '')).map((r) => r.conversationId)).toEqual([modem, billing]);

    // Any agent opens an ended one read-only, with its transcript.
    marc.client.send({ type: 'agent.open', conversationId: billing });
    const opened = (await marc.client.next('agent.conversation')).conversation as Received;
    expect(opened).toMatchObject({ id: billing, status: 'ended' });
    expect(JSON.stringify(opened.events)).toContain('Ma facture de mai est erronée');
  });

  it('keeps a conversation under way to its agent, and forgets an erased one', async () => {
    server = await startTestServer();
    const julie = await agent(server, 'Julie');
    const marc = await agent(server, 'Marc');
    const v = await visitor(server);
    const ended = await conversation(julie.client, v.client, 'Please erase me later');
    v.client.send({ type: 'message.send', clientId: 'live', text: 'A new question' });
    const { conversationId: live } = await v.client.next('message.ack', (f) => f.clientId === 'live');
    julie.client.send({ type: 'agent.take', conversationId: live });
    marc.client.send({ type: 'agent.open', conversationId: live });
    expect(await marc.client.next('error')).toMatchObject({ code: 'forbidden' });

    v.client.send({ type: 'session.forget' });
    await v.client.next('session.ended');
    expect(await searchFor(marc.client, 'erase')).toEqual([]);
    marc.client.send({ type: 'agent.open', conversationId: ended });
    expect(await marc.client.next('error', (f) => f.code === 'not-found')).toBeDefined();
  });

  it("lists the visitor's earlier conversations beside the new one", async () => {
    server = await startTestServer();
    const julie = await agent(server, 'Julie');
    const v = await visitor(server);
    const first = await conversation(julie.client, v.client, 'First question');
    v.client.send({ type: 'message.send', clientId: 'second', text: 'Second question' });
    const { conversationId } = await v.client.next('message.ack', (f) => f.clientId === 'second');
    julie.client.send({ type: 'agent.take', conversationId });
    const view = (
      await julie.client.next(
        'agent.conversation',
        (f) => (f.conversation as { id: string }).id === conversationId,
      )
    ).conversation as Received;
    expect(view.earlier).toEqual([
      expect.objectContaining({ conversationId: first, snippet: 'First question', agent: 'Julie' }),
    ]);
  });

  it('gives admins the team report, and nobody else', async () => {
    server = await startTestServer();
    await server.addAgent({ login: 'ada', firstName: 'Ada', password: 'test-password', role: 'admin' });
    const julie = await agent(server, 'Julie');
    const v = await visitor(server);
    await conversation(julie.client, v.client, 'Report me');
    julie.client.send({ type: 'agent.report', days: 7 });
    expect(await julie.client.next('error')).toMatchObject({ code: 'forbidden' });

    const ada = await agent(server, 'Ada');
    ada.client.send({ type: 'agent.report', days: 7 });
    const report = await ada.client.next('agent.report');
    expect(report.lines).toEqual([
      expect.objectContaining({ firstName: 'Julie', conversations: 1, surveyed: 0 }),
    ]);
  });
});

describe('the team report', () => {
  const row = (over: Partial<Parameters<typeof teamReport>[0][number]>) => ({
    agent_id: 'a1',
    first_name: 'Julie',
    created_at: Date.parse('2026-12-04T14:00:00Z'),
    answered_at: Date.parse('2026-12-04T14:01:00Z'),
    ended_at: Date.parse('2026-12-04T14:11:00Z'),
    first_response_at: Date.parse('2026-12-04T14:01:30Z'),
    solved: null,
    score: null,
    transferred: 0,
    posted_at: null,
    handoff_opened_at: null,
    ...over,
  });

  it('counts per agent and per day in the time zone: averages, first-contact resolution, ratings', () => {
    const lines = teamReport(
      [
        row({ solved: 1, score: 5 }),
        row({ solved: 1, score: 3, transferred: 1, first_response_at: Date.parse('2026-12-04T14:03:30Z') }),
        // 01:00 UTC on the 5th is still the 4th in Toronto.
        row({ ended_at: Date.parse('2026-12-05T01:00:00Z'), solved: 0 }),
        row({ agent_id: 'a2', first_name: 'Marc' }),
      ],
      'America/Toronto',
    );
    expect(lines).toEqual([
      {
        day: '2026-12-04',
        agentId: 'a1',
        firstName: 'Julie',
        conversations: 3,
        firstResponseMs: (90_000 + 210_000 + 90_000) / 3,
        handlingMs:
          (600_000 + 600_000 + Date.parse('2026-12-05T01:00:00Z') - Date.parse('2026-12-04T14:01:00Z')) / 3,
        surveyed: 3,
        firstContact: 1,
        rated: 2,
        rating: 4,
        handoffs: 0,
        postToChatMs: null,
        postToResolvedMs: null,
      },
      expect.objectContaining({ day: '2026-12-04', firstName: 'Marc', conversations: 1, rating: null }),
    ]);
  });

  it('measures the conversations handed over from public posts: post to chat, post to resolved', () => {
    const posted = Date.parse('2026-12-04T12:00:00Z');
    const [line] = teamReport(
      [
        row({ posted_at: posted, handoff_opened_at: Date.parse('2026-12-04T13:00:00Z') }),
        row({ posted_at: posted, handoff_opened_at: Date.parse('2026-12-04T13:30:00Z') }),
        row({}),
      ],
      'UTC',
    );
    expect(line).toMatchObject({
      conversations: 3,
      handoffs: 2,
      postToChatMs: (3_600_000 + 5_400_000) / 2,
      postToResolvedMs: Date.parse('2026-12-04T14:11:00Z') - posted,
    });
  });

  it('quotes every word of a search, so nothing the agent types is an FTS operator', () => {
    expect(ftsQuery('facture "mai OR NOT*')).toBe('"facture"* "mai"* "OR"* "NOT"*');
    expect(ftsQuery('  ')).toBe('');
  });
});

describe('accounts from the console', () => {
  it('lets an admin list and create accounts, which then sign in, and nobody else', async () => {
    server = await startTestServer();
    await server.addAgent({ login: 'ada', firstName: 'Ada', password: 'test-password', role: 'admin' });
    const ada = await agent(server, 'Ada');
    ada.client.send({
      type: 'agent.accounts',
      create: { login: 'Zoe', firstName: 'Zoé', role: 'agent', password: 'a long passphrase' },
    });
    const answer = await ada.client.next('agent.accounts');
    expect(answer).toMatchObject({ created: 'zoe' });
    expect(answer.accounts).toEqual([
      expect.objectContaining({ login: 'ada', role: 'admin' }),
      expect.objectContaining({ login: 'zoe', firstName: 'Zoé', role: 'agent' }),
    ]);
    expect(JSON.stringify(answer)).not.toContain('passphrase');
    const signIn = await fetch(`${server.url}/agent/login`, {
      method: 'POST',
      body: JSON.stringify({ login: 'zoe', password: 'a long passphrase' }),
    });
    expect(signIn.status).toBe(201);

    ada.client.send({
      type: 'agent.accounts',
      create: { login: 'zoe', firstName: 'Z', role: 'agent', password: 'short' },
    });
    expect(await ada.client.next('error')).toMatchObject({
      code: 'invalid-frame',
      message: expect.stringContaining('password'),
    });
    const julie = await agent(server, 'Julie');
    julie.client.send({ type: 'agent.accounts' });
    expect(await julie.client.next('error')).toMatchObject({ code: 'forbidden' });
  });
});
