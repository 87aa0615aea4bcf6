/** A running proxy: where to reach it, and how to stop it (its connections closed). */
export interface RoundRobinProxy {
  url: string;
  /** The node (its index among the targets) each WebSocket went to, in order. */
  socketNodes(): number[];
  close(): Promise<void>;
}
export function startRoundRobinProxy(
  targets: readonly string[],
  options?: { port?: number },
): Promise<RoundRobinProxy>;
