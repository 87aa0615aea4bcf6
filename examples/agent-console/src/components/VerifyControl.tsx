import type { VerificationCheck } from '@clavard/agent-api';
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/translator.js';
import { CHECKS } from '../verification.js';

/**
 * Ask the visitor to verify their identity with the chosen checks (date of birth by default). Where it
 * stands is shown once, in the visitor's details.
 *
 * @example
 * ```tsx
 * <VerifyControl onVerify={(checks) => model.verify(id, checks)} />
 * ```
 */
export function VerifyControl({ onVerify }: { onVerify(checks: VerificationCheck[]): boolean }) {
  const { t } = useI18n();
  const [checks, setChecks] = useState<VerificationCheck[]>(['dob']);
  const toggle = (check: VerificationCheck, on: boolean) =>
    setChecks((current) => (on ? [...current, check] : current.filter((c) => c !== check)));
  return (
    <fieldset class="verify">
      <legend>{t('verify.legend')}</legend>
      {CHECKS.map((check) => (
        <label key={check} class="choice">
          <input
            type="checkbox"
            checked={checks.includes(check)}
            onChange={(event) => toggle(check, event.currentTarget.checked)}
          />
          {t(`verify.check.${check}`)}
        </label>
      ))}
      <button type="button" disabled={checks.length === 0} onClick={() => onVerify(checks)}>
        {t('verify.ask')}
      </button>
    </fieldset>
  );
}
