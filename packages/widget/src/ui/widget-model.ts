import { computed, effect, type ReadonlySignal, type Signal, signal, untracked } from '@preact/signals-core';
import type { ChatClient } from '../headless/index.js';
import { agentDisplayName } from '../ui-core/agent-name.js';
import type { Translator } from '../ui-core/i18n.js';
import { authorName } from './author-name.js';

/** After this long disconnected (2 minutes), the status says so plainly rather than "reconnecting". */
export const LONG_DISCONNECT_MS = 120_000;

/** What the UI needs besides the chat client: the panel's state and what to announce. */
export interface WidgetModel {
  /** Whether the panel is open. */
  readonly open: Signal<boolean>;
  /** Whether the page is visible (`document.visibilityState`). */
  readonly visible: Signal<boolean>;
  /** The last text for the polite live region. */
  readonly announcement: ReadonlySignal<string>;
  /** Set once history could not be recovered: a notice is shown at the top of the conversation. */
  readonly discontinuity: ReadonlySignal<boolean>;
  /**
   * The connection's state in calm words, `''` while online: "Connecting…", "Reconnecting…", "You are
   * offline…", and after {@link LONG_DISCONNECT_MS} without a connection "Still trying to reconnect…".
   */
  readonly connectionText: ReadonlySignal<string>;
  /**
   * The id of the ended conversation after which the visitor chose "New conversation": the composer
   * is enabled again and the next message starts a new conversation (the server opens one for a message
   * sent after the end, and the client switches to it on its ack).
   */
  readonly startedOver: Signal<string | undefined>;
  /** The organisation asks for consent and the visitor has not given it yet: only the notice is shown. */
  readonly consentNeeded: Signal<boolean>;
  /** Form fields to prefill (`name`, `email`) from `identify()`: memory only. */
  readonly prefill: Signal<Readonly<Record<string, string>>>;
  /** The composer's text, not sent yet (the page may prefill it: `open({ message })`). */
  readonly draft: Signal<string>;
  /** The id of the ended conversation the visitor has sent feedback for (the survey then says thanks). */
  readonly rated: Signal<string | undefined>;
  /**
   * What the line under the composer says about files: `'privacy'` once the visitor first attached one
   * (photos lose their location and camera details), or the code of the last file `attach()` refused.
   */
  readonly fileNote: Signal<string | undefined>;
  /** Tell screen-reader users something, once. */
  announce(text: string): void;
  dispose(): void;
}

/** Options of {@link createWidgetModel}. */
export interface WidgetModelOptions {
  client: ChatClient;
  translator: Translator;
  open: boolean;
  document: Document;
  /** Called for each agent or bot message newly received (sound, analytics). */
  onAgentMessage?: () => void;
}

/**
 * The UI's model: panel state, page visibility, live-region announcements, and the rule that what is
 * shown while the panel is open and the page visible counts as read.
 *
 * @example
 * ```ts
 * const model = createWidgetModel({ client, translator, open: false, document });
 * model.open.value = true;
 * ```
 */
export function createWidgetModel(options: WidgetModelOptions): WidgetModel {
  const { client, translator, document: doc } = options;
  const { t } = translator;
  const open = signal(options.open);
  const visible = signal(doc.visibilityState !== 'hidden');
  const announcement = signal('');
  const discontinuity = signal(false);
  const startedOver = signal<string | undefined>(undefined);
  const rated = signal<string | undefined>(undefined);
  const prefill = signal<Readonly<Record<string, string>>>({});
  const draft = signal('');
  const consentNeeded = signal(false);
  const fileNote = signal<string | undefined>(undefined);
  let toggle = false;
  const announce = (text: string): void => {
    // A trailing no-break space alternates so that the same text twice is announced twice.
    toggle = !toggle;
    announcement.value = toggle ? text : `${text}\u00a0`;
  };

  const onVisibility = (): void => {
    visible.value = doc.visibilityState !== 'hidden';
  };
  doc.addEventListener('visibilitychange', onVisibility);

  const offs = [
    client.on('message', (message) => {
      const name = authorName(message.author);
      if (name !== undefined) {
        const content = message.content;
        announce(
          content.kind === 'attachment'
            ? t('message.announceFile', { name, file: content.name })
            : t('message.announce', {
                name,
                text:
                  content.kind === 'text' || content.kind === 'quick-replies' ? content.text : content.title,
              }),
        );
        options.onAgentMessage?.();
      }
    }),
    client.on('agent.joined', (event) =>
      announce(t('agent.joined', { name: agentDisplayName(event.agent) })),
    ),
    client.on('agent.transferred', (event) =>
      announce(t('agent.transferred', { name: agentDisplayName(event.agent) })),
    ),
    client.on('conversation.ended', () => announce(t('conversation.ended'))),
    client.on('discontinuity', () => {
      discontinuity.value = true;
      announce(t('history.discontinuity'));
    }),
  ];

  const longDisconnect = signal(false);
  const stopLong = effect(() => {
    const since = client.disconnectedSince.value;
    longDisconnect.value = false;
    if (since === undefined) return;
    const timer = setTimeout(
      () => {
        longDisconnect.value = true;
      },
      Math.max(0, since + LONG_DISCONNECT_MS - Date.now()),
    );
    return () => clearTimeout(timer);
  });
  const connectionText = computed(() => {
    switch (client.status.value) {
      case 'connecting':
        return t('connection.connecting');
      case 'reconnecting':
        return longDisconnect.value ? t('connection.stillTrying') : t('connection.reconnecting');
      case 'offline':
        return t('connection.offline');
      default:
        return '';
    }
  });

  // Announced: losing the connection (once per change of state) and getting it back.
  let wasDown = false;
  const stopStatus = effect(() => {
    const status = client.status.value;
    untracked(() => {
      if (status === 'reconnecting' || status === 'offline') {
        wasDown = true;
        announce(t(`connection.${status}`));
      } else if (status === 'online' && wasDown) {
        wasDown = false;
        announce(t('connection.restored'));
      }
    });
  });

  // What is on screen counts as read; the unread badge and title count the rest.
  const stopRead = effect(() => {
    if (!open.value || !visible.value) return;
    client.messages.value;
    untracked(() => client.markRead());
  });

  return {
    open,
    visible,
    announcement,
    discontinuity,
    connectionText,
    startedOver,
    rated,
    prefill,
    draft,
    consentNeeded,
    fileNote,
    announce,
    dispose() {
      for (const off of offs) off();
      stopLong();
      stopStatus();
      stopRead();
      doc.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
