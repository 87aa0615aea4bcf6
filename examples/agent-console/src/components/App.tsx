import type { AgentInfo } from '@clavard/protocol';
import { useEffect, useState } from 'preact/hooks';
import { type AgentLink, createAgentLink } from '../agent-link.js';
import { type ConsoleModel, createConsoleModel } from '../console-model.js';
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
}

/**
 * The agent console: the sign-in form, then the console over `/agent/ws`. A refused token brings the
 * form back with a message.
 *
 * @example
 * ```tsx
 * <App origin="http://127.0.0.1:8787" />
 * ```
 */
export function App({ origin, connect }: AppProps) {
  const [model, setModel] = useState<ConsoleModel | undefined>(undefined);
  const [message, setMessage] = useState<string | undefined>(undefined);
  useEffect(() => () => model?.dispose(), [model]);
  useEffect(() => {
    if (!model) return;
    return model.status.subscribe((status) => {
      if (status !== 'unauthorized') return;
      setMessage('Your session has ended. Please sign in again.');
      setModel(undefined);
    });
  }, [model]);

  if (!model) {
    return (
      <SignIn
        origin={origin}
        {...(message === undefined ? {} : { message })}
        onSignedIn={(token: string, agent: AgentInfo) => {
          const link =
            connect?.(token) ?? createAgentLink({ url: `${origin.replace(/^http/, 'ws')}/agent/ws`, token });
          const next = createConsoleModel({ link, me: agent });
          next.start();
          setMessage(undefined);
          setModel(next);
        }}
      />
    );
  }
  return <Console model={model} onSignOut={() => setModel(undefined)} />;
}
