import { ChatError } from '@clavard/protocol';

/**
 * A colour as red, green and blue channels from 0 to 255 (sRGB, opaque).
 *
 * @example
 * ```ts
 * const brand: Rgb = { r: 0, g: 85, b: 170 };
 * ```
 */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/**
 * A colour as CSS text (`#rgb`, `#rrggbb`, `rgb(r g b)`, `rgb(r, g, b)`; channels as numbers or
 * percentages) or already parsed.
 *
 * @example
 * ```ts
 * const input: ColorInput = 'rgb(0 85 170)';
 * ```
 */
export type ColorInput = string | Rgb;

/**
 * The text colour chosen for a background by {@link pickTextColor}.
 *
 * @example
 * ```ts
 * const choice: TextColorChoice = { color: '#ffffff', ratio: 7.1, meetsAA: true };
 * ```
 */
export interface TextColorChoice {
  /** The candidate with the highest contrast, as it was given. */
  color: string;
  /** Its contrast ratio against the background, from 1 to 21. */
  ratio: number;
  /** Whether the ratio reaches 4.5:1, WCAG 2.2 level AA for normal text. */
  meetsAA: boolean;
}

/** WCAG 2.2 level AA for normal text (1.4.3). */
const AA_NORMAL_TEXT = 4.5;
const BLACK: Rgb = { r: 0, g: 0, b: 0 };
const WHITE: Rgb = { r: 255, g: 255, b: 255 };

/**
 * Parses a CSS colour. Supports `#rgb`, `#rrggbb`, `rgb(r g b)` and `rgb(r, g, b)` (numbers or
 * percentages, clamped to range as CSS does); no names, no alpha.
 *
 * @throws ChatError `invalid-option` when the text is not such a colour.
 * @example
 * ```ts
 * parseColor('#05a'); // { r: 0, g: 85, b: 170 }
 * parseColor('rgb(0, 85, 170)'); // { r: 0, g: 85, b: 170 }
 * ```
 */
export function parseColor(input: ColorInput): Rgb {
  if (typeof input === 'object' && input !== null) {
    const { r, g, b } = input;
    if ([r, g, b].every((channel) => typeof channel === 'number' && Number.isFinite(channel))) {
      return { r: clampChannel(r), g: clampChannel(g), b: clampChannel(b) };
    }
    throw invalidColor(input);
  }
  if (typeof input !== 'string' || input.length > 64) throw invalidColor(input);
  const text = input.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(text)?.[1];
  if (hex !== undefined) {
    const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
    const value = Number.parseInt(full, 16);
    return { r: (value >> 16) & 0xff, g: (value >> 8) & 0xff, b: value & 0xff };
  }
  const body = /^rgb\(([^()]*)\)$/.exec(text)?.[1];
  if (body !== undefined) {
    const parts = body.includes(',') ? body.split(',').map((part) => part.trim()) : body.trim().split(/\s+/);
    const channels = parts.map(parseChannel);
    const [r, g, b] = channels;
    if (channels.length === 3 && r !== undefined && g !== undefined && b !== undefined) return { r, g, b };
  }
  throw invalidColor(input);
}

/**
 * The WCAG 2.2 relative luminance of a colour, from 0 (black) to 1 (white).
 *
 * @throws ChatError `invalid-option` when the colour cannot be parsed.
 * @example
 * ```ts
 * relativeLuminance('#ffffff'); // 1
 * ```
 */
export function relativeLuminance(color: ColorInput): number {
  const { r, g, b } = parseColor(color);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/**
 * The WCAG 2.2 contrast ratio of two colours, from 1 (same luminance) to 21 (black on white). Symmetric.
 *
 * @throws ChatError `invalid-option` when a colour cannot be parsed.
 * @example
 * ```ts
 * contrastRatio('#000', '#fff'); // 21
 * ```
 */
export function contrastRatio(first: ColorInput, second: ColorInput): number {
  const a = relativeLuminance(first);
  const b = relativeLuminance(second);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/**
 * Picks the text colour that contrasts most with a background, for text on the brand colour (launcher,
 * header, the visitor's bubbles). Ties go to the earlier candidate.
 *
 * @param candidates Colours to choose from. @default ['#ffffff', '#111111']
 * @throws ChatError `invalid-option` when a colour cannot be parsed or there is no candidate.
 * @example
 * ```ts
 * pickTextColor('#0055aa'); // { color: '#ffffff', ratio: 7.3…, meetsAA: true }
 * ```
 */
export function pickTextColor(
  background: ColorInput,
  candidates: readonly string[] = ['#ffffff', '#111111'],
): TextColorChoice {
  let best: TextColorChoice | undefined;
  for (const color of candidates) {
    const ratio = contrastRatio(color, background);
    if (best === undefined || ratio > best.ratio) best = { color, ratio, meetsAA: ratio >= AA_NORMAL_TEXT };
  }
  if (best === undefined) throw new ChatError('invalid-option', 'pickTextColor needs at least one candidate');
  return best;
}

/**
 * Returns `color`, darkened (mixed with black) or lightened (mixed with white), as little as needed for a
 * contrast of at least `min` against `against`, as `#rrggbb`: brand-coloured text and links stay readable
 * on the panel background in the light and the dark theme. When no mix reaches `min`, returns black or
 * white, whichever contrasts more.
 *
 * @param min The contrast ratio to reach, from 1 to 21. @default 4.5
 * @throws ChatError `invalid-option` when a colour cannot be parsed or `min` is out of range.
 * @example
 * ```ts
 * ensureContrast('#ffcc00', '#ffffff'); // a dark yellow-brown that reaches 4.5:1 on white
 * ensureContrast('#0055aa', '#121212'); // a lighter blue for the dark theme
 * ```
 */
export function ensureContrast(color: ColorInput, against: ColorInput, min: number = AA_NORMAL_TEXT): string {
  if (typeof min !== 'number' || !(min >= 1 && min <= 21)) {
    throw new ChatError('invalid-option', `contrast ratio must be between 1 and 21, got ${String(min)}`, {
      cause: min,
    });
  }
  const start = parseColor(color);
  const background = parseColor(against);
  const passes = (candidate: Rgb) => contrastRatio(candidate, background) >= min;
  if (passes(start)) return toHex(start);
  let best: { weight: number; rgb: Rgb } | undefined;
  for (const target of [BLACK, WHITE]) {
    if (!passes(target)) continue;
    // `start` fails, and luminance moves one way along the mix: the weights that pass form [w, 1]. Find w.
    let low = 0;
    let high = 1;
    for (let step = 0; step < 24; step += 1) {
      const middle = (low + high) / 2;
      if (passes(mix(start, target, middle))) high = middle;
      else low = middle;
    }
    if (best === undefined || high < best.weight) best = { weight: high, rgb: mix(start, target, high) };
  }
  if (best !== undefined) return toHex(best.rgb);
  return contrastRatio(BLACK, background) >= contrastRatio(WHITE, background) ? toHex(BLACK) : toHex(WHITE);
}

/**
 * Formats a colour as lower-case `#rrggbb`.
 *
 * @example
 * ```ts
 * toHex({ r: 0, g: 85, b: 170 }); // '#0055aa'
 * ```
 */
export function toHex(color: Rgb): string {
  return `#${[color.r, color.g, color.b].map((channel) => clampChannel(channel).toString(16).padStart(2, '0')).join('')}`;
}

function mix(from: Rgb, to: Rgb, weight: number): Rgb {
  // Rounded, so that the colour tested is the colour returned.
  const channel = (a: number, b: number) => Math.round(a + (b - a) * weight);
  return { r: channel(from.r, to.r), g: channel(from.g, to.g), b: channel(from.b, to.b) };
}

function linear(channel: number): number {
  const value = channel / 255;
  return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

function parseChannel(part: string): number | undefined {
  const match = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(%?)$/.exec(part);
  if (match === null) return undefined;
  const value = Number(match[1]);
  return clampChannel(match[2] === '%' ? (value * 255) / 100 : value);
}

function clampChannel(value: number): number {
  return Math.min(255, Math.max(0, Math.round(value)));
}

function invalidColor(input: unknown): ChatError {
  const shown = typeof input === 'string' ? JSON.stringify(input.slice(0, 64)) : typeof input;
  return new ChatError('invalid-option', `not a colour: ${shown} (use #rgb, #rrggbb or rgb(r g b))`, {
    cause: input,
  });
}
