/**
 * The `attachments` option of the server, its environment variables, and what it turns into: the limits
 * and the storage the rest of the server uses (attachments.ts), the HTTP paths (upload-routes.ts) and the
 * hourly retention sweep.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatError } from '@clavard/protocol';
import type { Store } from '../db/store-types.js';
import { type AttachmentOptions, sweepAttachments } from './attachments.js';
import { createDiskStorage } from './disk-storage.js';
import { agentReader, visitorReader } from './file-access.js';
import type { FileStorage } from './file-storage.js';
import { createUploadRoutes, type UploadRoutes } from './upload-routes.js';

/**
 * How a server takes files (the `attachments` option; `false` takes none).
 *
 * @example
 * ```ts
 * startServer({ attachments: { maxBytes: 5 * 1024 * 1024, perConversation: 10, retentionDays: 90 } });
 * ```
 */
export interface AttachmentSettings {
  /** The largest file, in bytes. From `CLAVARD_ATTACHMENT_MAX_BYTES`. @default 10485760 (10 MiB) */
  maxBytes?: number;
  /** How many files a conversation may hold. From `CLAVARD_ATTACHMENTS_PER_CONVERSATION`. @default 20 */
  perConversation?: number;
  /**
   * Files are erased this many days after they were sent. From `CLAVARD_ATTACHMENT_RETENTION_DAYS`.
   * @default kept as long as their conversation
   */
  retentionDays?: number;
  /**
   * The folder of the bytes on this machine. From `CLAVARD_FILES_DIR`. @default beside the SQLite file
   * (`clavard.db.files`), a temporary folder for `:memory:`; on Postgres, in the database itself, which
   * every node of a cluster shares
   */
  directory?: string;
  /** Somewhere else entirely (an object store of the organisation's): wins over `directory`. */
  storage?: FileStorage;
}

/** 10 MiB: a phone's photo, a scanned invoice. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** Files a conversation may hold, both sides together. */
export const DEFAULT_PER_CONVERSATION = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A whole number from an environment variable, at least `min`. */
const whole = (name: string, text: string, min: number): number => {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min)
    throw new Error(`${name} must be a whole number ≥ ${min}, not ${text}`);
  return value;
};

/**
 * The `attachments` option from the environment: `CLAVARD_ATTACHMENTS=0` takes none; the variables of
 * {@link AttachmentSettings} set the rest.
 *
 * @example
 * ```ts
 * readAttachmentConfig({ CLAVARD_ATTACHMENT_MAX_BYTES: '5242880' }); // { maxBytes: 5242880 }
 * ```
 */
export function readAttachmentConfig(
  env: Readonly<Record<string, string | undefined>>,
): false | AttachmentSettings {
  if (env.CLAVARD_ATTACHMENTS === '0') return false;
  const given = (name: string, min: number) => {
    const text = env[name];
    return text === undefined || text === '' ? undefined : whole(name, text, min);
  };
  const maxBytes = given('CLAVARD_ATTACHMENT_MAX_BYTES', 1);
  const perConversation = given('CLAVARD_ATTACHMENTS_PER_CONVERSATION', 0);
  const retentionDays = given('CLAVARD_ATTACHMENT_RETENTION_DAYS', 1);
  return {
    ...(maxBytes === undefined ? {} : { maxBytes }),
    ...(perConversation === undefined ? {} : { perConversation }),
    ...(retentionDays === undefined ? {} : { retentionDays }),
    ...(env.CLAVARD_FILES_DIR ? { directory: env.CLAVARD_FILES_DIR } : {}),
  };
}

/** Where the bytes go when the settings do not say. */
const defaultStorage = (store: Store, database: string): FileStorage => {
  const shared = store.fileStorage?.();
  if (shared) return shared;
  return createDiskStorage(
    database === ':memory:' ? mkdtempSync(join(tmpdir(), 'clavard-files-')) : `${database}.files`,
  );
};

/**
 * A running server's attachments: the options the hub uses, the HTTP paths of visitors and agents, and
 * the retention sweep (once at start, then hourly), stopped by `close()`.
 *
 * @example
 * ```ts
 * const files = startAttachments({ store, database, settings: options.attachments ?? {}, report, now });
 * if (await files.visitorRoutes.route(req, res, path)) return;
 * ```
 */
export interface RunningAttachments {
  options: AttachmentOptions;
  visitorRoutes: UploadRoutes;
  agentRoutes: UploadRoutes;
  close(): Promise<void>;
}

/**
 * Starts a server's attachments from its settings (see {@link RunningAttachments}).
 *
 * @example
 * ```ts
 * const files = startAttachments({ store, database: ':memory:', settings: {}, report: console.error, now: Date.now });
 * ```
 */
export function startAttachments(deps: {
  store: Store;
  database: string;
  settings: AttachmentSettings;
  report: (error: ChatError) => void;
  now: () => number;
}): RunningAttachments {
  const { store, settings } = deps;
  const options: AttachmentOptions = {
    maxBytes: settings.maxBytes ?? DEFAULT_MAX_BYTES,
    perConversation: settings.perConversation ?? DEFAULT_PER_CONVERSATION,
    storage:
      settings.storage ??
      (settings.directory ? createDiskStorage(settings.directory) : defaultStorage(store, deps.database)),
    ...(settings.retentionDays === undefined ? {} : { retentionMs: settings.retentionDays * DAY_MS }),
  };
  const common = { store, options, report: deps.report };
  const visitorRoutes = createUploadRoutes({
    ...common,
    who: async (tokenHash) => {
      const visitor = await store.visitorByTokenHash(tokenHash);
      return visitor && visitorReader(visitor.id);
    },
  });
  const agentRoutes = createUploadRoutes({
    ...common,
    who: async (tokenHash) => {
      const agent = await store.agentBySession(tokenHash);
      // A community manager reads no conversation, so no file of one either.
      return agent && agent.role !== 'community' ? agentReader(agent.id) : undefined;
    },
  });
  let sweeping = Promise.resolve();
  const sweep = () => {
    sweeping = sweeping
      .then(() => sweepAttachments(store, options, deps.now()))
      .then(
        () => undefined,
        (cause: unknown) =>
          deps.report(new ChatError('server-error', 'the retention sweep of attachments failed', { cause })),
      );
  };
  sweep();
  const timer = setInterval(sweep, 60 * 60 * 1000);
  timer.unref();
  return {
    options,
    visitorRoutes,
    agentRoutes,
    async close() {
      clearInterval(timer);
      await sweeping;
      await options.storage.close();
    },
  };
}
