// The transport checks that need an endpoint of their own: one that is not there, one that accepts and never
// answers, one that refuses a POST of frames with 413. Each is skipped when its option is not given.
import type { Transport } from '@clavard/protocol';
import type { ConformanceCheckName, ConformanceOptions } from './conformance.js';
import type { CheckContext } from './run-checks.js';
import { openTransport, pingPong, sayHello, waitForEvent } from './wait.js';

type Context = CheckContext<ConformanceOptions>;

const assert: (condition: boolean, message: string) => asserts condition = (condition, message) => {
  if (!condition) throw new Error(message);
};

/** The id of the ping that {@link fetchAnswering413} refuses. */
export const REFUSED_PING_ID = 'conformance-refused-413';

/**
 * A `fetch` for an HTTP transport under test (`createRefusingTransport`): a `POST …/channel/frames` whose body
 * holds the check's marked ping is answered `413` without reaching the server; every other request goes
 * through `fetchImpl`.
 *
 * @example
 * ```ts
 * await runTransportConformance({
 *   createTransport: () => createSseTransport({ url }),
 *   createRefusingTransport: () => createSseTransport({ url, fetch: fetchAnswering413() }),
 * });
 * ```
 */
export function fetchAnswering413(
  fetchImpl: (input: string, init?: RequestInit) => Promise<Response> = (input, init) => fetch(input, init),
): (input: string, init?: RequestInit) => Promise<Response> {
  return async (input, init) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    if (init?.method === 'POST' && input.endsWith('/channel/frames') && body.includes(REFUSED_PING_ID)) {
      return new Response(null, { status: 413 });
    }
    return fetchImpl(input, init);
  };
}

/** Run `check` on the transport `create` makes, closed afterwards whatever happens. */
async function withTransport(create: () => Transport, check: (transport: Transport) => Promise<void>) {
  const transport = create();
  try {
    await check(transport);
  } finally {
    transport.close();
  }
}

type EndpointCheckName = Extract<
  ConformanceCheckName,
  'unreachable-reports-error' | 'silent-endpoint-times-out' | 'refused-post-keeps-connection'
>;

export const ENDPOINT_CHECKS: Record<EndpointCheckName, (ctx: Context) => Promise<void>> = {
  async 'unreachable-reports-error'(ctx) {
    const create = ctx.options.createUnreachableTransport;
    if (!create) return;
    await withTransport(create, async (transport) => {
      const order: string[] = [];
      transport.on('error', (error) => order.push(`error ${error.code}`));
      await waitForEvent(
        transport,
        'status',
        (s) => {
          if (s === 'closed') order.push('closed');
          return s === 'closed';
        },
        () => transport.connect(),
        ctx.timeoutMs,
        "status 'closed' from an unreachable endpoint",
      );
      assert(
        order.join(' → ') === 'error connection-lost → closed',
        `an unreachable endpoint gave ${order.join(' → ')}, not error connection-lost → closed`,
      );
    });
  },
  async 'silent-endpoint-times-out'(ctx) {
    const create = ctx.options.createSilentTransport;
    if (!create) return;
    await withTransport(create, async (transport) => {
      const errors: string[] = [];
      transport.on('error', (error) => errors.push(error.code));
      await waitForEvent(
        transport,
        'status',
        (s) => s === 'closed',
        () => transport.connect(),
        ctx.timeoutMs,
        "status 'closed' from an endpoint that never answers (is connectTimeoutMs under timeoutMs?)",
      );
      assert(
        errors[0] === 'connect-timeout',
        `an endpoint that never answers gave ${errors.join(', ') || 'no error'}, not connect-timeout`,
      );
    });
  },
  async 'refused-post-keeps-connection'(ctx) {
    const create = ctx.options.createRefusingTransport;
    if (!create) return;
    await withTransport(create, async (transport) => {
      await openTransport(transport, ctx.timeoutMs);
      await sayHello(transport, { ...ctx.options.hello }, ctx.timeoutMs);
      const error = await waitForEvent(
        transport,
        'error',
        () => true,
        () => transport.send({ type: 'ping', id: REFUSED_PING_ID }),
        ctx.timeoutMs,
        'an error after a POST of frames answered 413',
      );
      assert(error.code === 'frame-too-large', `a POST answered 413 gave ${error.code}, not frame-too-large`);
      assert(transport.status === 'open', `after a 413 the transport is '${transport.status}', not 'open'`);
      await pingPong(transport, 'after-413', ctx.timeoutMs);
    });
  },
};
