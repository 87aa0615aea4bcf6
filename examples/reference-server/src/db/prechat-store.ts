import type { FormField } from '@clavard/protocol';
import type { Database } from 'better-sqlite3';

/** What a visitor answered in the pre-chat form: the values as given (never a sensitive one). */
export type PrechatAnswers = Readonly<Record<string, string>>;

/**
 * The pre-chat answers kept with the visitor, so that a returning visitor is not asked again; erased with
 * the visitor (`session.forget`). A conversation the visitor starts gets a copy, which is what its agents
 * see (the name and email given, the topic that routed it).
 *
 * @example
 * ```ts
 * store.setPrechatAnswers(visitorId, { name: 'Ana', topic: 'Billing' });
 * store.prechatAnswers(visitorId); // { name: 'Ana', topic: 'Billing' }
 * ```
 */
export interface PrechatStore {
  /** The visitor's kept answers, if they gave any. */
  prechatAnswers(visitorId: string): PrechatAnswers | undefined;
  /** Keep (replace) the visitor's answers. */
  setPrechatAnswers(visitorId: string, answers: PrechatAnswers): void;
  /**
   * Record the answers in a conversation as its accepted pre-chat form `formId` (its fields and the
   * answers), without an event: the visitor answered before the conversation began.
   */
  carryPrechat(
    conversationId: string,
    formId: string,
    fields: readonly FormField[],
    answers: PrechatAnswers,
  ): void;
}

/**
 * The {@link PrechatStore} part of the store, over an open database.
 *
 * @example
 * ```ts
 * const prechat = prechatStore(db, Date.now);
 * ```
 */
export function prechatStore(db: Database, now: () => number): PrechatStore {
  const q = {
    answers: db.prepare<[string], { prechat_answers: string | null }>(
      'SELECT prechat_answers FROM visitors WHERE id = ?',
    ),
    setAnswers: db.prepare<[string, string], void>('UPDATE visitors SET prechat_answers = ? WHERE id = ?'),
    insertForm: db.prepare<[string, string, string], void>(
      "INSERT OR IGNORE INTO forms (conversation_id, form_id, kind, fields) VALUES (?, ?, 'prechat', ?)",
    ),
    insertSubmission: db.prepare<[string, string, string, number], void>(
      "INSERT INTO form_submissions (conversation_id, form_id, status, verified, redacted_values, at) VALUES (?, ?, 'accepted', NULL, ?, ?)",
    ),
  };
  const carry = db.transaction(
    (conversationId: string, formId: string, fields: readonly FormField[], answers: PrechatAnswers) => {
      q.insertForm.run(conversationId, formId, JSON.stringify(fields));
      q.insertSubmission.run(conversationId, formId, JSON.stringify(answers), now());
    },
  );
  return {
    prechatAnswers(visitorId) {
      const stored = q.answers.get(visitorId)?.prechat_answers;
      return stored === null || stored === undefined ? undefined : (JSON.parse(stored) as PrechatAnswers);
    },
    setPrechatAnswers: (visitorId, answers) => void q.setAnswers.run(JSON.stringify(answers), visitorId),
    carryPrechat: (conversationId, formId, fields, answers) => carry(conversationId, formId, fields, answers),
  };
}
