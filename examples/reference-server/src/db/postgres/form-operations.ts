/**
 * What a visitor answers on Postgres: the forms asked in a conversation and their submissions, the
 * consent that came with the first message, the name and email given in the pre-chat form, the rating.
 */
import type { FormKind } from '@clavard/protocol';
import { formFromRow } from '../row-mappers.js';
import { type Async, givenContact, type StoreOperations } from '../store-types.js';
import { appendIndexed, given, jsonText, one } from './sql.js';
import type { PostgresDeps } from './transactions.js';

/**
 * The operations of this file, each answering with a promise.
 *
 * @example
 * ```ts
 * const forms: FormOperations = formOperations(deps);
 * ```
 */
export type FormOperations = Async<
  Pick<
    StoreOperations,
    'requestForm' | 'formOf' | 'submitForm' | 'rate' | 'recordConsent' | 'consentOf' | 'givenOf' | 'ratingOf'
  >
>;

/** The forms asked in a conversation, their answers, and the name and email given. */
function forms(deps: PostgresDeps) {
  const { tx, now } = deps;
  const query = tx.query;
  return {
    requestForm: (conversationId, event) =>
      tx.atomically(async () => {
        await query(
          `INSERT INTO forms (conversation_id, form_id, kind, fields) VALUES ($1, $2, $3, $4)
           ON CONFLICT (conversation_id, form_id) DO UPDATE SET kind = EXCLUDED.kind, fields = EXCLUDED.fields`,
          [conversationId, event.formId, event.kind, jsonText(event.fields)],
        );
        return appendIndexed(deps, conversationId, event);
      }),
    async formOf(visitorId, formId) {
      const row = await one<{ conversation_id: string; form_id: string; kind: FormKind; fields: string }>(
        query,
        `SELECT f.conversation_id, f.form_id, f.kind, f.fields FROM forms f
         JOIN conversations c ON c.id = f.conversation_id
         WHERE f.form_id = $1 AND c.visitor_id = $2 ORDER BY c.created_at DESC, c.arrival DESC LIMIT 1`,
        [formId, visitorId],
      );
      return row ? formFromRow(row) : undefined;
    },
    submitForm: (form, outcome, event) =>
      tx.atomically(async () => {
        await query(
          `INSERT INTO form_submissions (conversation_id, form_id, status, verified, redacted_values, at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            form.conversationId,
            form.formId,
            outcome.status,
            outcome.verified === undefined ? null : Number(outcome.verified),
            jsonText(outcome.redactedValues),
            now(),
          ],
        );
        return appendIndexed(deps, form.conversationId, event);
      }),
    async givenOf(conversationId) {
      const row = await one<{ name: string | null; email: string | null }>(
        query,
        `SELECT ${given('name', '$1::text')} AS name, ${given('email', '$1::text')} AS email`,
        [conversationId],
      );
      return row ? givenContact(row.name, row.email) : undefined;
    },
  } satisfies Partial<FormOperations>;
}

/** The consent given with the first message, and the rating at the end. */
function consentAndRating(deps: PostgresDeps) {
  const { tx, now } = deps;
  const query = tx.query;
  return {
    async rate(conversationId, rating) {
      await query(
        `INSERT INTO ratings (conversation_id, solved, score, note, at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (conversation_id) DO UPDATE
         SET solved = EXCLUDED.solved, score = EXCLUDED.score, note = EXCLUDED.note, at = EXCLUDED.at`,
        [
          conversationId,
          rating.solved === undefined ? null : Number(rating.solved),
          rating.score ?? null,
          rating.note ?? null,
          now(),
        ],
      );
    },
    async recordConsent(conversationId, consent) {
      await query(
        `INSERT INTO consents (conversation_id, given_at, version, policy_url, received_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (conversation_id) DO NOTHING`,
        [conversationId, consent.at, consent.version, consent.policyUrl ?? null, now()],
      );
    },
    async consentOf(conversationId) {
      const row = await one<{ given_at: string; version: string; policy_url: string | null }>(
        query,
        'SELECT given_at, version, policy_url FROM consents WHERE conversation_id = $1',
        [conversationId],
      );
      if (!row) return undefined;
      return {
        at: row.given_at,
        version: row.version,
        ...(row.policy_url === null ? {} : { policyUrl: row.policy_url }),
      };
    },
    async ratingOf(conversationId) {
      const row = await one<{ solved: number | null; score: number | null; note: string | null }>(
        query,
        'SELECT solved, score, note FROM ratings WHERE conversation_id = $1',
        [conversationId],
      );
      if (!row) return undefined;
      return {
        ...(row.solved === null ? {} : { solved: row.solved === 1 }),
        ...(row.score === null ? {} : { score: row.score as 1 | 2 | 3 | 4 | 5 }),
        ...(row.note === null ? {} : { note: row.note }),
      };
    },
  } satisfies Partial<FormOperations>;
}

/**
 * Forms, consents and ratings, see the file's comment.
 *
 * @example
 * ```ts
 * const forms = formOperations(deps);
 * const form = await forms.formOf(visitorId, formId);
 * ```
 */
export function formOperations(deps: PostgresDeps): FormOperations {
  return { ...forms(deps), ...consentAndRating(deps) };
}
