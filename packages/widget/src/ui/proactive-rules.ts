import type { ChatStorage } from '../headless/index.js';
import type { ResolvedProactiveRule } from '../proactive-options.js';

// The pure part of proactive messages: which rules apply to a page, and the once-a-day record.

/**
 * Whether `pathname` matches the rule's `glob`: `*` is any characters but `/`, `**` any characters,
 * everything else itself; a missing glob matches every page. A trailing `/` on either side is ignored.
 *
 * @example
 * ```ts
 * matchesPath('/plans/*', '/plans/fibre'); // true
 * matchesPath('/plans/*', '/plans/fibre/1g'); // false
 * matchesPath('/plans/**', '/plans/fibre/1g'); // true
 * ```
 */
export function matchesPath(glob: string | undefined, pathname: string): boolean {
  if (glob === undefined) return true;
  const trim = (path: string): string => (path.length > 1 ? path.replace(/\/$/, '') : path);
  const pattern = trim(glob)
    .split(/(\*\*?)/)
    .map((part) =>
      part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${pattern}$`).test(trim(pathname));
}

/**
 * The visitor's calendar day of `time` (local time), as `YYYY-MM-DD`: "once a day" means once per
 * calendar day where the visitor is.
 *
 * @example
 * ```ts
 * dayOf(new Date(2026, 11, 5, 23, 59).getTime()); // '2026-12-05'
 * ```
 */
export function dayOf(time: number): string {
  const date = new Date(time);
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/**
 * The record of which proactive rules were shown today, kept in the widget's storage under
 * `clavard:<namespace>:proactive` as `{ "<rule id>": "YYYY-MM-DD" }` (older days are dropped when it is
 * written). Also kept in memory, so that a storage that throws or forgets still shows each rule at most
 * once per page view.
 *
 * @example
 * ```ts
 * const record = createShownRecord(storage, 'default');
 * if (!record.shownToday('plans', Date.now())) record.remember('plans', Date.now());
 * ```
 */
export interface ShownRecord {
  /** Whether `id` was shown on the day of `now`. */
  shownToday(id: string, now: number): boolean;
  /** `id` is shown now. */
  remember(id: string, now: number): void;
  /** Forget every rule (shutdown: the next visitor of this browser starts afresh). */
  clear(): void;
}

/**
 * Makes the {@link ShownRecord} of `namespace` in `storage`.
 *
 * @example
 * ```ts
 * createShownRecord(createMemoryStorage(), 'default').shownToday('plans', Date.now()); // false
 * ```
 */
export function createShownRecord(storage: ChatStorage, namespace: string): ShownRecord {
  const key = `clavard:${namespace}:proactive`;
  const here = new Set<string>();
  const read = (): Record<string, unknown> => {
    try {
      const value: unknown = JSON.parse(storage.get(key) ?? '{}');
      return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  return {
    shownToday(id, now) {
      const days = read();
      return here.has(id) || (Object.hasOwn(days, id) && days[id] === dayOf(now));
    },
    remember(id, now) {
      here.add(id);
      const today = dayOf(now);
      const kept = Object.entries(read()).filter(([, day]) => day === today);
      try {
        storage.set(key, JSON.stringify(Object.fromEntries([...kept, [id, today]])));
      } catch {
        // Storage refused: shown once per page view instead of once a day.
      }
    },
    clear() {
      here.clear();
      try {
        storage.remove(key);
      } catch {
        // nothing kept
      }
    },
  };
}

/**
 * The rules that may show on `pathname` today, in the order given.
 *
 * @example
 * ```ts
 * rulesFor(config.proactive, location.pathname, record, Date.now());
 * ```
 */
export function rulesFor(
  rules: readonly ResolvedProactiveRule[],
  pathname: string,
  record: ShownRecord,
  now: number,
): ResolvedProactiveRule[] {
  return rules.filter((rule) => matchesPath(rule.path, pathname) && !record.shownToday(rule.id, now));
}
