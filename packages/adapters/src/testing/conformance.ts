import type { Transport } from '@clavard/protocol';
import type { fetchAnswering413 } from './endpoint-checks.js';
import { type CheckReport, type CheckResult, runChecks, type SuiteOptions } from './run-checks.js';
import { TRANSPORT_CHECKS } from './transport-checks.js';

/**
 * The names of the checks of {@link runTransportConformance}, in the order they run.
 *
 * @example
 * ```ts
 * await runTransportConformance({ createTransport, only: ['ping-pong'] });
 * ```
 */
export const CONFORMANCE_CHECKS = [
  'status-sequence',
  'connect-idempotent',
  'hello-welcome',
  'ping-pong',
  'message-ack-and-echo',
  'send-while-not-open-throws',
  'close-idempotent',
  'no-frames-after-close',
  'reconnect-after-close',
  'resume-with-token',
  'unsubscribe-stops-listener',
  'close-emits-no-error',
  'oversized-send-throws',
  'burst-keeps-order',
  'unreachable-reports-error',
  'silent-endpoint-times-out',
  'refused-post-keeps-connection',
] as const;

/** One of {@link CONFORMANCE_CHECKS}. */
export type ConformanceCheckName = (typeof CONFORMANCE_CHECKS)[number];

/**
 * Options of {@link runTransportConformance}.
 *
 * @example
 * ```ts
 * const options: ConformanceOptions = {
 *   createTransport: () => createWebSocketTransport({ url }),
 *   createUnreachableTransport: () => createWebSocketTransport({ url: 'ws://127.0.0.1:9' }),
 * };
 * ```
 */
export interface ConformanceOptions extends SuiteOptions<ConformanceCheckName> {
  /** A transport to an endpoint that does not answer; without it that check is skipped. */
  createUnreachableTransport?: () => Transport;
  /**
   * A transport to an endpoint that accepts the connection and never answers, made with a short
   * `connectTimeoutMs` (under `timeoutMs`); without it that check is skipped.
   */
  createSilentTransport?: () => Transport;
  /**
   * HTTP transports: a transport whose `fetch` answers 413 to the check's marked POST of frames (make it
   * with {@link fetchAnswering413}); without it that check is skipped.
   */
  createRefusingTransport?: () => Transport;
}

/**
 * The outcome of one check.
 *
 * @example
 * ```ts
 * ({ name: 'ping-pong', ok: false, error: 'timed out after 5000 ms waiting for a pong frame after ping' });
 * ```
 */
export type ConformanceResult = CheckResult<ConformanceCheckName>;

/**
 * The outcome of {@link runTransportConformance}.
 *
 * @example
 * ```ts
 * const report: ConformanceReport = await runTransportConformance({ createTransport });
 * if (report.failed > 0) console.table(report.results);
 * ```
 */
export type ConformanceReport = CheckReport<ConformanceCheckName>;

/**
 * A framework-agnostic conformance suite for a transport and the server behind it: status sequence,
 * idempotent connect and close, frames both ways (hello → welcome, ping → pong, message.send → ack and
 * echo, all validated with `parseServerFrame`), send refused while not open, reconnect and resume, no
 * frames after close, unsubscribe, close without error, a frame over 256 KiB refused by `send()`, order
 * under a burst, and the endpoints of their own options: unreachable (`connection-lost`), silent
 * (`connect-timeout`), a POST answered 413 (`frame-too-large`, the connection stays). Every wait has a timeout, so it never
 * hangs; run it with real timers. Never throws: read the report.
 *
 * @example
 * ```ts
 * import { runTransportConformance } from '@clavard/adapters/testing';
 *
 * it('our transport conforms', async () => {
 *   const report = await runTransportConformance({ createTransport: () => createMyTransport(url) });
 *   expect(report.results.filter((r) => !r.ok)).toEqual([]);
 * });
 * ```
 */
export function runTransportConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  return runChecks(
    CONFORMANCE_CHECKS,
    TRANSPORT_CHECKS,
    options,
    (name) =>
      (name === 'unreachable-reports-error' && !options.createUnreachableTransport) ||
      (name === 'silent-endpoint-times-out' && !options.createSilentTransport) ||
      (name === 'refused-post-keeps-connection' && !options.createRefusingTransport),
  );
}
