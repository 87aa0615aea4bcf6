import type { MemoryChatServer } from '@clavard/adapters/memory';

/** Sees each frame crossing a chat core, decoded; may schedule a kill (never inside the call). */
export interface FrameHooks {
  /** A frame from a client, before the core handles it. */
  fromClient?(frame: Record<string, unknown>): void;
  /** A frame from the core to a client, as it is handed to the connection. */
  toClient?(frame: Record<string, unknown>): void;
}

/** The part of a chat core a server binds connections to. */
export type ChatCore = Pick<MemoryChatServer, 'accept'>;

const decode = (data: unknown): Record<string, unknown> => {
  let value: unknown = data;
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data);
    } catch {
      return {}; // not JSON: the core answers it with an error frame, the hooks have nothing to see
    }
  }
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
};

/**
 * `core` with `hooks` called on every frame in and out, for servers that take a core but have no frame
 * hooks of their own (the adapters' Node test server). Client frames may come as JSON text (WebSocket) or
 * decoded (HTTP batches).
 *
 * @example
 * ```ts
 * const server = await startTestServer(withFrameHooks(core, { fromClient: (frame) => seen.push(frame) }));
 * ```
 */
export function withFrameHooks(core: ChatCore, hooks: FrameHooks): ChatCore {
  return {
    accept(peer) {
      const connection = core.accept({
        send: (data) => {
          hooks.toClient?.(decode(data));
          peer.send(data);
        },
        close: (reason) => peer.close(reason),
      });
      return {
        receive: (data) => {
          hooks.fromClient?.(decode(data));
          connection.receive(data);
        },
        closed: () => connection.closed(),
      };
    },
  };
}
