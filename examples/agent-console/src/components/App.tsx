import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type AgentLink, createAgentLink } from '../agent-link.js';
import { loadAlertPrefs, notifyDesktop, playTone } from '../alerts.js';
import { type Attachments, AttachmentsContext, createAttachments } from '../attachments/context.js';
import { DEFAULT_MAX_BYTES } from '../attachments/file-words.js';
import { type ConsoleAlert, type ConsoleModel, createConsoleModel } from '../console-model.js';
import { loadSession, type SavedSession, saveSession, tabStorage } from '../console-storage.js';
import {
  type ConsoleLocale,
  createTranslate,
  I18nContext,
  LOCALE_KEY,
  type MessageKey,
  pickLocale,
} from '../i18n/translator.js';
import { Console } from './Console.js';
import { type ComposerBridge, ComposerBridgeContext } from './composer-bridge.js';
import { LocaleSetterContext } from './locale-context.js';
import { SignIn } from './SignIn.js';

/**
 * Props of {@link App}.
 *
 * @example
 * ```tsx
 * render(<App origin={location.origin} />, document.getElementById('app'));
 * ```
 */
export interface AppProps {
  /** The reference server's origin (`http://…`). */
  origin: string;
  /** Makes the agent connection. @default a WebSocket to `<origin>/agent/ws` */
  connect?: (token: string) => AgentLink;
  /** Where the sign-in, drafts and unsent messages survive a reload. @default the tab's sessionStorage */
  storage?: Storage | undefined;
  /** The console's language. @default the agent's choice, else the browser's (French or English) */
  locale?: ConsoleLocale;
}

/** A signed-in agent's console: the model and their files. */
interface Signed {
  model: ConsoleModel;
  attachments: Attachments;
}

const preferences = (): Storage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
};

/** The console's language: the agent's choice, kept for their next visit. */
function useLocale(initial: ConsoleLocale | undefined) {
  const [locale, setLocale] = useState<ConsoleLocale>(
    () => initial ?? pickLocale(preferences()?.getItem(LOCALE_KEY), globalThis.navigator?.language),
  );
  const i18n = useMemo(() => ({ locale, t: createTranslate(locale) }), [locale]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const choose = (next: ConsoleLocale) => {
    setLocale(next);
    try {
      preferences()?.setItem(LOCALE_KEY, next);
    } catch {
      // Blocked storage: the choice lasts as long as the page.
    }
  };
  return { i18n, choose };
}

/**
 * The agent console: the sign-in form, then the console over `/agent/ws`, in English or French. The
 * sign-in is kept for the tab, so a reload goes straight back to the console with the same conversations
 * and drafts. A refused token brings the form back with a message.
 *
 * @example
 * ```tsx
 * <App origin="http://127.0.0.1:8787" />
 * ```
 */
export function App({ origin, connect, storage = tabStorage(), locale }: AppProps) {
  const { i18n, choose } = useLocale(locale);
  const t = useRef(i18n.t);
  t.current = i18n.t;
  const bridge: ComposerBridge = useRef(null);
  // Alerts only while the tab is hidden, and only those the agent turned on.
  const onAlert = (alert: ConsoleAlert) => {
    if (!document.hidden) return;
    const prefs = loadAlertPrefs(preferences());
    if (prefs.sound) playTone();
    const text = t.current(alert.kind === 'conversation' ? 'alert.newConversation' : 'alert.newMessage');
    if (prefs.notifications) notifyDesktop(text, t.current('app.title'));
  };
  const open = (session: SavedSession): Signed => {
    const link =
      connect?.(session.token) ??
      createAgentLink({ url: `${origin.replace(/^http/, 'ws')}/agent/ws`, token: session.token });
    const next = createConsoleModel({ link, me: session.agent, role: session.role, storage, onAlert });
    next.start();
    // Files go over HTTP with the same token, in a header; their messages through the model.
    // The server's limit once its welcome said it; until then the default, which it enforces anyway.
    const attachments = createAttachments(
      { base: `${origin}/agent`, token: session.token },
      (id, file) => next.sendFile(id, file),
      { maxBytes: () => next.attachments.peek()?.maxBytes ?? DEFAULT_MAX_BYTES },
    );
    return { model: next, attachments };
  };
  const [signed, setSigned] = useState<Signed | undefined>(() => {
    const saved = loadSession(storage);
    return saved ? open(saved) : undefined;
  });
  const model = signed?.model;
  const [message, setMessage] = useState<MessageKey | undefined>(undefined);
  useEffect(
    () => () => {
      signed?.attachments.queue.dispose();
      signed?.model.dispose();
    },
    [signed],
  );
  useEffect(() => {
    if (!model) return;
    return model.status.subscribe((status) => {
      if (status !== 'unauthorized') return;
      saveSession(storage, undefined);
      setMessage('app.sessionEnded');
      setSigned(undefined);
    });
  }, [model]);

  const screen = !model ? (
    <SignIn
      key={message}
      origin={origin}
      {...(message === undefined ? {} : { message })}
      onSignedIn={(token, agent, role) => {
        const session = { token, agent, role };
        saveSession(storage, session);
        setMessage(undefined);
        setSigned(open(session));
      }}
    />
  ) : (
    <Console
      model={model}
      onSignOut={() => {
        model.signOut();
        saveSession(storage, undefined);
        setSigned(undefined);
      }}
    />
  );
  return (
    <I18nContext.Provider value={i18n}>
      <LocaleSetterContext.Provider value={choose}>
        <ComposerBridgeContext.Provider value={bridge}>
          <AttachmentsContext.Provider value={signed?.attachments}>{screen}</AttachmentsContext.Provider>
        </ComposerBridgeContext.Provider>
      </LocaleSetterContext.Provider>
    </I18nContext.Provider>
  );
}
