/**
 * Visitors on Postgres: their sessions, who they were identified as, where they are, the pre-chat answers
 * kept with them, and their erasure (everything of theirs, search entries included, by the foreign keys'
 * cascades).
 */
import type { FormField } from '@clavard/protocol';
import type { PrechatAnswers } from '../prechat-store.js';
import { contextFromRow } from '../row-mappers.js';
import type { ConversationRow, VisitorRow } from '../rows.js';
import type { Async, StoreOperations } from '../store-types.js';
import { all, CONVERSATION, jsonText, one } from './sql.js';
import type { PostgresDeps } from './transactions.js';

/**
 * The operations of this file, each answering with a promise.
 *
 * @example
 * ```ts
 * const visitors: VisitorOperations = visitorOperations(deps);
 * ```
 */
export type VisitorOperations = Async<
  Pick<
    StoreOperations,
    | 'createVisitor'
    | 'visitorByTokenHash'
    | 'visitor'
    | 'identify'
    | 'identityOf'
    | 'touchVisitor'
    | 'setVisitorContext'
    | 'visitorContext'
    | 'endVisitorSession'
    | 'forgetVisitor'
    | 'prechatAnswers'
    | 'setPrechatAnswers'
    | 'carryPrechat'
  >
>;

/** A visitor's row: made, found, seen, its session ended, erased. */
function visitorRecords(deps: PostgresDeps) {
  const { tx, now } = deps;
  const query = tx.query;
  return {
    async createVisitor(tokenHash, locale) {
      const row: VisitorRow = { id: deps.createId(), locale, created_at: now() };
      await query(
        'INSERT INTO visitors (id, token_hash, locale, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)',
        [row.id, tokenHash, locale, row.created_at, row.created_at],
      );
      return row;
    },
    visitorByTokenHash: (tokenHash) =>
      one<VisitorRow>(query, 'SELECT id, locale, created_at FROM visitors WHERE token_hash = $1', [
        tokenHash,
      ]),
    visitor: (visitorId) =>
      one<VisitorRow>(query, 'SELECT id, locale, created_at FROM visitors WHERE id = $1', [visitorId]),
    async touchVisitor(visitorId) {
      await query('UPDATE visitors SET last_seen_at = $1 WHERE id = $2', [now(), visitorId]);
    },
    async endVisitorSession(visitorId) {
      await query('UPDATE visitors SET token_hash = NULL WHERE id = $1', [visitorId]);
    },
    // The visitor's row goes, and with it (ON DELETE CASCADE) their identity, conversations, events, acks,
    // forms, answers, transfers, consents, ratings and search entries. Unlike SQLite's, which folds its
    // log into a zeroed file, the erased rows stay on disk as dead tuples until (auto)vacuum reclaims them.
    forgetVisitor: (visitorId) =>
      tx.atomically(async () => {
        const held = await all<ConversationRow>(
          query,
          `SELECT ${CONVERSATION} FROM conversations WHERE visitor_id = $1 AND agent_id IS NOT NULL ORDER BY created_at, arrival FOR UPDATE`,
          [visitorId],
        );
        await query('DELETE FROM visitors WHERE id = $1', [visitorId]);
        return held;
      }),
  } satisfies Partial<VisitorOperations>;
}

/** Who the visitor is and where: their identity, their page and time zone. */
function visitorDetails(deps: PostgresDeps) {
  const { tx, now } = deps;
  const query = tx.query;
  return {
    async identify(visitorId, identity) {
      await query(
        `INSERT INTO identities (visitor_id, user_id, name, email, at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (visitor_id) DO UPDATE
         SET user_id = EXCLUDED.user_id, name = EXCLUDED.name, email = EXCLUDED.email, at = EXCLUDED.at`,
        [visitorId, identity.userId, identity.name ?? null, identity.email ?? null, now()],
      );
    },
    async identityOf(visitorId) {
      const row = await one<{ user_id: string; name: string | null; email: string | null }>(
        query,
        'SELECT user_id, name, email FROM identities WHERE visitor_id = $1',
        [visitorId],
      );
      if (!row) return undefined;
      return {
        userId: row.user_id,
        ...(row.name === null ? {} : { name: row.name }),
        ...(row.email === null ? {} : { email: row.email }),
      };
    },
    async setVisitorContext(visitorId, context) {
      await query('UPDATE visitors SET page_url = $1, page_title = $2, time_zone = $3 WHERE id = $4', [
        context.page?.url ?? null,
        context.page?.title ?? null,
        context.timeZone ?? null,
        visitorId,
      ]);
    },
    async visitorContext(visitorId) {
      const row = await one<{ page_url: string | null; page_title: string | null; time_zone: string | null }>(
        query,
        'SELECT page_url, page_title, time_zone FROM visitors WHERE id = $1',
        [visitorId],
      );
      return row ? contextFromRow(row) : {};
    },
  } satisfies Partial<VisitorOperations>;
}

/** The pre-chat answers kept with the visitor, and their copy in a conversation. */
function prechatKept(deps: PostgresDeps) {
  const { tx, now } = deps;
  const query = tx.query;
  return {
    async prechatAnswers(visitorId) {
      const row = await one<{ prechat_answers: string | null }>(
        query,
        'SELECT prechat_answers FROM visitors WHERE id = $1',
        [visitorId],
      );
      const stored = row?.prechat_answers;
      return stored === null || stored === undefined ? undefined : (JSON.parse(stored) as PrechatAnswers);
    },
    async setPrechatAnswers(visitorId, answers) {
      await query('UPDATE visitors SET prechat_answers = $1 WHERE id = $2', [jsonText(answers), visitorId]);
    },
    carryPrechat: (conversationId, formId, fields: readonly FormField[], answers) =>
      tx.atomically(async () => {
        await query(
          `INSERT INTO forms (conversation_id, form_id, kind, fields) VALUES ($1, $2, 'prechat', $3)
           ON CONFLICT (conversation_id, form_id) DO NOTHING`,
          [conversationId, formId, jsonText(fields)],
        );
        await query(
          `INSERT INTO form_submissions (conversation_id, form_id, status, verified, redacted_values, at)
           VALUES ($1, $2, 'accepted', NULL, $3, $4)`,
          [conversationId, formId, jsonText(answers), now()],
        );
      }),
  } satisfies Partial<VisitorOperations>;
}

/**
 * Visitors, see the file's comment.
 *
 * @example
 * ```ts
 * const visitors = visitorOperations(deps);
 * const visitor = await visitors.createVisitor(hashToken(token), 'fr');
 * ```
 */
export function visitorOperations(deps: PostgresDeps): VisitorOperations {
  return { ...visitorRecords(deps), ...visitorDetails(deps), ...prechatKept(deps) };
}
