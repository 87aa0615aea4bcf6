import type { TestServerCore } from './node-server.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * A tiny protocol backend for transport tests: `session.hello` → `session.welcome`, `ping` → `pong`,
 * `message.send` → `message.ack`, anything else ignored; text that is not JSON → `error invalid-frame`.
 *
 * @example
 * ```ts
 * const server = await startTestServer(createEchoCore());
 * ```
 */
export function createEchoCore(): TestServerCore {
  return {
    accept(peer) {
      let seq = 0;
      const answer = (frame: Record<string, unknown>) => peer.send(JSON.stringify(frame));
      return {
        receive(data) {
          let frame: unknown = data;
          if (typeof data === 'string') {
            try {
              frame = JSON.parse(data);
            } catch {
              return answer({ type: 'error', code: 'invalid-frame', message: 'not JSON', retryable: false });
            }
          }
          if (!isRecord(frame)) return;
          if (frame.type === 'session.hello') {
            answer({
              type: 'session.welcome',
              v: '1.0',
              token: 'echo-token',
              resumed: false,
              availability: { online: true },
            });
          } else if (frame.type === 'ping') answer({ type: 'pong', id: frame.id });
          else if (frame.type === 'message.send') {
            seq++;
            answer({
              type: 'message.ack',
              conversationId: 'c-echo',
              clientId: frame.clientId,
              id: `m${seq}`,
              seq,
              at: new Date(0).toISOString(),
            });
          }
        },
        closed() {
          seq = 0;
        },
      };
    },
  };
}
