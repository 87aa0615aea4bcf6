// What a running reference server offers its caller (see `startServer` in server.ts).
import type { AgentInfo, ChatError, Unsubscribe } from '@clavard/protocol';
import type { NewAgentAccount } from './accounts/accounts.js';

/**
 * The events of a running reference server.
 *
 * @example
 * ```ts
 * server.on('error', (error) => log(error.code, error.message));
 * ```
 */
export interface ReferenceServerEvents {
  /** Something failed inside the server (a frame that could not be handled or sent). */
  error: ChatError;
}

/**
 * A running reference server.
 *
 * @example
 * ```ts
 * const server = await startServer({ port: 0, database: ':memory:' });
 * const transport = createWebSocketTransport({ url: server.widgetWsUrl, WebSocket });
 * await server.close();
 * ```
 */
export interface ReferenceServer {
  /** The server's origin, e.g. `http://127.0.0.1:8787`: the demo store at `/`, the console at `/agent`. */
  readonly url: string;
  /** The widget's HTTP channel base (SSE and long-poll transports' `url`). */
  readonly widgetUrl: string;
  /** The widget's WebSocket URL. */
  readonly widgetWsUrl: string;
  /** The agent console's WebSocket URL. */
  readonly agentWsUrl: string;
  /** Listen to an event; returns the function that stops listening. */
  on<K extends keyof ReferenceServerEvents>(
    event: K,
    listener: (payload: ReferenceServerEvents[K]) => void,
  ): Unsubscribe;
  /**
   * Creates an agent account (what `node dist/main.js agents add` does): the password is hashed with
   * scrypt; rejects with an `Error` saying what is wrong (a taken login, a short password…).
   *
   * @example
   * ```ts
   * await server.addAgent({ login: 'julie', firstName: 'Julie', password: 'a long passphrase', role: 'admin' });
   * ```
   */
  addAgent(account: NewAgentAccount): Promise<AgentInfo>;
  /**
   * Graceful shutdown: every client gets `session.reconnect { reason: 'server-restart' }` and a close
   * with code 1012, then the HTTP server stops and the database is closed. Idempotent.
   */
  close(): Promise<void>;
}
