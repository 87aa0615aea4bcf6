import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Bus, BusMessage } from './bus.js';

/** The channel every node publishes on and listens to. */
const CHANNEL = 'clavard:bus';
/** Who is present where: members `<node>\n<agent>`, scored with the time their presence expires. */
const PRESENCE = 'clavard:presence';

/** How the Redis bus is tuned; the defaults suit a deployment, the tests shorten them. */
export interface RedisBusOptions {
  /** `redis://…` */
  url: string;
  /** The present agents of this node (connected, or within their grace period). */
  localAgents(): Iterable<string>;
  /** Where failures go (Redis away, a message that does not parse). */
  report(error: Error): void;
  /** How often this node renews its agents' presence and reads everyone's. @default 5000 */
  refreshMs?: number;
  /** How long a presence lasts unless renewed: a node that dies stops renewing. @default 3 × refreshMs */
  presenceTtlMs?: number;
}

/**
 * A {@link Bus} over Redis (ioredis): one pub/sub channel for the messages, and a sorted set for who is
 * present, each agent scored with the time their presence expires, renewed by their node every
 * `refreshMs`. A node that dies stops renewing, and its agents drop out for everyone within
 * `presenceTtlMs`. ioredis reconnects by itself and subscribes again; what was published meanwhile is
 * lost, which the clients make up for by resuming from their last `seq`.
 *
 * @example
 * ```ts
 * const bus = await createRedisBus({ url: 'redis://127.0.0.1:6379', localAgents: () => hub.agents.keys(), report });
 * ```
 */
export async function createRedisBus(options: RedisBusOptions): Promise<Bus> {
  const nodeId = randomUUID();
  const refreshMs = options.refreshMs ?? 5000;
  const ttlMs = options.presenceTtlMs ?? refreshMs * 3;
  // Without Redis, a command waits for one reconnection, then fails instead of waiting on: a bus message may
  // be lost (the clients resume by seq), and a presence that cannot be renewed must not look current.
  const publisher = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const subscriber = publisher.duplicate();
  for (const client of [publisher, subscriber]) client.on('error', (error: Error) => options.report(error));
  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
  } catch (error) {
    // ioredis would go on retrying in the background: a server that does not start leaves nothing behind.
    publisher.disconnect();
    subscriber.disconnect();
    throw error;
  }

  const handlers: Array<(message: BusMessage) => void> = [];
  const tell = (message: BusMessage): void => {
    for (const handler of handlers) handler(message);
  };
  let elsewhere: ReadonlySet<string> = new Set();
  let published = new Set<string>();
  /** When the set was last read: with Redis away, what was read expires as it would have there. */
  let readAt = Date.now();
  const setElsewhere = (next: ReadonlySet<string>, unsure = false): void => {
    const changed = next.size !== elsewhere.size || [...next].some((agentId) => !elsewhere.has(agentId));
    elsewhere = next;
    if (changed) tell(unsure ? { kind: 'presence', unsure } : { kind: 'presence' });
  };
  /**
   * Until then, a read may lack the agents of nodes that have not renewed them since Redis came back
   * (it keeps nothing on disk): what is read adds to what was known, and takes nobody away.
   */
  let settlingUntil = 0;

  /** Renews this node's agents, drops the expired, reads everyone's; tells the hub when others changed. */
  const refresh = async (): Promise<void> => {
    const now = Date.now();
    const mine = new Set([...options.localAgents()].map((agentId) => `${nodeId}\n${agentId}`));
    const gone = [...published].filter((member) => !mine.has(member));
    const batch = publisher.multi().zremrangebyscore(PRESENCE, '-inf', now);
    if (gone.length > 0) batch.zrem(PRESENCE, ...gone);
    for (const member of mine) batch.zadd(PRESENCE, now + ttlMs, member);
    batch.zrangebyscore(PRESENCE, now, '+inf');
    const results = await batch.exec();
    published = mine;
    const members = (results?.at(-1)?.[1] ?? []) as string[];
    const next = new Set(
      members
        .filter((member) => !member.startsWith(`${nodeId}\n`))
        .map((member) => member.split('\n')[1] ?? ''),
    );
    readAt = now;
    if (now < settlingUntil) setElsewhere(new Set([...elsewhere, ...next]), true);
    else setElsewhere(next);
  };
  const refreshNow = (): void => {
    // Nobody elsewhere can be known present longer than a presence lasts: with Redis away (the read below
    // failing or waiting), what was read last expires here as it would have there.
    if (Date.now() - readAt > ttlMs) setElsewhere(new Set(), true);
    refresh().catch((error: unknown) =>
      options.report(error instanceof Error ? error : new Error(String(error))),
    );
  };

  // Each message is `<node id>\n<JSON>`: this node's own come back to it, and are dropped unread.
  const own = `${nodeId}\n`;
  subscriber.on('message', (_channel: string, text: string) => {
    if (text.startsWith(own)) return;
    let message: BusMessage;
    try {
      message = JSON.parse(text.slice(text.indexOf('\n') + 1)) as BusMessage;
    } catch (cause) {
      options.report(new Error('a bus message did not parse', { cause }));
      return;
    }
    // Presence is read from the set, where it is current: the message only says when to read it.
    if (message.kind === 'presence') refreshNow();
    else tell(message);
  });
  await subscriber.subscribe(CHANNEL);
  // Back after a drop (ioredis subscribes again by itself): what the others sent meanwhile is lost.
  // Either connection back: Redis may have come back empty, and the others not renewed yet.
  publisher.on('ready', () => {
    settlingUntil = Date.now() + ttlMs;
  });
  subscriber.on('ready', () => {
    settlingUntil = Date.now() + ttlMs;
    refreshNow();
    tell({ kind: 'missed' });
  });
  await refresh();
  const timer = setInterval(refreshNow, refreshMs);
  timer.unref();

  const publish = (message: BusMessage): void => {
    publisher.publish(CHANNEL, own + JSON.stringify(message)).catch((error: unknown) => {
      options.report(error instanceof Error ? error : new Error(String(error)));
    });
  };

  return {
    alone: false,
    publish,
    onMessage(handler) {
      handlers.push(handler);
    },
    elsewhere: () => elsewhere,
    presenceChanged() {
      refresh()
        .then(() => publish({ kind: 'presence' }))
        .catch((error: unknown) => options.report(error instanceof Error ? error : new Error(String(error))));
    },
    async close() {
      clearInterval(timer);
      if (published.size > 0) await publisher.zrem(PRESENCE, ...published).catch(() => undefined);
      subscriber.disconnect();
      await publisher.quit().catch(() => undefined);
    },
  };
}
