// Vitest's global setup: a private Postgres and Redis for this run (scripts/services.mjs), their URLs
// handed to the tests through `inject('postgresUrl')` and `inject('redisUrl')`, both stopped when the run
// ends. A service that is not installed is not started: the tests that need it fail with the reason
// (`inject('servicesMissing')`), and `npm test` installs both first (scripts/setup.mjs).
import type { TestProject } from 'vitest/node';
import { startPostgres, startRedis } from './services.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `postgres://…` of this run's private Postgres (its `postgres` database), when installed. */
    postgresUrl: string | undefined;
    /** `redis://…` of this run's private Redis, when installed. */
    redisUrl: string | undefined;
    /** Why a service is missing, by its name. */
    servicesMissing: Record<string, string>;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const missing: Record<string, string> = {};
  const [postgres, redis] = await Promise.all(
    (
      [
        ['postgres', startPostgres],
        ['redis', startRedis],
      ] as const
    ).map(([name, start]) =>
      start().catch((error: unknown) => {
        missing[name] = error instanceof Error ? error.message : String(error);
        return undefined;
      }),
    ),
  );
  project.provide('postgresUrl', postgres?.url);
  project.provide('redisUrl', redis?.url);
  project.provide('servicesMissing', missing);
  // An interrupted run (Ctrl-C, `timeout`) skips the teardown: stop the servers from the signal instead.
  const onSignal = (signal: NodeJS.Signals): void => {
    postgres?.stopNow();
    redis?.stopNow();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await Promise.all([postgres?.stop(), redis?.stop()]);
  };
}
