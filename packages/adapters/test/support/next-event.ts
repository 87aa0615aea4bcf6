import type { Transport, TransportEvents } from '@clavard/protocol';

/**
 * Resolves with the next `event` of `transport` that `match` accepts.
 *
 * @example
 * ```ts
 * const error = await nextEvent(transport, 'error');
 * ```
 */
export function nextEvent<K extends keyof TransportEvents>(
  transport: Transport,
  event: K,
  match: (payload: TransportEvents[K]) => boolean = () => true,
): Promise<TransportEvents[K]> {
  return new Promise((resolve) => {
    const off = transport.on(event, (payload) => {
      if (!match(payload)) return;
      off();
      resolve(payload);
    });
  });
}

/** A server frame decoded: JSON text parsed, values kept. */
export function decoded(data: unknown): Record<string, unknown> {
  const value: unknown = typeof data === 'string' ? JSON.parse(data) : data;
  if (typeof value !== 'object' || value === null) throw new Error(`not a frame: ${String(data)}`);
  return value as Record<string, unknown>;
}

/** Resolves with the next frame of type `type` (decoded). */
export async function nextFrame(transport: Transport, type: string): Promise<Record<string, unknown>> {
  return decoded(await nextEvent(transport, 'frame', (data) => decoded(data).type === type));
}

/**
 * Records every event of `transport` as text: `status:open`, `error:connection-lost`, `frame:pong`.
 *
 * @example
 * ```ts
 * const log = record(transport); transport.connect(); // … expect(log).toEqual(['status:connecting', …]);
 * ```
 */
export function record(transport: Transport): string[] {
  const log: string[] = [];
  transport.on('status', (status) => log.push(`status:${status}`));
  transport.on('error', (error) => log.push(`error:${error.code}`));
  transport.on('frame', (data) => log.push(`frame:${String(decoded(data).type)}`));
  return log;
}

/** Connects and resolves once open (rejects on an error first). */
export function openTransport(transport: Transport): Promise<void> {
  return new Promise((resolve, reject) => {
    const offStatus = transport.on('status', (status) => {
      if (status !== 'open') return;
      offStatus();
      offError();
      resolve();
    });
    const offError = transport.on('error', (error) => {
      offStatus();
      offError();
      reject(error);
    });
    transport.connect();
  });
}
