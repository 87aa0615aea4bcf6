import { isGreeting, isVerificationCheck, type Phrase } from '@clavard/agent-api';
import { describe, expect, it } from 'vitest';

describe('isGreeting', () => {
  const phrases: Phrase[] = [
    { id: 'g', locale: 'en', kind: 'greeting', label: 'Hello', text: "Hello, I'm {name}. How can I help?" },
    { id: 'h', locale: 'en', kind: 'hold', label: 'Hold', text: 'One moment please.' },
  ];

  it('accepts the greeting with the agent name, whatever the case, spacing and punctuation, and more after it', () => {
    expect(isGreeting("Hello, I'm Julie. How can I help?", phrases, 'Julie')).toBe(true);
    expect(isGreeting('hello   I’m julie how can i help … About your invoice', phrases, 'Julie')).toBe(true);
  });

  it('refuses another name, another kind of phrase, or a greeting that is only a prefix of a word', () => {
    expect(isGreeting("Hello, I'm Marc. How can I help?", phrases, 'Julie')).toBe(false);
    expect(isGreeting('One moment please.', phrases, 'Julie')).toBe(false);
    expect(isGreeting("Hello, I'm Julie. How can I helpful", phrases, 'Julie')).toBe(false);
  });
});

describe('isVerificationCheck', () => {
  it('knows dob, postal and last4 only', () => {
    expect(['dob', 'postal', 'last4', 'ssn', 1, null].map(isVerificationCheck)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
