import { ATTACHMENT_CHECKS } from './attachment-checks.js';
import { type CheckReport, type CheckResult, runChecks, type SuiteOptions } from './run-checks.js';
import { SERVER_CHECKS } from './server-checks.js';

/**
 * The names of the checks of {@link runServerConformance}, in the order they run.
 *
 * @example
 * ```ts
 * await runServerConformance({ createTransport, only: ['resend-is-duplicate'] });
 * ```
 */
export const SERVER_CONFORMANCE_CHECKS = [
  'hello-first',
  'other-major-refused',
  'welcome-valid',
  'availability-agents-valid',
  'prechat-first-answered',
  'unknown-token-new-session',
  'seq-from-one-gap-free',
  'resend-is-duplicate',
  'conflict-is-refused',
  'resume-replays-after-last-seq',
  'wrong-epoch-discontinuity',
  'history-pages-honour-limit',
  'history-frames-under-size-limit',
  'token-opens-only-its-own',
  'ping-pong-same-id',
  'second-hello-refused',
  'malformed-frame-typed-error',
  'unknown-form-typed-error',
  'handoff-unknown-invalid',
  'text-too-long-typed-error',
  'attachment-stored-and-sent',
  'attachment-type-from-bytes',
  'attachment-size-enforced',
  'attachment-only-its-own',
] as const;

/** One of {@link SERVER_CONFORMANCE_CHECKS}. */
export type ServerCheckName = (typeof SERVER_CONFORMANCE_CHECKS)[number];

/**
 * Options of {@link runServerConformance}: those both suites share.
 *
 * @example
 * ```ts
 * const options: ServerConformanceOptions = { createTransport: () => createWebSocketTransport({ url }) };
 * ```
 */
export interface ServerConformanceOptions extends SuiteOptions<ServerCheckName> {
  /**
   * The base of your server's HTTP paths for attachments (`…/uploads`, `…/files`): the reference server's
   * `http://host:port/widget`. Without it, the `attachment-*` checks are reported skipped.
   */
  httpUrl?: string;
}

/**
 * The outcome of one server check.
 *
 * @example
 * ```ts
 * ({ name: 'resend-is-duplicate', ok: false, error: 'the resend was stored again: 2 messages with clientId …' });
 * ```
 */
export type ServerCheckResult = CheckResult<ServerCheckName>;

/**
 * The outcome of {@link runServerConformance}.
 *
 * @example
 * ```ts
 * const report: ServerConformanceReport = await runServerConformance({ createTransport });
 * ```
 */
export type ServerConformanceReport = CheckReport<ServerCheckName>;

/**
 * Prove a *server* against the protocol (docs/protocol.md), through any transport: the hello comes first
 * and another major version is refused; the welcome names at most three online agents, with first names
 * and http(s) pictures, and none while offline; seq starts at 1 with no gap and an ack names the stored event; a
 * resend is answered as a duplicate and stored once, the same clientId with another text is refused;
 * resume replays exactly what came after `lastSeq`, and a wrong epoch is a discontinuity; `history.since`
 * pages honour `limit`, have no gap and say `hasMore`, and no frame is over 256 KiB however long the
 * messages; a session cannot read another's conversation; ping, malformed and oversized frames, and a
 * `form.submit` for a form never asked, get their documented answers and the connection stays usable; a
 * handoff token the server never made opens nothing (1.2). With
 * `httpUrl`, attachments: a file is stored with the type its bytes say and sent in a message, an HTML page
 * named `.png` and a file over the limit (whatever its slot said) are refused, and nobody else reads it. Every frame is
 * validated with `parseServerFrame`; a frame that arrives broken is reported as such. Never rejects.
 *
 * @example
 * ```ts
 * import { runServerConformance } from '@clavard/adapters/testing';
 *
 * const report = await runServerConformance({ createTransport: () => createWebSocketTransport({ url, WebSocket }) });
 * if (report.failed > 0) console.table(report.results);
 * ```
 */
export function runServerConformance(options: ServerConformanceOptions): Promise<ServerConformanceReport> {
  return runChecks(
    SERVER_CONFORMANCE_CHECKS,
    { ...SERVER_CHECKS, ...ATTACHMENT_CHECKS },
    options,
    (name) => name.startsWith('attachment-') && options.httpUrl === undefined,
  );
}
