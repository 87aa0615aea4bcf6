// Walk and edit example frames by path, for the table tests.

/** A path into a frame: object keys and array indices. */
export type Path = (string | number)[];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** Every path in `value` below its root, parents before children. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...pathsOf(child, path)];
  });
}

/** The path as the parser writes it: `fields[0].name`. */
export const formatPath = (path: Path): string =>
  path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');

/** The value at `path`. */
export function getAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), value);
}

/** A deep copy of `value` with `path` changed by `edit` on its parent (which the copy owns). */
export function editAt<T>(
  value: T,
  path: Path,
  edit: (parent: Record<string | number, unknown>, key: string | number) => void,
): T {
  const copy = structuredClone(value);
  const parent = getAt(copy, path.slice(0, -1));
  const key = path.at(-1);
  if (!isObject(parent) || key === undefined) throw new Error(`no parent at ${formatPath(path)}`);
  edit(parent, key);
  return copy;
}

/** A deep copy of `value` without the key at `path`. */
export const withoutAt = <T>(value: T, path: Path): T =>
  editAt(value, path, (parent, key) => {
    delete parent[key];
  });

/** A deep copy of `value` with `replacement` at `path`. */
export const withAt = <T>(value: T, path: Path, replacement: unknown): T =>
  editAt(value, path, (parent, key) => {
    parent[key] = replacement;
  });

/** A value of another JSON type than `value`. */
export function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'string') return 42;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return {};
  return [];
}
