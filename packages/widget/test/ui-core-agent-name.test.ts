import { agentDisplayName, agentInitial } from '@clavard/widget/ui-core';
import { afterEach, describe, expect, it, vi } from 'vitest';

const agent = (firstName: string) => ({ id: 'a-17', firstName });

function withoutSegmenter(): void {
  vi.stubGlobal('Intl', Object.create(Intl, { Segmenter: { value: undefined } }));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('agentDisplayName', () => {
  it('returns the first name as the server sent it', () => {
    expect(agentDisplayName(agent('Julie'))).toBe('Julie');
  });

  it('does not change case, accents or hyphens', () => {
    expect(agentDisplayName(agent('marie-Ève'))).toBe('marie-Ève');
  });

  it('keeps names in other scripts as they are', () => {
    expect(agentDisplayName(agent('ليلى'))).toBe('ليلى');
    expect(agentDisplayName(agent('Nguyễn'))).toBe('Nguyễn');
  });

  it('trims and collapses whitespace, including newlines and tabs', () => {
    expect(agentDisplayName(agent('  Julie \n\t Anne  '))).toBe('Julie Anne');
  });

  it('removes a right-to-left override, which would flip the surrounding text', () => {
    expect(agentDisplayName(agent('\u202eeiluJ'))).toBe('eiluJ');
  });

  it('removes every bidi control: embeddings, isolates and marks', () => {
    const controls = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c';
    expect(agentDisplayName(agent(`Ju${controls}lie`))).toBe('Julie');
  });

  it('leaves one space where a removed control stood between two spaces', () => {
    expect(agentDisplayName(agent('Julie \u202e Anne'))).toBe('Julie Anne');
  });

  it('removes control characters', () => {
    expect(agentDisplayName(agent('Ju\u0000li\u0007e\u009b'))).toBe('Julie');
  });

  it('keeps the joiners that some scripts and emoji need', () => {
    expect(agentDisplayName(agent('می\u200cخواهم'))).toBe('می\u200cخواهم');
    expect(agentDisplayName(agent('Sam 👩🏽‍💻'))).toBe('Sam 👩🏽‍💻');
  });

  it('caps a long name at 64 characters', () => {
    expect(agentDisplayName(agent('a'.repeat(1000)))).toBe('a'.repeat(64));
  });

  it('never cuts an emoji in half at the cap', () => {
    expect(agentDisplayName(agent(`${'a'.repeat(62)}👩🏽‍💻`))).toBe('a'.repeat(62));
  });

  it('cuts a giant grapheme (stacked combining marks) at 64 code points', () => {
    expect(agentDisplayName(agent(`Z${'\u0301'.repeat(5000)}`))).toBe(`Z${'\u0301'.repeat(63)}`);
  });

  it('does not end with a space after the cap', () => {
    expect(agentDisplayName(agent(`${'a'.repeat(63)} b`))).toBe('a'.repeat(63));
  });

  it('never cuts a letter from its accent at the cap without Intl.Segmenter', () => {
    withoutSegmenter();
    expect(agentDisplayName(agent(`${'a'.repeat(63)}e\u0301`))).toBe('a'.repeat(63));
  });

  it('returns the fallback when nothing is left of the name', () => {
    expect(agentDisplayName(agent(' \u202e\u2066 '), 'Agent')).toBe('Agent');
    expect(agentDisplayName(agent(''))).toBe('');
  });

  it('returns the fallback when the first name is not a string', () => {
    expect(agentDisplayName({ firstName: 42 as unknown as string }, 'Agent')).toBe('Agent');
  });
});

describe('agentInitial', () => {
  it('returns the first letter, upper-cased', () => {
    expect(agentInitial(agent('julie'))).toBe('J');
  });

  it('keeps an accented letter whole', () => {
    expect(agentInitial(agent('élodie'))).toBe('É');
    expect(agentInitial(agent('e\u0301lodie'))).toBe('E\u0301');
  });

  it('skips leading punctuation', () => {
    expect(agentInitial(agent('(Marc)'))).toBe('M');
  });

  it('returns a whole emoji when the name has no letter', () => {
    expect(agentInitial(agent('👩🏽‍💻'))).toBe('👩🏽‍💻');
  });

  it('keeps a letter whose upper case is two letters', () => {
    expect(agentInitial(agent('ßeta'))).toBe('ß');
  });

  it('upper-cases with the rules of the locale', () => {
    expect(agentInitial(agent('ilker'), 'tr')).toBe('İ');
    expect(agentInitial(agent('ilker'), 'en')).toBe('I');
  });

  it('upper-cases without locale rules when the locale is not a language tag', () => {
    expect(agentInitial(agent('ilker'), 'not a locale!')).toBe('I');
  });

  it('returns the first letter of a name in another script', () => {
    expect(agentInitial(agent('ليلى'))).toBe('ل');
  });

  it('ignores a bidi control before the name', () => {
    expect(agentInitial(agent('\u202ejulie'))).toBe('J');
  });

  it('returns an empty string for an empty name', () => {
    expect(agentInitial(agent('  '))).toBe('');
  });

  it('keeps a letter and its accent together without Intl.Segmenter', () => {
    withoutSegmenter();
    expect(agentInitial(agent('e\u0301lodie'))).toBe('E\u0301');
  });
});
