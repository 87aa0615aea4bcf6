// The archive's search and a visitor's erasure, the same test bodies on SQLite and Postgres (see
// postgres-store.test.ts), then what Postgres keeps of an erased visitor: nothing, in any table.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/db/postgres/store.js';
import type { Store } from '../src/db/store.js';
import { testPool, throwawayDatabase } from './support/postgres.js';
import {
  account,
  agentEvent,
  droppedOnly,
  ENDED,
  ENGINES,
  engineSuite,
  FIELDS,
  textMessage,
} from './support/store-engines.js';

const suite = engineSuite();

describe.each(ENGINES)('the archive on $name', (engine) => {
  it('finds ended conversations by word, by prefix and by the name given', async () => {
    const { store, clock } = await suite.open(engine, 'archive');
    const julie = await store.createAccount(account('julie', 'Julie'));
    const visitor = await store.createVisitor('token-h', 'fr');
    const conversation = async (text: string, end: boolean, name?: string) => {
      clock.tick();
      const { id } = await store.createConversation(visitor.id, undefined);
      if (name) await store.carryPrechat(id, 'prechat', FIELDS, { name });
      await store.storeMessage(textMessage(id, text));
      await store.assign(id, julie.id, agentEvent('agent.joined', julie.id));
      if (end) await store.end(id, ENDED);
      return id;
    };
    const invoice = await conversation('Ma facture de mai est fausse', true);
    const delivery = await conversation('Problème de livraison', true, 'Béatrice');
    await conversation('Une autre facture', false);
    const ids = async (query: string) => (await store.archive(query, 10)).map((row) => row.id);
    expect(await ids('facture')).toEqual([invoice]);
    expect(await ids('FACT')).toEqual([invoice]);
    expect(await ids('factu mai')).toEqual([invoice]);
    expect(await ids('facture livraison')).toEqual([]);
    expect(await ids('livr')).toEqual([delivery]);
    expect(await ids('béatrice')).toEqual([delivery]);
    expect(await ids('  ')).toEqual([delivery, invoice]);
    const [found] = await store.archive('facture', 10);
    expect(found).toMatchObject({ agent_first_name: 'Julie', name: null, score: null, solved: null });
    expect(found?.snippet).toContain('facture de mai');
    expect((await store.archive('', 10))[0]).toMatchObject({
      name: 'Béatrice',
      snippet: 'Problème de livraison',
    });
    expect((await store.earlierOf(delivery, 10)).map((row) => row.id)).toEqual([invoice]);
  });

  it('folds case and diacritics, reads an address as words, and cuts snippets as SQLite does', async () => {
    const { store, clock } = await suite.open(engine, 'archive words');
    const visitor = await store.createVisitor('token-w', 'fr');
    const ended = async (...texts: string[]) => {
      clock.tick();
      const { id } = await store.createConversation(visitor.id, undefined);
      for (const text of texts) await store.storeMessage(textMessage(id, text));
      await store.end(id, ENDED);
      return id;
    };
    const wrong = await ended('Bonjour', 'Facture ERRONÉE : écrivez à ana@example.com');
    const counted = await ended(
      'un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize facture dix-sept dix-huit dix-neuf vingt vingt-et-un vingt-deux.',
    );
    const sentences = await ended(
      'Bonjour. Je vous écris parce que ma facture de mai est fausse et je voudrais que vous la corrigiez vite',
    );
    const found = async (query: string) =>
      (await store.archive(query, 10)).map((row) => [row.id, row.snippet]);
    expect(await found('erronee')).toEqual([[wrong, 'Facture ERRONÉE : écrivez à ana@example.com']]);
    expect(await found('ÉCRIV example')).toEqual([[wrong, 'Facture ERRONÉE : écrivez à ana@example.com']]);
    expect(await found('facture')).toEqual([
      [sentences, '…Je vous écris parce que ma facture de mai est fausse et…'],
      [counted, '…douze treize quatorze quinze seize facture dix-sept dix-huit dix-neuf…'],
      [wrong, 'Facture ERRONÉE : écrivez à ana@example.com'],
    ]);
    expect(await found('corrigiez')).toEqual([
      [sentences, '…de mai est fausse et je voudrais que vous la corrigiez vite'],
    ]);
    expect(await found('vingt deux')).toEqual([
      [counted, '…dix-sept dix-huit dix-neuf vingt vingt-et-un vingt-deux.'],
    ]);
  });

  it('forgets a visitor and everything of theirs, and tells whose conversations agents held', async () => {
    const { store } = await suite.open(engine, 'forget');
    const julie = await store.createAccount(account('julie', 'Julie'));
    const visitor = await store.createVisitor('token-i', 'fr');
    const other = await store.createVisitor('token-j', 'fr');
    const { id } = await store.createConversation(visitor.id, undefined);
    const kept = (await store.createConversation(other.id, undefined)).id;
    await store.identify(visitor.id, { userId: 'u9', name: 'Zoé' });
    await store.recordConsent(id, { at: '2023-11-14T22:13:20.000Z', version: 'v1' });
    const input = textMessage(id, 'motdepasse oublié');
    await store.storeMessage(input);
    await store.storeMessage(textMessage(kept, 'motdepasse aussi'));
    await store.assign(id, julie.id, agentEvent('agent.joined', julie.id));
    await store.end(id, ENDED);
    await store.rate(id, { score: 3 });
    await store.end(kept, ENDED);
    const before = await store.conversation(id);
    expect(await store.forgetVisitor(visitor.id)).toEqual([before]);
    expect(await store.visitor(visitor.id)).toBeUndefined();
    expect(await store.conversation(id)).toBeUndefined();
    expect(await store.currentConversation(visitor.id)).toBeUndefined();
    expect(await store.events(id, 0, 10)).toEqual([]);
    expect(await store.ackOf(visitor.id, input.clientId)).toBeUndefined();
    expect(await store.identityOf(visitor.id)).toBeUndefined();
    expect(await store.consentOf(id)).toBeUndefined();
    expect(await store.ratingOf(id)).toBeUndefined();
    expect((await store.archive('motdepasse', 10)).map((row) => row.id)).toEqual([kept]);
    expect((await store.archive('', 10)).map((row) => row.id)).toEqual([kept]);
    expect(await store.forgetVisitor(visitor.id)).toEqual([]);
  });
});

describe('SQLite and Postgres', () => {
  it('answered every call of every test alike', () => suite.expectAlike());
});

describe('Postgres, row by row', () => {
  let store: Store;
  let raw: pg.Pool;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const database = await throwawayDatabase();
    drop = database.drop;
    store = await openPostgresStore({ url: database.url, onConnectionError: droppedOnly });
    raw = testPool(database.url);
  });

  afterAll(async () => {
    await Promise.all([store?.close(), raw?.end()]);
    await drop?.();
  });

  /** Table → how many of its rows name one of `ids`, in the column that names a visitor or a conversation. */
  const rowsNaming = async (ids: string[]): Promise<Record<string, number>> => {
    const columns: Record<string, string> = {
      visitors: 'id',
      identities: 'visitor_id',
      conversations: 'id',
      events: 'conversation_id',
      acks: 'conversation_id',
      forms: 'conversation_id',
      form_submissions: 'conversation_id',
      transfers: 'conversation_id',
      consents: 'conversation_id',
      ratings: 'conversation_id',
      messages_search: 'conversation_id',
    };
    const counts: Record<string, number> = {};
    for (const [table, column] of Object.entries(columns)) {
      const { rows } = await raw.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${table} WHERE ${column} = ANY($1)`,
        [ids],
      );
      counts[table] = Number(rows[0]?.n);
    }
    return counts;
  };

  it('leaves no row of a forgotten visitor in any table, search entries included', async () => {
    const julie = await store.createAccount(account('julie', 'Julie'));
    const marc = await store.createAccount(account('marc', 'Marc'));
    const visitor = await store.createVisitor('token-forget', 'fr');
    await store.identify(visitor.id, { userId: 'u1', email: 'zoe@example.com' });
    const { id } = await store.createConversation(visitor.id, undefined);
    await store.recordConsent(id, { at: '2023-11-14T22:13:20.000Z', version: 'v1' });
    await store.carryPrechat(id, 'prechat', FIELDS, { name: 'Zoé' });
    await store.storeMessage(textMessage(id, 'Mon numéro de carte est 4111'));
    await store.assign(id, julie.id, agentEvent('agent.joined', julie.id));
    await store.transfer(
      id,
      { from: julie.id, to: marc.id, note: 'carte' },
      agentEvent('agent.transferred', marc.id),
    );
    await store.end(id, ENDED);
    await store.rate(id, { score: 2 });
    const before = await rowsNaming([visitor.id, id]);
    expect(Object.values(before).every((n) => n > 0)).toBe(true);
    await store.forgetVisitor(visitor.id);
    expect(Object.values(await rowsNaming([visitor.id, id])).every((n) => n === 0)).toBe(true);
  });

  it('keeps a NUL character as U+FFFD, so that the queue stays readable', async () => {
    const visitor = await store.createVisitor('token-nul', 'fr');
    const { id } = await store.createConversation(visitor.id, undefined);
    await store.carryPrechat(id, 'prechat', FIELDS, { name: 'Ana\u0000' });
    const { event } = await store.storeMessage(textMessage(id, 'Allo\u0000?'));
    expect(event).toMatchObject({ content: { text: 'Allo\uFFFD?' } });
    expect(await store.queuedOne(id)).toMatchObject({ preview: 'Allo\uFFFD?', given_name: 'Ana\uFFFD' });
    await store.setVisitorContext(visitor.id, { page: { url: 'https://shop.example/', title: 'A\u0000' } });
    expect(await store.visitorContext(visitor.id)).toEqual({
      page: { url: 'https://shop.example/', title: 'A\uFFFD' },
    });
  });
});
