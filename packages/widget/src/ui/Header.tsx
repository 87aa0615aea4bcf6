import { agentDisplayName } from '../ui-core/agent-name.js';
import { Avatar } from './Avatar.js';
import { useWidget } from './context.js';
import { Icon } from './Icon.js';

/** Props of {@link Header}. */
export interface HeaderProps {
  titleId: string;
  onClose: () => void;
}

/**
 * The panel's header: the agent's first name, picture and title once one has joined; before that the
 * organisation's name, logo and availability. Always a button to minimise the panel.
 *
 * @example
 * ```tsx
 * <Header titleId="clavard-title" onClose={close} />
 * ```
 */
export function Header({ titleId, onClose }: HeaderProps) {
  const { client, translator, brand } = useWidget();
  const { t } = translator;
  const agent = client.agent.value;
  const availability = client.availability.value;
  let subtitle: string | undefined;
  if (agent) subtitle = agent.title === undefined ? brand.name : `${agent.title} · ${brand.name}`;
  else if (availability) {
    subtitle = t(availability.online ? 'header.availability.online' : 'header.availability.offline');
  }
  return (
    <div class="header">
      {agent ? (
        <Avatar agent={agent} locale={translator.locale} />
      ) : (
        brand.logoUrl !== undefined && (
          <img class="logo" src={brand.logoUrl} alt="" referrerpolicy="no-referrer" />
        )
      )}
      <div class="header-text">
        <h2 class="title" id={titleId}>
          {agent ? agentDisplayName(agent, brand.name) : brand.name}
        </h2>
        {subtitle !== undefined && <p class="subtitle">{subtitle}</p>}
      </div>
      <button type="button" class="icon-button" aria-label={t('panel.close')} onClick={onClose}>
        <Icon name="minimize" />
      </button>
    </div>
  );
}
