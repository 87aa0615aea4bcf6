import type { SessionHello, Transport } from '@clavard/protocol';

/**
 * The outcome of one check of a conformance suite.
 *
 * @example
 * ```ts
 * ({ name: 'ping-pong', ok: false, error: 'timed out after 5000 ms waiting for a pong frame after ping' });
 * ```
 */
export interface CheckResult<Name extends string> {
  name: Name;
  ok: boolean;
  /** Not run (the option it needs was not given). */
  skipped?: boolean;
  /** Why it failed. */
  error?: string;
}

/**
 * The outcome of a conformance suite.
 *
 * @example
 * ```ts
 * const report: CheckReport<'ping-pong'> = { passed: 1, failed: 0, skipped: 0, results: [{ name: 'ping-pong', ok: true }] };
 * ```
 */
export interface CheckReport<Name extends string> {
  passed: number;
  failed: number;
  skipped: number;
  results: CheckResult<Name>[];
}

/** What a check receives: a maker of transports (closed for it afterwards) and the options. */
export interface CheckContext<Options> {
  make(): Transport;
  options: Options;
  timeoutMs: number;
  quietMs: number;
}

/**
 * What the options of both suites share.
 *
 * @example
 * ```ts
 * const options: SuiteOptions<'ping-pong'> = { createTransport: () => createWebSocketTransport({ url }), only: ['ping-pong'] };
 * ```
 */
export interface SuiteOptions<Name extends string> {
  /** A new transport to your server, in `idle` state; called once or more per check. */
  createTransport: () => Transport;
  /** Longest wait for any one event, in ms. @default 5000 */
  timeoutMs?: number;
  /** How long to watch for frames that must not come, in ms. @default 100 */
  quietMs?: number;
  /** Fields added to every `session.hello` (an identity token for your server, a locale). @default { locale: 'en' } */
  hello?: Partial<Pick<SessionHello, 'locale' | 'identity' | 'attributes'>>;
  /** Run only these checks. @default every check */
  only?: readonly Name[];
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Run `checks` in the order of `names`, each with its own transports (closed afterwards) and a deadline
 * of four time-outs; a check `skip` names is reported skipped. Never rejects: every failure, whatever the
 * server does, ends up in the report.
 *
 * @example
 * ```ts
 * const report = await runChecks(CONFORMANCE_CHECKS, checks, options, (name) => false);
 * ```
 */
export async function runChecks<Name extends string, Options extends SuiteOptions<Name>>(
  names: readonly Name[],
  checks: Record<Name, (ctx: CheckContext<Options>) => Promise<void>>,
  options: Options,
  skip: (name: Name) => boolean = () => false,
): Promise<CheckReport<Name>> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const results: CheckResult<Name>[] = [];
  for (const name of names) {
    if (options.only && !options.only.includes(name)) continue;
    if (skip(name)) {
      results.push({ name, ok: true, skipped: true });
      continue;
    }
    const failure = await runOne(checks[name], options, timeoutMs);
    results.push(failure === undefined ? { name, ok: true } : { name, ok: false, error: describe(failure) });
  }
  const passed = results.filter((r) => r.ok && !r.skipped).length;
  const skipped = results.filter((r) => r.skipped).length;
  return { passed, failed: results.length - passed - skipped, skipped, results };
}

async function runOne<Options extends SuiteOptions<string>>(
  check: (ctx: CheckContext<Options>) => Promise<void>,
  options: Options,
  timeoutMs: number,
): Promise<unknown> {
  const made: Transport[] = [];
  const ctx: CheckContext<Options> = {
    make() {
      const transport = options.createTransport();
      made.push(transport);
      return transport;
    },
    options,
    timeoutMs,
    quietMs: options.quietMs ?? 100,
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<Error>((resolve) => {
    timer = setTimeout(() => resolve(new Error(`check took over ${timeoutMs * 4} ms`)), timeoutMs * 4);
  });
  const run = Promise.resolve()
    .then(() => check(ctx))
    .then(
      () => undefined,
      (error: unknown) => error ?? new Error('the check failed without a reason'),
    );
  let failure = await Promise.race([run, deadline]);
  clearTimeout(timer);
  for (const transport of made) {
    try {
      transport.close();
    } catch (error) {
      failure ??= new Error(`close() threw: ${describe(error)}`);
    }
  }
  return failure;
}
