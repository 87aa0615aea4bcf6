/**
 * The identity checks an agent can ask a visitor for (`agent.verify`). The server, not the console, turns
 * them into a form in the visitor's language, so that labels, formats and the explanation are the
 * organisation's.
 */
import { isOneOf } from '@clavard/protocol/internal';

/**
 * One identity check: date of birth, postal code, or the last four digits of the account number.
 *
 * @example
 * ```ts
 * const checks: VerificationCheck[] = ['dob', 'postal'];
 * ```
 */
export type VerificationCheck = 'dob' | 'postal' | 'last4';

/**
 * Every check, in the order a form asks them.
 *
 * @example
 * ```ts
 * VERIFICATION_CHECKS.filter((check) => chosen.includes(check)); // the chosen ones, in form order
 * ```
 */
export const VERIFICATION_CHECKS: readonly VerificationCheck[] = ['dob', 'postal', 'last4'];

/**
 * Whether `value` names a {@link VerificationCheck}.
 *
 * @example
 * ```ts
 * isVerificationCheck('dob'); // true
 * isVerificationCheck('ssn'); // false
 * ```
 */
export const isVerificationCheck = (value: unknown): value is VerificationCheck =>
  isOneOf(VERIFICATION_CHECKS, value);
