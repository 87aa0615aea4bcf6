import { ChatError } from '@clavard/protocol';
import {
  contrastRatio,
  ensureContrast,
  parseColor,
  pickTextColor,
  relativeLuminance,
  toHex,
} from '@clavard/widget/ui-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const LIGHT_PANEL = '#ffffff';
const DARK_PANEL = '#121212';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return ChatError.isInstance(error) ? error.code : `not a ChatError: ${String(error)}`;
  }
  return undefined;
}

describe('parseColor', () => {
  it.each([
    ['#05a', { r: 0, g: 85, b: 170 }],
    ['#0055AA', { r: 0, g: 85, b: 170 }],
    ['  #0055aa  ', { r: 0, g: 85, b: 170 }],
    ['rgb(0 85 170)', { r: 0, g: 85, b: 170 }],
    ['rgb(0, 85, 170)', { r: 0, g: 85, b: 170 }],
    ['RGB( 0 ,85,170 )', { r: 0, g: 85, b: 170 }],
    ['rgb(100% 0% 50%)', { r: 255, g: 0, b: 128 }],
    ['rgb(300 -20 12.4)', { r: 255, g: 0, b: 12 }],
  ])('reads %j', (input, expected) => {
    expect(parseColor(input)).toEqual(expected);
  });

  it('accepts an already parsed colour', () => {
    expect(parseColor({ r: 1, g: 2, b: 3 })).toEqual({ r: 1, g: 2, b: 3 });
  });

  it.each([
    '',
    'red',
    '#12',
    '#12345',
    '#1234',
    '#gggggg',
    'rgb(1 2)',
    'rgb(1 2 3 4)',
    'rgb(1, 2 3)x',
    'rgb(a b c)',
    'rgb(1 2 3',
    'rgba(1 2 3 / 50%)',
    'hsl(0 0% 0%)',
    'url(javascript:alert(1))',
    `#${'0'.repeat(100)}`,
  ])('refuses %j with a ChatError invalid-option', (input) => {
    expect(codeOf(() => parseColor(input))).toBe('invalid-option');
  });

  it('refuses a value that is not a colour at all with a ChatError invalid-option', () => {
    expect(codeOf(() => parseColor(undefined as unknown as string))).toBe('invalid-option');
    expect(codeOf(() => parseColor(null as unknown as string))).toBe('invalid-option');
    expect(codeOf(() => parseColor({ r: 'x', g: 0, b: 0 } as unknown as string))).toBe('invalid-option');
  });
});

describe('relativeLuminance and contrastRatio (WCAG 2.2)', () => {
  it('gives black 0 and white 1', () => {
    expect(relativeLuminance('#000')).toBe(0);
    expect(relativeLuminance('#fff')).toBeCloseTo(1, 10);
  });

  it('gives 21:1 for black on white, in either order', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#fff', '#000')).toBeCloseTo(21, 10);
  });

  it('gives 1:1 for a colour on itself', () => {
    expect(contrastRatio('#0055aa', 'rgb(0 85 170)')).toBe(1);
  });

  it('matches the known reference values around the AA threshold', () => {
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('weights green above red above blue', () => {
    expect(relativeLuminance('#00ff00')).toBeCloseTo(0.7152, 4);
    expect(relativeLuminance('#ff0000')).toBeCloseTo(0.2126, 4);
    expect(relativeLuminance('#0000ff')).toBeCloseTo(0.0722, 4);
  });

  it('throws a ChatError invalid-option for an invalid colour', () => {
    expect(codeOf(() => contrastRatio('#fff', 'blue-ish'))).toBe('invalid-option');
  });
});

describe('pickTextColor', () => {
  it('picks white on a dark brand colour and says it reaches AA', () => {
    const choice = pickTextColor('#0055aa');
    expect(choice.color).toBe('#ffffff');
    expect(choice.meetsAA).toBe(true);
    expect(choice.ratio).toBeCloseTo(contrastRatio('#ffffff', '#0055aa'), 10);
  });

  it('picks the dark candidate on a light brand colour', () => {
    expect(pickTextColor('#ffcc00').color).toBe('#111111');
  });

  it('returns the candidate as it was given', () => {
    expect(pickTextColor('#000', ['rgb(255 255 255)', '#222']).color).toBe('rgb(255 255 255)');
  });

  it('says when even the best candidate does not reach AA', () => {
    const choice = pickTextColor('#808080', ['#999999', '#666666']);
    expect(choice.meetsAA).toBe(false);
    expect(choice.ratio).toBeLessThan(4.5);
  });

  it('gives a tie to the first candidate', () => {
    expect(pickTextColor('#000', ['#fff', '#ffffff']).color).toBe('#fff');
  });

  it('throws a ChatError invalid-option for no candidate', () => {
    expect(codeOf(() => pickTextColor('#000', []))).toBe('invalid-option');
  });

  it('throws a ChatError invalid-option for an invalid background', () => {
    expect(codeOf(() => pickTextColor('not a colour'))).toBe('invalid-option');
  });
});

describe('ensureContrast', () => {
  it('returns a colour that already reaches the ratio unchanged, as #rrggbb', () => {
    expect(ensureContrast('#05a', LIGHT_PANEL)).toBe('#0055aa');
  });

  it('darkens a light brand colour for a light panel until it reaches 4.5:1', () => {
    const adjusted = ensureContrast('#ffcc00', LIGHT_PANEL);
    expect(contrastRatio(adjusted, LIGHT_PANEL)).toBeGreaterThanOrEqual(4.5);
    expect(relativeLuminance(adjusted)).toBeLessThan(relativeLuminance('#ffcc00'));
  });

  it('lightens a dark brand colour for a dark panel until it reaches 4.5:1', () => {
    const adjusted = ensureContrast('#0055aa', DARK_PANEL);
    expect(contrastRatio(adjusted, DARK_PANEL)).toBeGreaterThanOrEqual(4.5);
    expect(relativeLuminance(adjusted)).toBeGreaterThan(relativeLuminance('#0055aa'));
  });

  it('changes the colour as little as needed: one step less would not reach the ratio', () => {
    const adjusted = parseColor(ensureContrast('#ffcc00', LIGHT_PANEL));
    const lighter = { r: adjusted.r + 2, g: adjusted.g + 2, b: adjusted.b + 2 };
    expect(contrastRatio(lighter, LIGHT_PANEL)).toBeLessThan(4.5);
  });

  it('keeps the hue when darkening: the channels keep their order', () => {
    const { r, g, b } = parseColor(ensureContrast('#ffcc00', LIGHT_PANEL));
    expect(r).toBeGreaterThan(g);
    expect(g).toBeGreaterThan(b);
  });

  it('reaches a higher ratio when asked (AAA, 7:1)', () => {
    expect(contrastRatio(ensureContrast('#3399ff', LIGHT_PANEL, 7), LIGHT_PANEL)).toBeGreaterThanOrEqual(7);
  });

  it('returns black or white when no mix can reach the ratio', () => {
    expect(ensureContrast('#808080', '#333333', 20)).toBe('#ffffff');
    expect(ensureContrast('#808080', '#cccccc', 20)).toBe('#000000');
  });

  it('reaches the ratio for any colour on the light and the dark panel', () => {
    fc.assert(
      fc.property(
        fc.record({
          r: fc.integer({ min: 0, max: 255 }),
          g: fc.integer({ min: 0, max: 255 }),
          b: fc.integer({ min: 0, max: 255 }),
        }),
        fc.constantFrom(LIGHT_PANEL, DARK_PANEL, '#f4f4f5', '#1e1e2e'),
        (brand, panel) => {
          expect(contrastRatio(ensureContrast(toHex(brand), panel), panel)).toBeGreaterThanOrEqual(4.5);
        },
      ),
      { seed: 3, numRuns: 500 },
    );
  });

  it.each([0.5, 22, Number.NaN])('throws a ChatError invalid-option for a ratio of %s', (min) => {
    expect(codeOf(() => ensureContrast('#000', '#fff', min))).toBe('invalid-option');
  });

  it('throws a ChatError invalid-option for an invalid colour', () => {
    expect(codeOf(() => ensureContrast('brand', LIGHT_PANEL))).toBe('invalid-option');
    expect(codeOf(() => ensureContrast('#000', 'panel'))).toBe('invalid-option');
  });
});

describe('toHex', () => {
  it('writes lower-case #rrggbb, clamping and rounding channels', () => {
    expect(toHex({ r: 0, g: 85.4, b: 300 })).toBe('#0055ff');
  });
});
