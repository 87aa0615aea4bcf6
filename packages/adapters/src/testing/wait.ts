import {
  type ClientFrame,
  PROTOCOL_VERSION,
  parseServerFrame,
  type ServerFrame,
  type SessionHello,
  type Transport,
  type TransportEvents,
} from '@clavard/protocol';

/**
 * Wait for the first `event` of `transport` whose payload passes `accept`, after running `trigger`
 * (subscribed first, so nothing is missed). Rejects after `timeoutMs` with an error naming `what`.
 *
 * @example
 * ```ts
 * await waitForEvent(transport, 'status', (s) => s === 'open', () => transport.connect(), 5000, 'open');
 * ```
 */
export function waitForEvent<K extends keyof TransportEvents>(
  transport: Transport,
  event: K,
  accept: (payload: TransportEvents[K]) => boolean,
  trigger: () => void,
  timeoutMs: number,
  what: string,
): Promise<TransportEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const off = transport.on(event, (payload) => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
    try {
      trigger();
    } catch (error) {
      clearTimeout(timer);
      off();
      reject(error);
    }
  });
}

/**
 * The server frame(s) whose `type` is `T` (`ping` and `pong` share one interface, so `Extract` fails).
 *
 * @example
 * ```ts
 * const pong: FrameOf<'pong'> = { type: 'pong', id: 'p1' };
 * ```
 */
export type FrameOf<T extends ServerFrame['type']> = ServerFrame & { type: T };

/**
 * Send `frame` (when given) and wait for the first valid server frame of type `type` that passes
 * `accept`. Frames are validated with `parseServerFrame`.
 *
 * @example
 * ```ts
 * const welcome = await request(transport, { type: 'session.hello', v: '1.0', locale: 'en' }, 'session.welcome', () => true, 5000);
 * ```
 */
export async function request<T extends ServerFrame['type']>(
  transport: Transport,
  frame: ClientFrame | undefined,
  type: T,
  accept: (frame: FrameOf<T>) => boolean,
  timeoutMs: number,
): Promise<FrameOf<T>> {
  let found: FrameOf<T> | undefined;
  let malformed: Error | undefined;
  await waitForEvent(
    transport,
    'frame',
    (data) => {
      const result = parseServerFrame(data);
      if (!result.ok) {
        // The frame awaited, but broken: say so now rather than time out.
        if (!result.ignored && typeOf(data) === type) {
          malformed = new Error(`got ${type}, but ${result.error.message.replace(/^[\w.]+: /, '')}`);
          return true;
        }
        return false;
      }
      if (result.value.type !== type) return false;
      const value = result.value as FrameOf<T>;
      if (!accept(value)) return false;
      found = value;
      return true;
    },
    () => frame && transport.send(frame),
    timeoutMs,
    `a ${type} frame${frame ? ` after ${frame.type}` : ''}`,
  );
  if (malformed) throw malformed;
  if (!found) throw new Error(`no ${type} frame`);
  return found;
}

/** The `type` field of a frame as received (a JSON text or a decoded value), if it has one. */
const typeOf = (data: unknown): unknown => {
  try {
    const value: unknown = typeof data === 'string' ? JSON.parse(data) : data;
    return typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  } catch {
    return undefined; // not JSON: not the frame awaited
  }
};

/**
 * Connect `transport` (when it is not open yet) and wait for `open`.
 *
 * @example
 * ```ts
 * await openTransport(transport, 5000);
 * ```
 */
export async function openTransport(transport: Transport, timeoutMs: number): Promise<void> {
  if (transport.status === 'open') return;
  await waitForEvent(
    transport,
    'status',
    (s) => s === 'open',
    () => transport.connect(),
    timeoutMs,
    "status 'open'",
  );
}

/**
 * Say hello (version 1.0, locale `en`, then `fields`) and wait for the welcome.
 *
 * @example
 * ```ts
 * const welcome = await sayHello(transport, { token }, 5000);
 * ```
 */
export function sayHello(
  transport: Transport,
  fields: Partial<Omit<SessionHello, 'type'>>,
  timeoutMs: number,
): Promise<FrameOf<'session.welcome'>> {
  const frame: SessionHello = { type: 'session.hello', v: PROTOCOL_VERSION, locale: 'en', ...fields };
  return request(transport, frame, 'session.welcome', () => true, timeoutMs);
}

/**
 * Ping with `id` and wait for the pong with the same id.
 *
 * @example
 * ```ts
 * await pingPong(transport, 'still-usable', 5000);
 * ```
 */
export function pingPong(transport: Transport, id: string, timeoutMs: number): Promise<FrameOf<'pong'>> {
  return request(transport, { type: 'ping', id }, 'pong', (pong) => pong.id === id, timeoutMs);
}
