import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AgentRole,
  type ReferenceServer,
  type ServerOptions,
  startServer,
} from '@clavard/reference-server';
import { WebSocket } from 'ws';
import { throwawayDatabase } from './postgres.js';

/** The agents' password in every test. */
export const PASSWORD = 'test-password';

/**
 * A reference server for one test: port 0, no heartbeat, short polls, and a database of its own: in
 * memory on SQLite, or a throwaway Postgres database (dropped when the server closes) when the run is
 * the suite's Postgres pass (`CLAVARD_TEST_DATABASE=postgres`, see vitest.config.ts).
 *
 * @example
 * ```ts
 * const server = await startTestServer();
 * ```
 */
export async function startTestServer(options: ServerOptions = {}): Promise<ReferenceServer> {
  if (options.database !== undefined || !onPostgres()) return startOn(':memory:', options);
  const database = await throwawayDatabase();
  const server = await startOn(database.url, options).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const close = server.close;
  let closing: Promise<void> | undefined;
  return {
    ...server,
    close() {
      closing ??= close().then(() => database.drop());
      return closing;
    },
  };
}

/**
 * A database for a test that stops and starts servers on it: a file in a new folder on SQLite, a
 * throwaway database on the Postgres pass. `drop()` removes it.
 *
 * @example
 * ```ts
 * const { database, drop } = await testDatabase();
 * const first = await startTestServer({ database });
 * ```
 */
export async function testDatabase(): Promise<{ database: string; drop(): Promise<void> }> {
  if (onPostgres()) {
    const { url, drop } = await throwawayDatabase();
    return { database: url, drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'clavard-test-'));
  return {
    database: join(dir, 'clavard.db'),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Whether this run of the suite is its pass on Postgres. */
export const onPostgres = (): boolean => process.env.CLAVARD_TEST_DATABASE === 'postgres';

function startOn(database: string, options: ServerOptions): Promise<ReferenceServer> {
  return startServer({
    port: 0,
    database,
    heartbeatMs: 0,
    pollHoldMs: 200,
    channelIdleMs: 2000,
    // Most tests start a conversation before any agent signs in; the offline path has its own tests.
    leaveMessage: false,
    // An agent who closes their socket is gone at once; the grace period has its own tests.
    agentGraceMs: 0,
    // Agents answer without the greeting; the house rules have their own tests.
    rules: { requireGreeting: false, requireClosing: false },
    ...options,
  });
}

/** A frame as received: any JSON object with a `type`. */
export type Received = { type: string } & Record<string, unknown>;

/**
 * A raw WebSocket client that records every frame and lets a test await the next matching one.
 *
 * @example
 * ```ts
 * const visitor = await connect(server.widgetWsUrl);
 * visitor.send({ type: 'session.hello', v: '1.0', locale: 'en' });
 * const welcome = await visitor.next('session.welcome');
 * ```
 */
export interface TestClient {
  readonly frames: Received[];
  send(frame: object | string): void;
  /** The first frame of `type` (or of any of the types) passing `accept`, not yet taken by an earlier `next`. */
  next(type: string | readonly string[], accept?: (frame: Received) => boolean): Promise<Received>;
  /** Resolves with the close code. */
  closed(): Promise<number>;
  close(): void;
}

const TIMEOUT_MS = 5000;

/**
 * Opens a WebSocket (with an `Origin` header when given) and resolves once it is open.
 *
 * @example
 * ```ts
 * const agent = await connect(server.agentWsUrl);
 * ```
 */
export function connect(url: string, origin?: string): Promise<TestClient> {
  const ws = new WebSocket(url, origin === undefined ? {} : { origin });
  const frames: Received[] = [];
  const taken = new Set<Received>();
  const waiters = new Set<() => void>();
  let closeCode: number | undefined;
  ws.on('message', (data) => {
    frames.push(JSON.parse(data.toString()) as Received);
    for (const wake of [...waiters]) wake();
  });
  ws.on('close', (code) => {
    closeCode = code;
    for (const wake of [...waiters]) wake();
  });
  const waitFor = <T>(found: () => T | undefined, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const value = found();
        if (value === undefined) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; got ${frames.map((f) => f.type).join(', ')}`));
      }, TIMEOUT_MS);
      if (!check()) waiters.add(check);
    });
  const client: TestClient = {
    frames,
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    next: (type, accept = () => true) =>
      waitFor(() => {
        const types: readonly string[] = typeof type === 'string' ? [type] : type;
        const frame = frames.find((f) => !taken.has(f) && types.includes(f.type) && accept(f));
        if (frame) taken.add(frame);
        return frame;
      }, String(type)),
    closed: () => waitFor(() => closeCode, 'close'),
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

/**
 * A visitor: connects and says hello (with a token and resume when given); resolves with the welcome.
 *
 * @example
 * ```ts
 * const { client, welcome } = await visitor(server);
 * ```
 */
export async function visitor(
  server: ReferenceServer,
  hello: Record<string, unknown> = {},
): Promise<{ client: TestClient; welcome: Received }> {
  const client = await connect(server.widgetWsUrl);
  client.send({ type: 'session.hello', v: '1.0', locale: 'en', ...hello });
  return { client, welcome: await client.next('session.welcome') };
}

const accounts = new WeakMap<ReferenceServer, Set<string>>();

/**
 * The account of an agent of this first name (login: the name in lower case, password {@link PASSWORD}),
 * created the first time it is asked for; resolves with the login.
 *
 * @example
 * ```ts
 * const login = await account(server, 'Julie', { role: 'admin' });
 * ```
 */
export async function account(
  server: ReferenceServer,
  firstName: string,
  extra: { role?: AgentRole; title?: string } = {},
): Promise<string> {
  const login = firstName.toLowerCase();
  const made = accounts.get(server) ?? new Set<string>();
  accounts.set(server, made);
  if (!made.has(login)) {
    made.add(login);
    // An account the server was started with (`agents`) is already there, with the same password.
    await server.addAgent({ login, firstName, password: PASSWORD, ...extra }).catch((error: unknown) => {
      if (!String(error).includes('is taken')) throw error;
    });
  }
  return login;
}

/**
 * Signs an agent in over HTTP (their account made first, see {@link account}), with more body fields
 * when given (e.g. `topics`); resolves with the status, the token and the agent.
 *
 * @example
 * ```ts
 * const { token } = await login(server, 'Julie');
 * ```
 */
export async function login(
  server: ReferenceServer,
  firstName: string,
  password = PASSWORD,
  fields: Record<string, unknown> = {},
): Promise<{ status: number; token: string; agent: { id: string; firstName: string } }> {
  const response = await fetch(`${server.url}/agent/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: await account(server, firstName), password, ...fields }),
  });
  const body = (await response.json()) as { token?: string; agent?: { id: string; firstName: string } };
  return { status: response.status, token: body.token ?? '', agent: body.agent ?? { id: '', firstName: '' } };
}

/**
 * Opens the agent WebSocket with a token from `login`; resolves after `agent.welcome`.
 *
 * @example
 * ```ts
 * const { client, welcome } = await agentHello(server, token);
 * ```
 */
export async function agentHello(
  server: ReferenceServer,
  token: string,
): Promise<{ client: TestClient; welcome: Received }> {
  const client = await connect(server.agentWsUrl);
  client.send({ type: 'agent.hello', token });
  return { client, welcome: await client.next('agent.welcome') };
}

/**
 * A signed-in agent on the agent WebSocket (with more sign-in fields when given, e.g. `topics`); resolves
 * after `agent.welcome`.
 *
 * @example
 * ```ts
 * const julie = await agent(server, 'Julie', { topics: ['Billing'] });
 * julie.client.send({ type: 'agent.take', conversationId });
 * ```
 */
export async function agent(
  server: ReferenceServer,
  firstName: string,
  fields: Record<string, unknown> = {},
): Promise<{ client: TestClient; id: string; token: string; welcome: Received }> {
  const { token, agent: info } = await login(server, firstName, PASSWORD, fields);
  return { id: info.id, token, ...(await agentHello(server, token)) };
}
