import type { FormField, FormSubmit, PrechatForm } from '@clavard/protocol';
import { fieldErrors, redactedValues } from './forms.js';
import type { Hub, VisitorConn, VisitorSession } from './hub.js';
import { prechatForm } from './prechat.js';

/** The id of the pre-chat form asked before the first message: one per visitor, as the answers are. */
export const PRECHAT_FIRST_ID = 'prechat';

/** The pre-chat form in the visitor's language, with the id it has when asked first. */
const formFor = async (hub: Hub, visitorId: string): Promise<PrechatForm> => ({
  formId: PRECHAT_FIRST_ID,
  ...prechatForm(hub.options.topics, await hub.visitorLocale(visitorId), hub.options.topicLabels),
});

/**
 * The pre-chat form for the welcome, when the server asks it first (`prechatFirst` and topics) and this
 * visitor is to be asked: not identified (the organisation knows who they are), no topic from the page,
 * no answers kept from an earlier time, no conversation in progress, and somebody available to answer (a
 * visitor who finds nobody leaves a message instead).
 *
 * @example
 * ```ts
 * conn.send({ type: 'session.welcome', …, ...(offer ? { prechat: offer } : {}) });
 * ```
 */
export async function prechatOffer(hub: Hub, session: VisitorSession): Promise<PrechatForm | undefined> {
  const { options, store } = hub;
  const { visitorId } = session;
  if (!options.prechatFirst || options.topics.length === 0 || session.topic !== undefined) return undefined;
  const [identity, answers, current] = await Promise.all([
    store.identityOf(visitorId),
    store.prechatAnswers(visitorId),
    store.currentConversation(visitorId),
  ]);
  if (identity !== undefined || answers !== undefined) return undefined;
  if (current && current.status !== 'ended') return undefined;
  return hub.availability().online ? formFor(hub, visitorId) : undefined;
}

/** Per-field errors of an answer: the form's own rules, and a topic the organisation has. */
const answerErrors = (hub: Hub, fields: readonly FormField[], values: Readonly<Record<string, string>>) => {
  const errors = fieldErrors(fields, values);
  const topic = values.topic;
  if (
    errors.topic === undefined &&
    topic !== undefined &&
    topic !== '' &&
    !hub.options.topics.includes(topic)
  )
    errors.topic = 'invalid';
  return errors;
};

/**
 * Answers a `form.submit` of the pre-chat form asked first: refused with a message per field, or accepted:
 * the answers are kept with the visitor (the empty ones left out), the topic routes what they write next,
 * and the faces of who is there now follow that topic. An answer again after acceptance (another tab, a
 * resend) is accepted as it is. Returns false for any other form.
 *
 * @example
 * ```ts
 * if (!answerPrechat(hub, conn, session, frame)) answerForm(hub, session, frame);
 * ```
 */
export async function answerPrechat(
  hub: Hub,
  conn: VisitorConn,
  session: VisitorSession,
  frame: FormSubmit,
): Promise<boolean> {
  if (frame.formId !== PRECHAT_FIRST_ID || !hub.options.prechatFirst) return false;
  const result = { type: 'prechat.result', formId: PRECHAT_FIRST_ID } as const;
  if ((await hub.store.prechatAnswers(session.visitorId)) !== undefined) {
    conn.send({ ...result, status: 'accepted' });
    return true;
  }
  const { fields } = await formFor(hub, session.visitorId);
  const errors = answerErrors(hub, fields, frame.values);
  if (Object.keys(errors).length > 0) {
    conn.send({ ...result, status: 'rejected', errors });
    return true;
  }
  await keepAnswers(hub, session, redactedValues(fields, frame.values));
  conn.send({ ...result, status: 'accepted' });
  conn.send({ type: 'availability', ...(await hub.availabilityOf(conn)) });
  return true;
}

/**
 * Keep the visitor's pre-chat answers (asked first or inside a conversation), so that they are not asked
 * again; the topic is this session's from now on.
 *
 * @example
 * ```ts
 * keepAnswers(hub, session, { name: 'Ana', topic: 'Billing' });
 * ```
 */
export async function keepAnswers(
  hub: Hub,
  session: VisitorSession,
  values: Readonly<Record<string, string>>,
): Promise<void> {
  const answers = Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));
  await hub.store.setPrechatAnswers(session.visitorId, answers);
  const topic = answers.topic;
  if (topic !== undefined && hub.options.topics.includes(topic)) session.topic = topic;
}

/**
 * The topic a new conversation of the visitor starts with: the page's or the one answered, if the
 * organisation has it.
 *
 * @example
 * ```ts
 * await hub.store.createConversation(visitorId, await startingTopic(hub, session));
 * ```
 */
export async function startingTopic(hub: Hub, session: VisitorSession): Promise<string | undefined> {
  // Without topics none is valid: no read of the visitor's answers on every hello.
  if (hub.options.topics.length === 0) return undefined;
  const topic = session.topic ?? (await hub.store.prechatAnswers(session.visitorId))?.topic;
  return topic !== undefined && hub.options.topics.includes(topic) ? topic : undefined;
}

/**
 * A conversation the visitor just started gets a copy of the answers they gave before it (as its accepted
 * pre-chat form, which its agents see: the name and email given); returns whether there were any.
 *
 * @example
 * ```ts
 * if (created) carryAnswers(hub, conversation.id, session.visitorId);
 * ```
 */
export async function carryAnswers(hub: Hub, conversationId: string, visitorId: string): Promise<boolean> {
  const answers = await hub.store.prechatAnswers(visitorId);
  if (answers === undefined) return false;
  const { fields } = await formFor(hub, visitorId);
  await hub.store.carryPrechat(conversationId, PRECHAT_FIRST_ID, fields, answers);
  return true;
}
