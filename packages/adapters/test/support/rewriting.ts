import type { Transport, TransportEvents } from '@clavard/protocol';

/**
 * The server's frames as the client receives them, rewritten by `edit` (a planted server bug): a frame
 * becomes another, several (an array), or none (`null`).
 *
 * @example
 * ```ts
 * const broken = rewriting(server.createTransport(), (frame) => (frame.type === 'pong' ? null : frame));
 * ```
 */
export function rewriting(
  inner: Transport,
  edit: (frame: Record<string, unknown>) => Record<string, unknown> | Record<string, unknown>[] | null,
): Transport {
  return {
    get status() {
      return inner.status;
    },
    connect: () => inner.connect(),
    send: (frame) => inner.send(frame),
    close: () => inner.close(),
    on<K extends keyof TransportEvents>(event: K, listener: (payload: TransportEvents[K]) => void) {
      if (event !== 'frame') return inner.on(event, listener);
      return inner.on('frame', (data) => {
        const edited = edit(JSON.parse(String(data)) as Record<string, unknown>);
        for (const frame of edited === null ? [] : [edited].flat()) {
          (listener as (payload: string) => void)(JSON.stringify(frame));
        }
      });
    },
  };
}
