import { describe, expect, it } from 'vitest';
import { visitorLabel } from '../src/visitor-label.js';

describe('who the console says the visitor is', () => {
  it('names an identified visitor as identified, whatever the pre-chat form said', () => {
    expect(
      visitorLabel({ userId: 'c-1042', name: 'Ana Tremblay', email: 'ana@example.com' }, { name: 'Someone' }),
    ).toBe('Ana Tremblay <ana@example.com> · identified');
    expect(visitorLabel({ userId: 'c-1042' })).toBe('c-1042 · identified');
  });

  it('says what the visitor typed in the pre-chat form is not verified', () => {
    expect(visitorLabel(undefined, { name: 'Ben', email: 'ben@example.com' })).toBe(
      'Ben <ben@example.com> · not verified',
    );
    expect(visitorLabel(undefined, { email: 'ben@example.com' })).toBe('ben@example.com · not verified');
    expect(visitorLabel(undefined, { name: 'Ben' })).toBe('Ben · not verified');
  });

  it('calls anyone else an anonymous visitor', () => {
    expect(visitorLabel(undefined)).toBe('Anonymous visitor');
    expect(visitorLabel(undefined, {})).toBe('Anonymous visitor');
  });
});
