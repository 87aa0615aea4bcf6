import type { ConsoleConversation, ConsoleModel } from '../console-model.js';
import { useI18n } from '../i18n/translator.js';
import { identityStatus } from '../verification.js';
import { formatWhen } from '../when.js';
import { HandoffCase } from './HandoffCase.js';
import { PhraseLibrary } from './PhraseLibrary.js';
import { TransferControl } from './TransferControl.js';
import { VerifyControl } from './VerifyControl.js';

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', fr: 'Français' };

/** The visitor's language as a name (`fr-CA` → `Français (fr-CA)`). */
const languageOf = (locale: string | undefined): string | undefined => {
  if (locale === undefined) return undefined;
  const name = LANGUAGE_NAMES[locale.split('-')[0]?.toLowerCase() ?? ''];
  return name === undefined ? locale : `${name} (${locale})`;
};

/** The visitor's local time now, or undefined for a time zone this browser does not know. */
const localTime = (now: number, timeZone: string | undefined, locale: string): string | undefined => {
  if (timeZone === undefined) return undefined;
  try {
    return `${new Date(now).toLocaleTimeString(locale, { timeZone, hour: '2-digit', minute: '2-digit' })} (${timeZone})`;
  } catch {
    return undefined;
  }
};

/** The page the visitor is on: a link that opens beside the console (http and https only). */
function VisitorPage({ page }: { page: NonNullable<ConsoleConversation['page']> }) {
  const label = page.title ?? page.url;
  if (!/^https?:\/\//i.test(page.url)) return <>{label}</>;
  return (
    <a href={page.url} target="_blank" rel="noopener noreferrer" title={page.url}>
      {label}
    </a>
  );
}

/** Who the visitor is, as far as the organisation and the visitor said, with one identity label. */
function VisitorDetails({ conversation, now }: { conversation: ConsoleConversation; now: number }) {
  const { t, locale } = useI18n();
  const { visitor, given, consent } = conversation;
  const name = visitor?.name ?? given?.name;
  const email = visitor?.email ?? given?.email;
  const status = identityStatus(conversation);
  /** Term, value, and a data attribute naming the value for styles and tests. */
  const rows: [string, string, Record<string, string>?][] = [];
  if (visitor) rows.push([t('context.customer'), visitor.userId]);
  if (name) rows.push([t('context.name'), name]);
  if (email) rows.push([t('context.email'), email]);
  rows.push([t('identity.label'), t(status), { 'data-identity': status }]);
  const language = languageOf(conversation.locale);
  if (language) rows.push([t('context.language'), language]);
  const time = localTime(now, conversation.timeZone, locale);
  if (time) rows.push([t('context.localTime'), time]);
  if (conversation.topic) rows.push([t('context.topic'), conversation.topic]);
  const format = (at: string) => formatWhen(at, locale);
  rows.push([t('context.started'), format(conversation.createdAt)]);
  if (consent) {
    const when = format(consent.at);
    rows.push([
      t('context.consent'),
      t('context.consentValue', { when, version: consent.version }),
      { 'data-consent': '' },
    ]);
  }
  return (
    <section class="visitor-details" aria-labelledby="visitor-heading">
      <h2 id="visitor-heading">{name ?? t('context.anonymous')}</h2>
      <dl>
        {conversation.page ? (
          <div>
            <dt>{t('context.page')}</dt>
            <dd data-page="">
              <VisitorPage page={conversation.page} />
            </dd>
          </div>
        ) : null}
        {rows.map(([term, value, data]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd {...data}>{value}</dd>
          </div>
        ))}
      </dl>
      {!visitor && given ? <p class="muted">{t('context.givenNote')}</p> : null}
    </section>
  );
}

/** The visitor's earlier conversations, each opening read-only. */
function EarlierConversations({
  model,
  conversation,
}: {
  model: ConsoleModel;
  conversation: ConsoleConversation;
}) {
  const { t, locale } = useI18n();
  if (conversation.earlier.length === 0) return null;
  return (
    <section class="earlier" aria-labelledby="earlier-heading">
      <h2 id="earlier-heading">{t('context.earlier')}</h2>
      <ul>
        {conversation.earlier.map((entry) => {
          const when = new Date(entry.createdAt).toLocaleDateString(locale, { dateStyle: 'medium' });
          return (
            <li key={entry.conversationId}>
              <button
                type="button"
                class="conversation-link archived"
                aria-label={t('context.open', { when })}
                onClick={() => model.open(entry.conversationId)}
              >
                <span class="muted">
                  {when}
                  {entry.agent ? ` · ${t('archive.with', { agent: entry.agent })}` : ''}
                </span>
                {entry.snippet ? <span class="preview">{entry.snippet}</span> : null}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * The right column: who the visitor is (identity as one label, language, topic, consent), the public
 * post's case when a handoff link started the conversation, then what the agent can do with their
 * conversation: phrases, identity verification and transfer.
 *
 * @example
 * ```tsx
 * <VisitorContext model={model} conversation={model.selected.value} />
 * ```
 */
export function VisitorContext({
  model,
  conversation,
}: {
  model: ConsoleModel;
  conversation: ConsoleConversation | undefined;
}) {
  const { t } = useI18n();
  if (!conversation) return <p class="muted">{t('context.none')}</p>;
  const open = conversation.mine && conversation.status !== 'ended';
  const me = model.me.value;
  const others = model.agents.value.filter((agent) => agent.id !== me.id);
  return (
    <>
      <VisitorDetails conversation={conversation} now={model.now.value} />
      {conversation.handoff ? <HandoffCase handoff={conversation.handoff} /> : null}
      <EarlierConversations model={model} conversation={conversation} />
      {open ? (
        <>
          <PhraseLibrary phrases={model.phrasesOf(conversation)} agentFirstName={me.firstName} />
          <VerifyControl onVerify={(checks) => model.verify(conversation.id, checks)} />
          <TransferControl
            agents={others}
            onTransfer={(agentId, note) => model.transfer(conversation.id, agentId, note)}
          />
        </>
      ) : null}
    </>
  );
}
