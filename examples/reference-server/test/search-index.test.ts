import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createGroupCommit } from '../src/chat/group-commit.js';
import { openStore, type Store } from '../src/db/store.js';
import { newConversation, visitorMessage } from './support/store-rows.js';

let dir: string;
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const fileStore = (): { store: Store; path: string } => {
  dir = mkdtempSync(join(tmpdir(), 'clavard-search-'));
  const path = join(dir, 'clavard.db');
  store = openStore({ path });
  return { store, path };
};

const message = visitorMessage;
const conversationOf = (opened: Store): Promise<string> => newConversation(opened, undefined, 'fr-CA');

/** Rows in the index, and message events, read by a second connection as another process would. */
const counts = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    const indexed = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM messages_fts').get()?.n;
    const messages = db
      .prepare<[], { n: number }>("SELECT count(*) AS n FROM events WHERE type = 'message'")
      .get()?.n;
    return { indexed, messages };
  } finally {
    db.close();
  }
};

describe('the search index', () => {
  it('indexes a group’s messages once, at its commit, and finds them by their words', async () => {
    const { store: opened, path } = fileStore();
    const ids = [await conversationOf(opened), await conversationOf(opened)];
    await opened.atomically(async () => {
      await opened.atomically(async () => {
        await message(opened, ids[0] ?? '', 'Ma facture de mai est erronée');
      });
      await opened.atomically(async () => {
        await message(opened, ids[1] ?? '', 'Mon colis est en retard');
      });
    });
    await message(opened, ids[0] ?? '', 'Et le remboursement ?');
    for (const id of ids) await opened.end(id, { type: 'conversation.ended', by: 'agent' });
    expect(counts(path)).toEqual({ indexed: 3, messages: 3 });
    expect((await opened.archive('facturé', 10)).map((row) => row.id)).toEqual([ids[0]]);
    expect((await opened.archive('colis', 10)).map((row) => row.id)).toEqual([ids[1]]);
    expect((await opened.archive('remboursement', 10)).map((row) => row.id)).toEqual([ids[0]]);
  });

  it('leaves nothing in the index for a message rolled back, and indexes the one written after it', async () => {
    const { store: opened, path } = fileStore();
    const id = await conversationOf(opened);
    await opened.atomically(async () => {
      await expect(
        opened.atomically(async () => {
          await message(opened, id, 'Annulé avant la fin');
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      await message(opened, id, 'Gardé pour de bon');
    });
    await opened.end(id, { type: 'conversation.ended', by: 'agent' });
    expect(counts(path)).toEqual({ indexed: 1, messages: 1 });
    expect(await opened.archive('annulé', 10)).toEqual([]);
    expect((await opened.archive('gardé', 10)).map((row) => row.id)).toEqual([id]);
  });

  it('takes over a file whose messages a trigger indexed: its entries kept, the trigger gone, new ones indexed by write', async () => {
    const { store: opened, path } = fileStore();
    const id = await conversationOf(opened);
    await opened.close();
    store = undefined;
    // An earlier release (before the schema's steps: user_version 0): a trigger indexed each message under
    // the index's own rowids.
    const old = new Database(path);
    old.pragma('user_version = 0');
    old.exec(`CREATE TRIGGER events_to_fts AFTER INSERT ON events WHEN new.type = 'message'
      BEGIN INSERT INTO messages_fts (text, conversation_id)
        VALUES (json_extract(new.payload, '$.content.text'), new.conversation_id); END;`);
    const insert = old.prepare(
      'INSERT INTO events (conversation_id, seq, type, payload, at) VALUES (?, ?, ?, ?, ?)',
    );
    for (const [seq, text] of ['Première question', 'Deuxième question'].entries()) {
      const payload = JSON.stringify({
        id: `old-${seq}`,
        author: { role: 'visitor' },
        content: { kind: 'text', text },
      });
      insert.run(id, seq + 1, 'message', payload, Date.now());
    }
    old.prepare('UPDATE conversations SET last_seq = 2 WHERE id = ?').run(id);
    old.close();
    const reopened = openStore({ path });
    store = reopened;
    await message(reopened, id, 'Troisième question');
    await reopened.end(id, { type: 'conversation.ended', by: 'agent' });
    expect(counts(path)).toEqual({ indexed: 3, messages: 3 });
    for (const word of ['première', 'deuxième', 'troisième']) {
      expect((await reopened.archive(word, 10)).map((row) => row.id)).toEqual([id]);
    }
  });
});

describe('a group whose transaction SQLite rolled back whole', () => {
  it('writes nothing after it on its own, and leaves nothing of it in the index', async () => {
    const { store: opened, path } = fileStore();
    const ids = [await conversationOf(opened), await conversationOf(opened), await conversationOf(opened)];
    // What a full disk or an I/O error does mid-group: SQLite ends the whole transaction.
    const raw = new Database(path);
    raw.exec(`CREATE TRIGGER disk_full BEFORE INSERT ON events
      WHEN json_extract(new.payload, '$.content.text') = 'Le disque est plein'
      BEGIN SELECT RAISE(ROLLBACK, 'database or disk is full'); END`);
    const commits = createGroupCommit(opened.groups);
    const outcomes = await Promise.allSettled([
      commits.add(async () => {
        await message(opened, ids[0] ?? '', 'Premier message');
      }),
      commits.add(async () => {
        await message(opened, ids[1] ?? '', 'Le disque est plein');
      }),
      commits.add(async () => {
        await message(opened, ids[2] ?? '', 'Troisième message');
      }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(counts(path)).toEqual({ indexed: 0, messages: 0 });
    // The next write is whole again, and indexed alone.
    raw.exec('DROP TRIGGER disk_full');
    raw.close();
    await message(opened, ids[0] ?? '', 'Enfin écrit');
    expect(counts(path)).toEqual({ indexed: 1, messages: 1 });
  });
});
