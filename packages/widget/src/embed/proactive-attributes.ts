import type { ProactiveRule } from '../proactive-options.js';

/**
 * The script tag's proactive message, one rule (a page's tag carries that page's rule): `data-proactive-text`
 * (required, 1 to 200 characters), `data-proactive-text-fr` (for French locales), `data-proactive-after`
 * (required, seconds from 0 to 3600), `data-proactive-path` (a glob such as `/plans/*`),
 * `data-proactive-offline` (also when no agent is online) and `data-proactive-id` (default `tag`). Only
 * copied and checked as attributes, with the rules `mount()` applies (which are not in this file): a wrong
 * one drops the rule and adds one line to `problems`. Undefined when the tag has no rule.
 *
 * @example
 * ```ts
 * readProactiveRule(script, problems); // { id: 'tag', text: { en: 'Questions?', fr: 'Des questions?' }, afterSeconds: 30, path: '/plans/*' }
 * ```
 */
export function readProactiveRule(script: Element, problems: string[]): ProactiveRule | undefined {
  const [text, fr, after, path, offline, id = 'tag'] = [
    'text',
    'text-fr',
    'after',
    'path',
    'offline',
    'id',
  ].map((name) => script.getAttribute(`data-proactive-${name}`) ?? undefined);
  if (text === undefined && after === undefined) return undefined;
  const isText = (value = ''): unknown => value.trim() && value.length <= 200;
  // The names of the attributes that are wrong.
  const wrong = [
    !isText(text) && 'text',
    fr !== undefined && !isText(fr) && 'text-fr',
    !(/^\d+(\.\d*)?$/.test(after ?? '') && Number(after) <= 3600) && 'after',
    path !== undefined && !/^\/\S{0,511}$/.test(path) && 'path',
    !/^(|true|false)$/.test(offline ?? '') && 'offline',
    !/^[\w.-]{1,64}$/.test(id) && 'id',
  ].filter(Boolean);
  if (wrong.length > 0) {
    problems.push(`data-proactive-${wrong.join(', -')} wrong (see the README); no proactive message`);
    return undefined;
  }
  return {
    id,
    text: fr === undefined ? (text as string) : { en: text as string, fr },
    afterSeconds: Number(after),
    ...(path === undefined ? {} : { path }),
    whenOffline: offline !== undefined && offline !== 'false',
  };
}
