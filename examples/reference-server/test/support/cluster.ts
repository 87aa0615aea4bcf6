/**
 * What the cluster tests share: nodes on one Postgres database (a throwaway one per test) and this run's
 * Redis, and a look at how many nodes listen on the bus.
 */
import { connect as connectTcp } from 'node:net';
import { inject } from 'vitest';
import { throwawayDatabase } from './postgres.js';

/**
 * This run's private Redis (scripts/test-services.ts), or an error saying why there is none.
 *
 * @example
 * ```ts
 * const node = await startTestServer({ database, redisUrl: runRedisUrl() });
 * ```
 */
export function runRedisUrl(): string {
  const url = inject('redisUrl');
  if (url === undefined) throw new Error(`no Redis: ${inject('servicesMissing').redis}`);
  return url;
}

/**
 * The database the nodes of one test share: a throwaway Postgres database, as a cluster shares its
 * Postgres. `drop()` removes it, once the nodes are stopped.
 *
 * @example
 * ```ts
 * const shared = await sharedDatabase();
 * const nodeA = await startTestServer({ database: shared.url, redisUrl: runRedisUrl() });
 * ```
 */
export function sharedDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  return throwawayDatabase();
}

/**
 * How many clients listen on the bus's channel: every node's, once they have (re)subscribed.
 *
 * @example
 * ```ts
 * await expect.poll(() => subscribers(redisUrl)).toBe(2);
 * ```
 */
export function subscribers(redisUrl: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(redisUrl);
    const socket = connectTcp(Number(port), hostname, () => socket.write('PUBSUB NUMSUB clavard:bus\r\n'));
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      reply += chunk;
      const count = reply.match(/^\*2\r\n\$\d+\r\nclavard:bus\r\n:(\d+)\r\n/)?.[1];
      if (count !== undefined) {
        socket.end();
        resolve(Number(count));
      }
    });
    socket.on('error', reject);
  });
}
