import { useEffect, useState } from 'preact/hooks';
import { type AgentLink, createAgentLink } from '../agent-link.js';
import { type ConsoleModel, createConsoleModel } from '../console-model.js';
import { loadSession, type SavedSession, saveSession, tabStorage } from '../console-storage.js';
import { Console } from './Console.js';
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
}

/**
 * The agent console: the sign-in form, then the console over `/agent/ws`. The sign-in is kept for the
 * tab, so a reload goes straight back to the console with the same conversations and drafts. A refused
 * token brings the form back with a message.
 *
 * @example
 * ```tsx
 * <App origin="http://127.0.0.1:8787" />
 * ```
 */
export function App({ origin, connect, storage = tabStorage() }: AppProps) {
  const open = (session: SavedSession): ConsoleModel => {
    const link =
      connect?.(session.token) ??
      createAgentLink({ url: `${origin.replace(/^http/, 'ws')}/agent/ws`, token: session.token });
    const next = createConsoleModel({ link, me: session.agent, storage });
    next.start();
    return next;
  };
  const [model, setModel] = useState<ConsoleModel | undefined>(() => {
    const saved = loadSession(storage);
    return saved ? open(saved) : undefined;
  });
  const [message, setMessage] = useState<string | undefined>(undefined);
  useEffect(() => () => model?.dispose(), [model]);
  useEffect(() => {
    if (!model) return;
    return model.status.subscribe((status) => {
      if (status !== 'unauthorized') return;
      saveSession(storage, undefined);
      setMessage('Your session has ended. Please sign in again.');
      setModel(undefined);
    });
  }, [model]);

  if (!model) {
    return (
      <SignIn
        origin={origin}
        {...(message === undefined ? {} : { message })}
        onSignedIn={(token, agent, role) => {
          const session = { token, agent, role };
          saveSession(storage, session);
          setMessage(undefined);
          setModel(open(session));
        }}
      />
    );
  }
  return (
    <Console
      model={model}
      onSignOut={() => {
        model.signOut();
        saveSession(storage, undefined);
        setModel(undefined);
      }}
    />
  );
}
