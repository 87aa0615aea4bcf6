// The script-tag build's ../proactive-options.ts (swapped in by scripts/build-embed.mjs). The tag gives
// at most one rule, from its `data-proactive-*` attributes, checked one by one as they were read
// (./proactive-attributes.ts): here that rule is only put in the visitor's language, without checking
// it a second time with `mount()`'s rules.
import { pickText } from '../localized-text.js';
import type { ProactiveRule, ResolvedProactiveRule } from '../proactive-options.js';

/**
 * The tag's rules (already checked) in the visitor's language: its text in French for a French locale
 * when the tag has `data-proactive-text-fr`, else the text.
 *
 * @example
 * ```ts
 * checkProactive([{ id: 'tag', text: { en: 'Questions?', fr: 'Des questions?' }, afterSeconds: 20 }], 'fr-CA');
 * // [{ id: 'tag', text: 'Des questions?', afterSeconds: 20, path: undefined, whenOffline: false }]
 * ```
 */
export function checkProactive(value: unknown, locale: string): ResolvedProactiveRule[] {
  return ((value ?? []) as ProactiveRule[]).map((rule) => ({
    id: rule.id,
    text: (pickText(rule.text, locale, true) as string).trim(),
    afterSeconds: rule.afterSeconds,
    path: rule.path,
    whenOffline: rule.whenOffline === true,
  }));
}
