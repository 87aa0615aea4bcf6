// @vitest-environment happy-dom
import type { ConversationEvent } from '@clavard/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { verificationState } from '../src/verification.js';
import { at, type ConsoleHarness, mountConsole, takeConversation } from './support/harness.js';

let h: ConsoleHarness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const checkbox = (harness: ConsoleHarness, label: string) =>
  harness
    .all<HTMLLabelElement>('.verify .choice')
    .find((l) => l.textContent?.includes(label))
    ?.querySelector('input') as HTMLInputElement;

describe('identity verification from the console', () => {
  it('asks with the checks the agent picked, then shows only the decision', async () => {
    h = await mountConsole();
    await takeConversation(h);
    expect(h.get('[data-identity]').textContent).toBe('Not verified');
    expect(checkbox(h, 'Date of birth').checked).toBe(true);
    await h.step(() => checkbox(h as ConsoleHarness, 'Last four digits').click());
    await h.step(() => h?.button('Ask to verify').click());
    expect(h.link.sentOf('agent.verify')).toEqual([
      { type: 'agent.verify', conversationId: 'c1', checks: ['dob', 'last4'] },
    ]);

    const fields = [
      { name: 'dob', type: 'date' as const, label: 'Date of birth', required: true, sensitive: true },
    ];
    await h.deliver({
      type: 'agent.event',
      event: {
        type: 'form.request',
        conversationId: 'c1',
        seq: 2,
        at: at(2),
        formId: 'f1',
        kind: 'verification',
        fields,
      },
    });
    expect(h.get('[data-identity]').textContent).toBe('Verification asked, waiting for the visitor');
    await h.deliver({
      type: 'agent.event',
      event: {
        type: 'form.result',
        conversationId: 'c1',
        seq: 3,
        at: at(3),
        formId: 'f1',
        status: 'accepted',
        verified: true,
      },
    });
    expect(h.get('[data-identity]').textContent).toBe('Verified in this conversation');
  });

  it('cannot ask with no check chosen', async () => {
    h = await mountConsole();
    await takeConversation(h);
    await h.step(() => checkbox(h as ConsoleHarness, 'Date of birth').click());
    expect(h.button('Ask to verify').disabled).toBe(true);
    expect(h.model.verify('c1', [])).toBe(false);
    expect(h.link.sentOf('agent.verify')).toEqual([]);
  });
});

describe('verificationState', () => {
  it('follows the latest decision of a verification form and ignores other forms', () => {
    const request = (formId: string, kind: 'verification' | 'prechat'): ConversationEvent => ({
      type: 'form.request',
      conversationId: 'c1',
      seq: 1,
      at: at(1),
      formId,
      kind,
      fields: [],
    });
    const result = (formId: string, verified: boolean): ConversationEvent => ({
      type: 'form.result',
      conversationId: 'c1',
      seq: 2,
      at: at(2),
      formId,
      status: 'accepted',
      verified,
    });
    expect(verificationState([])).toBe('none');
    expect(verificationState([request('p', 'prechat'), result('p', true)])).toBe('none');
    expect(verificationState([request('v', 'verification'), result('v', false)])).toBe('not-verified');
    expect(verificationState([request('v', 'verification'), result('v', false), result('v', true)])).toBe(
      'verified',
    );
  });
});
