import type { AgentInfo } from '@clavard/protocol';

/** The longest name shown, in code points; longer names are cut at a grapheme boundary. */
const MAX_NAME_LENGTH = 64;

/**
 * Bidi controls (embeddings, overrides, isolates, marks) and other control characters: a name holding
 * them could reverse the text around it ("Julie is typing" read backwards) or hide characters.
 */
const CONTROLS = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * The one agent-name policy of the widget: the first name exactly as the server sent it, only made safe
 * to show: bidi and control characters removed, spaces trimmed and collapsed, cut at 64 code points
 * (never inside a grapheme, so no half emoji). Use it everywhere a name is shown: header, messages,
 * "is typing", transfer notices, transcript, events. Show it in a `<bdi>` so an Arabic name next to
 * English text keeps its own direction.
 *
 * @param fallback What to show when nothing is left of the name. @default ''
 * @example
 * ```ts
 * agentDisplayName({ firstName: '  Julie \n' }); // 'Julie'
 * agentDisplayName({ firstName: '\u202eeiluJ' }); // 'eiluJ' (the override is gone, not the letters)
 * ```
 */
export function agentDisplayName(agent: Pick<AgentInfo, 'firstName'>, fallback = ''): string {
  const raw = typeof agent?.firstName === 'string' ? agent.firstName : '';
  // Tabs and newlines are controls too: they become spaces, the other controls go.
  const cleaned = raw
    .replace(CONTROLS, (control) => (/\s/.test(control) ? ' ' : ''))
    .replace(/\s+/g, ' ')
    .trim();
  const capped = capGraphemes(cleaned, MAX_NAME_LENGTH).trim();
  return capped === '' ? fallback : capped;
}

/**
 * The initial shown in the avatar circle when the agent has no picture: the first grapheme (so `👩🏽‍💻`
 * and `É` stay whole) of the first letter or digit of {@link agentDisplayName}, upper-cased for the locale
 * when that stays one grapheme. `''` when the name is empty.
 *
 * @param locale For upper-casing (Turkish `i` → `İ`). @default the engine's locale
 * @example
 * ```ts
 * agentInitial({ firstName: 'élodie' }); // 'É'
 * agentInitial({ firstName: '(Marc)' }); // 'M'
 * ```
 */
export function agentInitial(agent: Pick<AgentInfo, 'firstName'>, locale?: string): string {
  const graphemes = splitGraphemes(agentDisplayName(agent));
  const first = graphemes.find((grapheme) => /[\p{L}\p{N}]/u.test(grapheme)) ?? graphemes[0] ?? '';
  let upper: string;
  try {
    upper = first.toLocaleUpperCase(locale);
  } catch {
    upper = first.toUpperCase(); // not a language tag: upper-case without locale rules
  }
  return splitGraphemes(upper).length === 1 ? upper : first;
}

/** Grapheme clusters with `Intl.Segmenter`, else code points with their combining marks. */
function splitGraphemes(text: string): string[] {
  if (typeof Intl.Segmenter === 'function') {
    return Array.from(
      new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text),
      (part) => part.segment,
    );
  }
  return text.match(/\P{M}\p{M}*|\p{M}+/gu) ?? [];
}

/** The longest prefix of whole graphemes within `max` code points (a giant grapheme is cut by code points). */
function capGraphemes(text: string, max: number): string {
  if (text.length <= max) return text; // fewer code units than the cap: fewer code points too
  let kept = '';
  let length = 0;
  for (const grapheme of splitGraphemes(text)) {
    const size = Array.from(grapheme).length;
    if (length + size > max) {
      return length === 0 ? Array.from(grapheme).slice(0, max).join('') : kept;
    }
    kept += grapheme;
    length += size;
  }
  return kept;
}
