/** A running proxy: where to reach it, and how to stop it (its connections closed). */
export interface RoundRobinProxy {
  url: string;
  close(): Promise<void>;
}
export function startRoundRobinProxy(
  targets: readonly string[],
  options?: { port?: number },
): Promise<RoundRobinProxy>;
