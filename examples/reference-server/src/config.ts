import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NewAgentAccount } from './accounts/accounts.js';
import { DEMO_AGENTS } from './accounts/demo-agents.js';
import type { HouseRules } from './chat/house-rules.js';
import { type AttachmentSettings, readAttachmentConfig } from './files/attachment-settings.js';
import { type HandoffSettings, readHandoffConfig } from './handoffs/handoff-settings.js';

/**
 * Options of {@link startServer}. Every one has a default; `readConfig()` fills them from the
 * environment for `npm start`.
 *
 * @example
 * ```ts
 * const server = await startServer({ port: 0, database: ':memory:', agents: DEMO_AGENTS });
 * ```
 */
export interface ServerOptions {
  /** TCP port; 0 picks a free one. @default 8787 */
  port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /**
   * Where the data is: an SQLite file path, `:memory:`, or a `postgres://` URL (the database every node
   * of a cluster shares). @default './clavard.db' in the server's folder
   */
  database?: string;
  /**
   * `redis://…`: this server is one node of several, and Redis carries what crosses nodes (frames to the
   * connections another node holds, who is present, queue changes). None: the server runs alone.
   */
  redisUrl?: string;
  /** How often a node renews its agents' presence in Redis, in ms (they expire after three times that). @default 5000 */
  clusterRefreshMs?: number;
  /**
   * The origin (`scheme://host:port`) the server is reached at behind a proxy or a load balancer: its
   * pages (the demo store, the agent console) come from there, so it counts as the server's own.
   */
  publicOrigin?: string;
  /**
   * Origins (`scheme://host:port`) allowed to open widget connections, besides the server's own
   * (`http://<host>:<port>`, and `http://localhost:<port>` when listening on 127.0.0.1).
   * @default []
   */
  allowedOrigins?: readonly string[];
  /**
   * Agent accounts to create at start when their login does not exist yet (the demo's Julie and Marc).
   * Accounts are otherwise made with `node dist/main.js agents add` or by an admin in the console.
   * @default none
   */
  agents?: readonly NewAgentAccount[];
  /**
   * How long an agent without any connection keeps their conversations (a reload, a dropped network, a
   * server restart), in ms; then they go back to the queue and the visitors are told. @default 60000
   */
  agentGraceMs?: number;
  /**
   * The organisation's house rules, enforced by the server, and the phrase library the console offers.
   * @default a greeting before the first answer and a closing to end, both required; `DEFAULT_PHRASES`
   */
  rules?: Partial<HouseRules>;
  /**
   * Folder of the placeholder pages (`/` → index.html, `/agent` → agent/index.html), used for what the
   * site and console folders do not have. @default './public'
   */
  staticDir?: string;
  /**
   * Folder served at `/` (the demo store, as a site owner would host it).
   * @default 'examples/demo-store/public' (falls back to `staticDir` while it does not exist)
   */
  siteDir?: string;
  /**
   * Folder of the agent console served at `/agent` (its `index.html`) and `/agent/<file>`.
   * @default 'examples/agent-console/dist' (build it with its `build` script; the placeholder until then)
   */
  consoleDir?: string;
  /**
   * The widget's script-tag file, served at `/clavard.js` (404 while it does not exist).
   * @default 'packages/widget/dist/embed/clavard.js'
   */
  embedFile?: string;
  /**
   * Origins pictures may come from on the served pages (agents' avatars), besides the server's own.
   * From `CLAVARD_IMAGE_ORIGINS` (comma-separated). @default none
   */
  imageOrigins?: readonly string[];
  /** Serve source maps (`.map`). @default true, false when `NODE_ENV=production` */
  sourceMaps?: boolean;
  /**
   * Send `Strict-Transport-Security`: set it when the server is reached over https (behind a TLS
   * proxy). From `CLAVARD_HSTS=1`. @default false
   */
  hsts?: boolean;
  /** Heartbeat period of every connection, in ms (0: off). @default 25000 */
  heartbeatMs?: number;
  /** A connection without its hello after this long is closed, in ms. @default 10000 */
  helloTimeoutMs?: number;
  /** How long a long-poll is held, in ms. @default 25000 */
  pollHoldMs?: number;
  /** SSE keep-alive comment period, in ms. @default 15000 */
  keepAliveMs?: number;
  /** A long-poll channel without a poll for this long is ended, in ms. @default 35000 */
  channelIdleMs?: number;
  /** Most events in one `history` frame. @default 100 */
  historyPageSize?: number;
  /**
   * The secret the organisation's server signs identity tokens with (HS256, see `signIdentityToken`).
   * Without it no visitor is ever identified. From `CLAVARD_IDENTITY_SECRET`.
   */
  identitySecret?: string;
  /**
   * Or the organisation's public key (PEM; RSA for RS256, P-256 for ES256): its server signs with the
   * private key, which never leaves it. From `CLAVARD_IDENTITY_PUBLIC_KEY`.
   */
  identityPublicKey?: string;
  /** The `aud` identity tokens must name. From `CLAVARD_IDENTITY_AUDIENCE`. @default not checked */
  identityAudience?: string;
  /** The `iss` identity tokens must name. From `CLAVARD_IDENTITY_ISSUER`. @default not checked */
  identityIssuer?: string;
  /**
   * The topics a visitor picks from in the pre-chat form, asked when a conversation starts (not of
   * identified visitors). The topic routes the conversation to the signed-in agents who take it (see
   * src/chat/routing.ts); agents pick theirs among these. From `CLAVARD_TOPICS` (comma-separated).
   * @default none: no pre-chat form, and every agent takes every conversation
   */
  topics?: string[];
  /**
   * The topics as a French-speaking visitor reads them, in the order of `topics` (which stay the topics'
   * names for routing, the agents and the reports). From `CLAVARD_TOPICS_FR` (comma-separated).
   * @default the topics as they are, in every language
   */
  topicLabels?: { fr?: string[] };
  /**
   * Ask the pre-chat form first: in the welcome, before the visitor writes (as `session.welcome.prechat`),
   * rather than after their first message. A visitor who answered once is not asked again. Needs `topics`.
   * From `CLAVARD_PRECHAT_FIRST=1`. @default false
   */
  prechatFirst?: boolean;
  /**
   * Business hours, e.g. `mon-fri 09:00-17:00; sat 10:00-14:00` (see `parseSchedule`): outside them
   * nobody is available, whoever is signed in, and visitors are told the next opening. From
   * `CLAVARD_HOURS`. @default always open
   */
  hours?: string;
  /** The IANA time zone of {@link ServerOptions.hours}. From `CLAVARD_TIMEZONE`. @default 'UTC' */
  timeZone?: string;
  /**
   * When a visitor starts a conversation while nobody is available, ask for an email to answer by (the
   * leave-a-message form, in the visitor's language). @default true
   */
  leaveMessage?: boolean;
  /**
   * Decides verification forms (values are never stored): look the visitor up in your own customer
   * records. @default `verifyDemoCustomer`, which verifies only the demo customer (`DEMO_CUSTOMER`)
   */
  verifyForm?: (submission: { formId: string; values: Readonly<Record<string, string>> }) => boolean;
  /**
   * The handling time assumed for the estimated wait in the queue until conversations have ended here (then
   * the average of the last 20 is used), in seconds. @default 300
   */
  handlingEstimateSeconds?: number;
  /**
   * The organisation's SMTP server (`smtp://user:pass@host:587`, `smtps://…`): answers to left messages
   * are also emailed to the address the visitor left. From `CLAVARD_SMTP_URL`. @default no email
   */
  smtpUrl?: string;
  /** The sender of those emails. From `CLAVARD_MAIL_FROM`. @default `<brand> <no-reply@localhost>` */
  mailFrom?: string;
  /** The organisation's name, in emails. From `CLAVARD_BRAND`. @default 'Clavard' */
  brand?: string;
  /**
   * Files in messages, both ways (see "Attachments" in docs/protocol.md): limits, retention and where the
   * bytes are kept. `false` takes none. From `CLAVARD_ATTACHMENTS` (`0`: none) and the variables
   * {@link AttachmentSettings} names. @default on, 10 MiB a file, 20 a conversation
   */
  attachments?: false | AttachmentSettings;
  /** Handoff links (see "Handoffs" in the README): signing, expiry, priority, the default landing page. */
  handoffs?: HandoffSettings;
  /**
   * Keys of the server API (`/api`, e.g. `POST /api/handoffs`), by name: callers send
   * `Authorization: Bearer <key>`. From `CLAVARD_API_KEYS` (`name:key,name2:key2`). @default none: no `/api`
   */
  apiKeys?: Readonly<Record<string, string>>;
  /** The clock, in ms. @default Date.now */
  now?: () => number;
}

/**
 * The default database file: `clavard.db` in the server's folder (from `src/` or `dist/` alike).
 *
 * @example
 * ```ts
 * openStore({ path: defaultDatabasePath() });
 * ```
 */
export function defaultDatabasePath(): string {
  return fileURLToPath(new URL('../clavard.db', import.meta.url));
}

/**
 * The default folder of the demo pages: `public/` in the server's folder.
 *
 * @example
 * ```ts
 * serveStatic(req, res, path, defaultStaticDir());
 * ```
 */
export function defaultStaticDir(): string {
  return fileURLToPath(new URL('../public/', import.meta.url));
}

/**
 * The default folder served at `/`: the demo store's `public/` in the workspace.
 *
 * @example
 * ```ts
 * startServer({ siteDir: defaultSiteDir() });
 * ```
 */
export function defaultSiteDir(): string {
  return fileURLToPath(new URL('../../demo-store/public/', import.meta.url));
}

/**
 * The default folder of the agent console: its build output in the workspace.
 *
 * @example
 * ```ts
 * startServer({ consoleDir: defaultConsoleDir() });
 * ```
 */
export function defaultConsoleDir(): string {
  return fileURLToPath(new URL('../../agent-console/dist/', import.meta.url));
}

/**
 * The default script-tag file: the widget's embed build in the workspace.
 *
 * @example
 * ```ts
 * startServer({ embedFile: defaultEmbedFile() });
 * ```
 */
export function defaultEmbedFile(): string {
  return fileURLToPath(new URL('../../../packages/widget/dist/embed/clavard.js', import.meta.url));
}

/**
 * The database in words, as the server prints it: `SQLite file <absolute path>` (a relative path is
 * resolved against `cwd`, as SQLite opens it), `SQLite in memory (:memory:), lost when the server stops`,
 * or `Postgres <host>:<port>/<database>` (never the user or the password).
 *
 * @example
 * ```ts
 * describeDatabase('clavard.db', '/srv/chat'); // 'SQLite file /srv/chat/clavard.db'
 * describeDatabase('postgres://chat:secret@db:5432/clavard'); // 'Postgres db:5432/clavard'
 * ```
 */
export function describeDatabase(database: string, cwd: string = process.cwd()): string {
  if (/^postgres(ql)?:\/\//i.test(database)) {
    // Never the password: this line goes to logs.
    const url = new URL(database);
    return `Postgres ${url.hostname || 'local socket'}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  }
  return database === ':memory:'
    ? 'SQLite in memory (:memory:), lost when the server stops'
    : `SQLite file ${resolve(cwd, database)}`;
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim().replace(/\/+$/, ''))
    .filter((item) => item.length > 0);

/** A whole number of milliseconds above zero, from an environment variable. */
const positiveMs = (text: string): number => {
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms <= 0)
    throw new Error(`CLAVARD_CLUSTER_REFRESH_MS must be a whole number of ms above 0, not ${text}`);
  return ms;
};

/**
 * Server options from environment variables: `PORT` (8787), `HOST` (127.0.0.1), `CLAVARD_DATABASE_URL`
 * (a `postgres://` URL) or else `CLAVARD_DB` (./clavard.db), `CLAVARD_ALLOWED_ORIGINS` (comma-separated), `CLAVARD_DEMO_AGENTS` (`1` seeds Julie and Marc, password `demo`; the default unless
 * `NODE_ENV` is `production`), `CLAVARD_STATIC_DIR` (./public, the placeholders), `CLAVARD_SITE_DIR`
 * (examples/demo-store/public), `CLAVARD_CONSOLE_DIR` (examples/agent-console/dist), `CLAVARD_EMBED_FILE`
 * (packages/widget/dist/embed/clavard.js), `CLAVARD_SMTP_URL`, `CLAVARD_MAIL_FROM`, `CLAVARD_BRAND`,
 * `CLAVARD_REQUIRE_GREETING` and `CLAVARD_REQUIRE_CLOSING` (`0` turns the rule off), and the attachments'
 * (`CLAVARD_ATTACHMENTS=0` takes none; see `AttachmentSettings`), the handoffs' and the API keys (see
 * `readHandoffConfig`). Throws on a malformed `PORT`.
 *
 * @example
 * ```ts
 * const server = await startServer(readConfig(process.env));
 * ```
 */
export function readConfig(env: Readonly<Record<string, string | undefined>>): ServerOptions {
  const port = env.PORT === undefined || env.PORT === '' ? 8787 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be 0–65535, not ${env.PORT}`);
  const demoAgents =
    env.CLAVARD_DEMO_AGENTS !== undefined && env.CLAVARD_DEMO_AGENTS !== ''
      ? env.CLAVARD_DEMO_AGENTS === '1'
      : env.NODE_ENV !== 'production';
  return {
    port,
    host: env.HOST || '127.0.0.1',
    database: env.CLAVARD_DATABASE_URL || env.CLAVARD_DB || defaultDatabasePath(),
    ...(env.CLAVARD_REDIS_URL ? { redisUrl: env.CLAVARD_REDIS_URL } : {}),
    ...(env.CLAVARD_PUBLIC_ORIGIN ? { publicOrigin: env.CLAVARD_PUBLIC_ORIGIN } : {}),
    ...(env.CLAVARD_CLUSTER_REFRESH_MS
      ? { clusterRefreshMs: positiveMs(env.CLAVARD_CLUSTER_REFRESH_MS) }
      : {}),
    ...(env.CLAVARD_IDENTITY_SECRET ? { identitySecret: env.CLAVARD_IDENTITY_SECRET } : {}),
    ...(env.CLAVARD_IDENTITY_PUBLIC_KEY ? { identityPublicKey: env.CLAVARD_IDENTITY_PUBLIC_KEY } : {}),
    ...(env.CLAVARD_IDENTITY_AUDIENCE ? { identityAudience: env.CLAVARD_IDENTITY_AUDIENCE } : {}),
    ...(env.CLAVARD_IDENTITY_ISSUER ? { identityIssuer: env.CLAVARD_IDENTITY_ISSUER } : {}),
    ...(env.CLAVARD_HOURS ? { hours: env.CLAVARD_HOURS } : {}),
    ...(list(env.CLAVARD_TOPICS).length > 0 ? { topics: list(env.CLAVARD_TOPICS) } : {}),
    ...(list(env.CLAVARD_TOPICS_FR).length > 0 ? { topicLabels: { fr: list(env.CLAVARD_TOPICS_FR) } } : {}),
    ...(env.CLAVARD_PRECHAT_FIRST === '1' ? { prechatFirst: true } : {}),
    ...(env.CLAVARD_TIMEZONE ? { timeZone: env.CLAVARD_TIMEZONE } : {}),
    allowedOrigins: list(env.CLAVARD_ALLOWED_ORIGINS),
    imageOrigins: list(env.CLAVARD_IMAGE_ORIGINS),
    sourceMaps: env.NODE_ENV !== 'production',
    hsts: env.CLAVARD_HSTS === '1',
    ...(demoAgents ? { agents: DEMO_AGENTS } : {}),
    ...(env.CLAVARD_SMTP_URL ? { smtpUrl: env.CLAVARD_SMTP_URL } : {}),
    ...(env.CLAVARD_MAIL_FROM ? { mailFrom: env.CLAVARD_MAIL_FROM } : {}),
    ...(env.CLAVARD_BRAND ? { brand: env.CLAVARD_BRAND } : {}),
    // The house rules are on unless the organisation turns one off.
    rules: {
      requireGreeting: env.CLAVARD_REQUIRE_GREETING !== '0',
      requireClosing: env.CLAVARD_REQUIRE_CLOSING !== '0',
    },
    attachments: readAttachmentConfig(env),
    ...readHandoffConfig(env),
    staticDir: env.CLAVARD_STATIC_DIR || defaultStaticDir(),
    siteDir: env.CLAVARD_SITE_DIR || defaultSiteDir(),
    consoleDir: env.CLAVARD_CONSOLE_DIR || defaultConsoleDir(),
    embedFile: env.CLAVARD_EMBED_FILE || defaultEmbedFile(),
  };
}
