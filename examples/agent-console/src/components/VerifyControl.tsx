import type { VerificationCheck } from '@clavard/reference-server';
import { useState } from 'preact/hooks';
import { CHECK_LABELS, type verificationState } from '../verification.js';

const STATE_TEXT = {
  none: 'Not asked yet',
  pending: 'Waiting for the visitor',
  verified: 'Verified',
  'not-verified': 'Not verified',
} as const;

/**
 * Ask the visitor to verify their identity: the agent picks the checks (date of birth, postal code,
 * last four digits), the visitor answers a form inside the conversation, and the console shows only the
 * server's decision ("Verified" / "Not verified"), never the values.
 *
 * @example
 * ```tsx
 * <VerifyControl state={verificationState(c.events)} onVerify={(checks) => model.verify(c.id, checks)} />
 * ```
 */
export function VerifyControl({
  state,
  onVerify,
}: {
  state: ReturnType<typeof verificationState>;
  onVerify(checks: VerificationCheck[]): boolean;
}) {
  const [checks, setChecks] = useState<VerificationCheck[]>(['dob']);
  const toggle = (check: VerificationCheck, on: boolean) =>
    setChecks((current) => (on ? [...current, check] : current.filter((c) => c !== check)));
  return (
    <fieldset class="verify">
      <legend>Verify identity</legend>
      <p class="verify-state" data-state={state} role="status">
        Identity: {STATE_TEXT[state]}
      </p>
      {CHECK_LABELS.map(({ check, label }) => (
        <label key={check} class="choice">
          <input
            type="checkbox"
            checked={checks.includes(check)}
            onChange={(event) => toggle(check, event.currentTarget.checked)}
          />
          {label}
        </label>
      ))}
      <button type="button" disabled={checks.length === 0} onClick={() => onVerify(checks)}>
        Ask to verify
      </button>
    </fieldset>
  );
}
