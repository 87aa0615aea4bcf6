import type { AgentInfo, Availability } from '@clavard/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { agentDisplayName } from '../ui-core/agent-name.js';
import type { Translator } from '../ui-core/i18n.js';
import { Avatar } from './Avatar.js';
import { useWidget } from './context.js';
import { Icon } from './Icon.js';
import { teamOf } from './TeamRow.js';
import { useListeners } from './use-listeners.js';

/** Props of {@link Header}. */
export interface HeaderProps {
  titleId: string;
  onClose: () => void;
}

/**
 * The panel's header: the agent's first name, picture and title once one has joined; before that the
 * organisation's name, logo and availability. The name stays on one line and the subtitle on two (one on a
 * phone in a conversation), cut with an ellipsis when too long, the whole text in `title` (the dialog is
 * named by the whole name). Always an icon button
 * to minimise the panel; while a conversation is open, an "End chat" icon button (named, with a tooltip),
 * which asks for confirmation below the header before it ends the conversation.
 *
 * @example
 * ```tsx
 * <Header titleId="clavard-title" onClose={close} />
 * ```
 */
export function Header({ titleId, onClose }: HeaderProps) {
  const { client, translator, brand } = useWidget();
  const { t } = translator;
  const closeRef = useListeners<HTMLButtonElement>({ click: () => onClose() });
  const [confirming, setConfirming] = useState(false);
  const endRef = useRef<HTMLButtonElement>(null);
  const conversation = client.conversation.value;
  const endable = conversation !== undefined && conversation.status !== 'ended';
  const asking = confirming && endable;
  const endListeners = useListeners<HTMLButtonElement>({ click: () => setConfirming(true) }, endRef);
  const agent = client.agent.value;
  // While the team row names who usually replies, the general line would say it twice.
  const subtitle =
    teamOf(client).length > 0
      ? undefined
      : subtitleOf(agent, client.availability.value, brand.name, translator);
  const title = agent ? agentDisplayName(agent, brand.name) : brand.name;
  return (
    <>
      <div className="header" data-conversation={conversation ? '' : undefined}>
        {agent ? (
          <Avatar agent={agent} locale={translator.locale} />
        ) : (
          brand.logoUrl !== undefined && (
            <img className="logo" src={brand.logoUrl} alt="" referrerpolicy="no-referrer" />
          )
        )}
        <div className="header-text">
          <h2 className="title" id={titleId} title={title}>
            {title}
          </h2>
          {subtitle !== undefined && (
            <p className="subtitle" title={subtitle}>
              {subtitle}
            </p>
          )}
        </div>
        {endable && (
          <button
            ref={endListeners}
            type="button"
            className="icon-button end-chat"
            aria-label={t('chat.end')}
            title={t('chat.end')}
            aria-expanded={asking ? 'true' : 'false'}
          >
            <Icon name="leave" />
          </button>
        )}
        <button
          ref={closeRef}
          type="button"
          className="icon-button"
          aria-label={t('panel.close')}
          title={t('panel.close')}
        >
          <Icon name="minimize" />
        </button>
      </div>
      {asking && (
        <EndBar
          onConfirm={() => {
            setConfirming(false);
            client.end();
          }}
          onCancel={() => {
            setConfirming(false);
            endRef.current?.focus();
          }}
        />
      )}
    </>
  );
}

/** The header's second line: the agent's title and the organisation, else the availability. */
function subtitleOf(
  agent: AgentInfo | undefined,
  availability: Availability | undefined,
  brandName: string,
  translator: Translator,
): string | undefined {
  const { t } = translator;
  // Own property only: a host page that puts `title` on Object.prototype must not show up here.
  const role = agent && Object.hasOwn(agent, 'title') ? agent.title : undefined;
  if (agent) return role === undefined ? brandName : `${role} · ${brandName}`;
  if (availability?.online) return t('header.availability.online');
  if (!availability) return undefined;
  const back = availability.nextOpenAt === undefined ? Number.NaN : Date.parse(availability.nextOpenAt);
  if (Number.isNaN(back)) return t('header.availability.offline');
  const when = new Intl.DateTimeFormat(translator.locale, {
    weekday: 'long',
    hour: 'numeric',
    minute: '2-digit',
  }).format(back);
  return t('header.availability.back', { when });
}

/** "End the chat?" below the header: the confirming button takes the focus. */
function EndBar({ onConfirm, onCancel }: { onConfirm: () => void; onCancel: () => void }) {
  const { t } = useWidget().translator;
  const confirmRef = useRef<HTMLButtonElement>(null);
  const confirmListeners = useListeners<HTMLButtonElement>({ click: onConfirm }, confirmRef);
  const cancelListeners = useListeners<HTMLButtonElement>({ click: onCancel });
  useEffect(() => {
    confirmRef.current?.focus();
  }, []);
  return (
    <div className="end-bar">
      <p>{t('chat.endConfirm')}</p>
      <button ref={confirmListeners} type="button" className="send">
        {t('chat.end')}
      </button>
      <button ref={cancelListeners} type="button" className="secondary">
        {t('chat.cancel')}
      </button>
    </div>
  );
}
