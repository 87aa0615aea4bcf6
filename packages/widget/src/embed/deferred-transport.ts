// The panel's transport while the one it needs is in a file not loaded yet (the SSE transport, in
// clavard-sse.js): the chat client gets a Transport at once, and the file is loaded on the first connect().
import { ChatError, type Transport, type TransportEvents, type TransportStatus } from '@clavard/protocol';
import { createEmitter } from '@clavard/protocol/internal';

/**
 * A {@link Transport} that makes the real one with `load()` on the first `connect()`, then forwards to
 * it. Until it is there the status is `connecting` (or `closed` after `close()`), and `send()` throws
 * `transport-closed` as any closed transport does. When `load()` rejects, its `ChatError` (retryable) is
 * reported and the status turns `closed`: the client reconnects as after a lost connection, which loads
 * again.
 *
 * @example
 * ```ts
 * const transport = createDeferredTransport(async () => (await loadSse()).createSseTransport({ url }));
 * ```
 */
export function createDeferredTransport(load: () => Promise<Transport>): Transport {
  const emitter = createEmitter<TransportEvents>();
  let real: Transport | undefined;
  let status: TransportStatus = 'idle';
  let loading = false;
  const set = (next: TransportStatus): void => {
    if (next === status) return;
    status = next;
    emitter.emit('status', next);
  };
  const arrived = (made: Transport): void => {
    real = made;
    made.on('frame', (frame) => emitter.emit('frame', frame));
    made.on('error', (error) => emitter.emit('error', error));
    made.on('status', set);
    if (status === 'connecting') made.connect();
  };
  return {
    get status() {
      return status;
    },
    connect() {
      if (real) return real.connect();
      if (loading) return;
      loading = true;
      set('connecting');
      load().then(
        (made) => {
          loading = false;
          arrived(made);
        },
        (cause: unknown) => {
          loading = false;
          if (status !== 'connecting') return;
          emitter.emit(
            'error',
            ChatError.isInstance(cause)
              ? cause
              : new ChatError('unavailable', 'Clavard: the transport could not be loaded', {
                  retryable: true,
                  cause,
                }),
          );
          set('closed');
        },
      );
    },
    send(frame) {
      if (!real) throw new ChatError('transport-closed', 'Clavard: the transport is not open yet');
      real.send(frame);
    },
    close() {
      if (real) real.close();
      else if (status === 'connecting') set('closed');
    },
    on: (event, listener) => emitter.on(event, listener),
  };
}
