/** A private server started for a test run. */
export interface StartedService {
  /** How to reach it: `postgres://…` or `redis://…`. */
  url: string;
  /** Shuts it down and removes its files. */
  stop(): Promise<void>;
  /** The same without waiting for it to be gone (from a signal handler). */
  stopNow(): void;
}
export function postgresBin(): string | undefined;
export function redisBin(): string | undefined;
export function startPostgres(): Promise<StartedService>;
export function startRedis(options?: { port?: number }): Promise<StartedService>;
export function createDatabase(adminUrl: string, name: string): Promise<string>;
