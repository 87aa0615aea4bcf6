// The identity checks an agent asks for (`VerificationCheck`, from the agent API) as a form in the
// visitor's language, and the demo's customer to check the answers against.
import { VERIFICATION_CHECKS, type VerificationCheck } from '@clavard/agent-api';
import type { FormField } from '@clavard/protocol';
import { formLanguage } from './language.js';

type Language = 'en' | 'fr';

const TEXTS: Record<Language, { title: string; reason: string } & Record<VerificationCheck, string>> = {
  en: {
    title: 'Verify your identity',
    reason: 'Before we look at your account, we need to make sure it is yours.',
    dob: 'Date of birth',
    postal: 'Postal code',
    last4: 'Last four digits of your account number',
  },
  fr: {
    title: 'Vérification de votre identité',
    reason: 'Avant de consulter votre compte, nous devons nous assurer qu’il est bien le vôtre.',
    dob: 'Date de naissance',
    postal: 'Code postal',
    last4: 'Quatre derniers chiffres de votre numéro de compte',
  },
};

const FIELDS: Record<VerificationCheck, Omit<FormField, 'label'>> = {
  dob: { name: 'dob', type: 'date', required: true, sensitive: true },
  postal: {
    name: 'postal',
    type: 'text',
    required: true,
    sensitive: true,
    pattern: '[A-Za-z]\\d[A-Za-z] ?\\d[A-Za-z]\\d',
    maxLength: 7,
  },
  last4: { name: 'last4', type: 'tel', required: true, sensitive: true, pattern: '\\d{4}', maxLength: 4 },
};

/**
 * The verification form for `checks`, in the visitor's language (French for any `fr*` locale, English
 * otherwise). Every field is required and sensitive: the widget masks it and keeps it out of storage,
 * and this server keeps only `[redacted]` in its place.
 *
 * @example
 * ```ts
 * verificationForm(['dob', 'last4'], 'fr-CA').fields[0]?.label; // 'Date de naissance'
 * ```
 */
export function verificationForm(
  checks: readonly VerificationCheck[],
  locale: string | null,
): { title: string; reason: string; fields: FormField[] } {
  const texts = TEXTS[formLanguage(locale)];
  const chosen = VERIFICATION_CHECKS.filter((check) => checks.includes(check));
  return {
    title: texts.title,
    reason: texts.reason,
    fields: chosen.map((check) => ({ ...FIELDS[check], label: texts[check] })),
  };
}

/**
 * The one customer the demo knows, to try identity verification: answer with these values to be
 * verified. A real server looks the visitor up in the organisation's own customer records instead.
 *
 * @example
 * ```ts
 * DEMO_CUSTOMER.dob; // '1990-04-25'
 * ```
 */
export const DEMO_CUSTOMER: Readonly<Record<VerificationCheck, string>> = {
  dob: '1990-04-25',
  postal: 'H2X 1Y4',
  last4: '4821',
};

const normalise = (check: VerificationCheck, value: string): string =>
  check === 'postal' ? value.replace(/\s+/g, '').toUpperCase() : value.trim();

/**
 * The reference server's default `verifyForm`: verified when every known check answered matches
 * {@link DEMO_CUSTOMER} and at least one was answered. Postal codes are compared without spaces or case.
 *
 * @example
 * ```ts
 * verifyDemoCustomer({ formId: 'f1', values: { dob: '1990-04-25' } }); // true
 * ```
 */
export function verifyDemoCustomer(submission: {
  formId: string;
  values: Readonly<Record<string, string>>;
}): boolean {
  let answered = 0;
  for (const check of VERIFICATION_CHECKS) {
    if (!Object.hasOwn(submission.values, check)) continue;
    const value = submission.values[check] ?? '';
    if (normalise(check, value) !== normalise(check, DEMO_CUSTOMER[check])) return false;
    answered += 1;
  }
  return answered > 0;
}
