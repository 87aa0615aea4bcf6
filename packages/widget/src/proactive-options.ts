import { ChatError } from '@clavard/protocol';
import { type LocalizedText, pickText } from './localized-text.js';

/**
 * One proactive message of {@link MountOptions.proactive}: after `afterSeconds` on a page whose path
 * matches `path`, a small bubble by the launcher says `text`. Shown at most once per visitor per rule per
 * day, never while the panel is open, and only while an agent is online unless `whenOffline`.
 *
 * @example
 * ```ts
 * const rule: ProactiveRule = {
 *   id: 'plans',
 *   text: { en: 'Questions about our plans? Julie is online', fr: 'Une question sur nos forfaits? Julie est en ligne' },
 *   afterSeconds: 30,
 *   path: '/plans/*',
 * };
 * ```
 */
export interface ProactiveRule {
  /** Names the rule in the once-a-day record and in the `proactive.*` events: 1 to 64 letters, digits, `_`, `-`, `.`. */
  id: string;
  /** The message, one text or one per locale; plain text of at most 200 characters. */
  text: LocalizedText;
  /** Seconds on the page before it shows, 0 to 3600. */
  afterSeconds: number;
  /**
   * The pages it shows on, matched against `location.pathname`: `*` stands for any characters but `/`,
   * `**` for any characters; without it, every page.
   */
  path?: string;
  /** Show it also when no agent is online (or before the widget knows). @default false */
  whenOffline?: boolean;
}

/**
 * A {@link ProactiveRule} once checked, with its text in the visitor's locale.
 *
 * @example
 * ```ts
 * const rule: ResolvedProactiveRule = { id: 'plans', text: 'Questions about our plans?', afterSeconds: 30, path: '/plans/*', whenOffline: false };
 * ```
 */
export interface ResolvedProactiveRule {
  id: string;
  text: string;
  afterSeconds: number;
  path: string | undefined;
  whenOffline: boolean;
}

const isText = (text: unknown): boolean => typeof text === 'string' && !!text.trim() && text.length <= 200;

/** Each field of a rule: its check (`undefined` is given when it is missing) and what it must be. */
const FIELDS: Record<string, [check: (value: unknown) => boolean, expected: string]> = {
  id: [(id) => typeof id === 'string' && /^[\w.-]{1,64}$/.test(id), '1 to 64 letters, digits, _, - or .'],
  text: [
    (text) =>
      isText(text) ||
      (typeof text === 'object' &&
        !!text &&
        Object.keys(text).length > 0 &&
        Object.values(text).every(isText)),
    'a text of 1 to 200 characters, or one per locale',
  ],
  afterSeconds: [
    (seconds) => typeof seconds === 'number' && seconds >= 0 && seconds <= 3600,
    'a number from 0 to 3600',
  ],
  path: [
    (path) => path === undefined || (typeof path === 'string' && /^\/\S{0,511}$/.test(path)),
    'a path such as "/plans/*"',
  ],
  whenOffline: [(flag) => flag === undefined || typeof flag === 'boolean', 'true or false'],
};

/**
 * Checks the `proactive` option: an array of {@link ProactiveRule}s with distinct ids. A wrong rule
 * throws `ChatError('invalid-option')` naming it (`proactive[0].afterSeconds`). `undefined` is no rule.
 *
 * @example
 * ```ts
 * checkProactive([{ id: 'plans', text: { en: 'Hi', fr: 'Allô' }, afterSeconds: 30 }], 'fr-CA'); // [{ id: 'plans', text: 'Allô', … }]
 * ```
 */
export function checkProactive(value: unknown, locale: string): ResolvedProactiveRule[] {
  if (value === undefined) return [];
  const fail = (name: string, expected: string, cause?: unknown): never => {
    throw new ChatError('invalid-option', `mount: option "proactive${name}" ${expected}`, {
      retryable: false,
      cause,
    });
  };
  if (!Array.isArray(value)) fail('', 'must be an array of rules', value);
  const ids = new Set<string>();
  return (value as unknown[]).map((rule, index) => {
    const at = `[${index}]`;
    if (typeof rule !== 'object' || rule === null) return fail(at, 'must be an object', rule);
    const field = (key: string): unknown => (Object.hasOwn(rule, key) ? Reflect.get(rule, key) : undefined);
    for (const key of Object.keys(rule))
      if (!Object.hasOwn(FIELDS, key)) fail(`${at}.${key}`, 'is not a rule field');
    for (const [key, [check, expected]] of Object.entries(FIELDS))
      if (!check(field(key))) fail(`${at}.${key}`, `must be ${expected}`, field(key));
    // Own fields only: a polluted `Object.prototype` adds nothing to a rule.
    const id = field('id') as string;
    if (ids.has(id)) fail(`${at}.id`, 'must be unique', id);
    ids.add(id);
    return {
      id,
      text: (pickText(field('text') as LocalizedText, locale, true) as string).trim(),
      afterSeconds: field('afterSeconds') as number,
      path: field('path') as string | undefined,
      whenOffline: field('whenOffline') === true,
    };
  });
}
