// Which workspace packages need building. A package's inputs are its sources (src/, scripts/, public/), its
// top-level package.json, tsconfig*.json, tsup.config.ts and build scripts, the root files every build reads
// (SHARED_INPUTS), and the keys of the workspace packages it depends on. They are hashed by content, so a
// `git checkout` that only touches mtimes changes nothing. A successful build leaves a stamp (the key, each
// input's hash, the files it wrote under dist/); the package is stale when its key differs from the stamp's
// or one of those files is gone. Since a key includes its dependencies' keys, a changed input makes exactly
// that package and the packages that depend on it (directly or not) stale.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Files at the workspace root that every build reads (dependency versions, TypeScript settings). */
export const SHARED_INPUTS = ['package.json', 'pnpm-lock.yaml', 'tsconfig.base.json', 'tsconfig.json'];

/** Folders of a package whose every file is an input. */
const INPUT_DIRS = new Set(['src', 'scripts', 'public']);
/** Top-level files of a package that are inputs: package.json, tsconfig.json, tsup.config.ts, build.mjs… */
const INPUT_FILE = /\.(json|[cm]?[jt]sx?)$/;
/** Where every package writes its build. */
const OUTPUT_DIR = 'dist';

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const posix = (path) => path.split(sep).join('/');

/** Every file under `dir` (relative to `root`), as root-relative POSIX paths. */
function filesUnder(root, dir) {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => posix(relative(root, join(entry.parentPath, entry.name))));
}

/** The input files of the package in `dir`, root-relative and sorted. */
function inputsOf(root, dir) {
  const files = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    if (entry.isFile() && INPUT_FILE.test(entry.name)) files.push(`${dir}/${entry.name}`);
    else if (entry.isDirectory() && INPUT_DIRS.has(entry.name))
      files.push(...filesUnder(root, `${dir}/${entry.name}`));
  }
  return files.sort();
}

const hashFiles = (root, files) =>
  Object.fromEntries(files.map((file) => [file, sha256(readFileSync(join(root, file)))]));

/** Orders packages so that each comes after the workspace packages it depends on. */
function sortByDependencies(packages) {
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  const sorted = [];
  const state = new Map();
  const visit = (pkg) => {
    if (state.get(pkg.name) === 'done') return;
    if (state.get(pkg.name) === 'visiting') throw new Error(`dependency cycle through ${pkg.name}`);
    state.set(pkg.name, 'visiting');
    for (const dep of pkg.deps) visit(/** @type {any} */ (byName.get(dep)));
    state.set(pkg.name, 'done');
    sorted.push(pkg);
  };
  for (const pkg of packages) visit(pkg);
  return sorted;
}

/**
 * Reads the packages in `dirs` (relative to `root`) and returns them dependencies first. Their `deps` are
 * the packages among them named in `dependencies`, `peerDependencies` or `optionalDependencies` (what a
 * build bundles or reads; `devDependencies` serve the tests). Throws when a `workspace:` dependency is not
 * among `dirs`, since its changes would go unnoticed.
 */
export function readPackages(root, dirs) {
  const manifests = dirs.map((dir) => ({
    dir,
    ...JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')),
  }));
  const names = new Set(manifests.map((manifest) => manifest.name));
  const packages = manifests.map((manifest) => {
    const declared = {
      ...manifest.dependencies,
      ...manifest.peerDependencies,
      ...manifest.optionalDependencies,
    };
    for (const [name, spec] of Object.entries(declared)) {
      if (String(spec).startsWith('workspace:') && !names.has(name))
        throw new Error(`${manifest.name} depends on ${name}, which is not in the list of packages`);
    }
    const short = String(manifest.name).replace(/^@[^/]+\//, '');
    return {
      name: manifest.name,
      short,
      dir: manifest.dir,
      deps: Object.keys(declared).filter((n) => names.has(n)),
    };
  });
  return sortByDependencies(packages);
}

const stampFile = (stampDir, pkg) => join(stampDir, `${pkg.name.replace(/[/@]/g, '_')}.json`);

function readStamp(stampDir, pkg) {
  try {
    return JSON.parse(readFileSync(stampFile(stampDir, pkg), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Shows `path` relative to the package when it is inside it. */
const shown = (pkg, path) => (path.startsWith(`${pkg.dir}/`) ? path.slice(pkg.dir.length + 1) : path);

/** Why a package with this stamp must be rebuilt, in a few words, or undefined when it need not be. */
function staleReason(root, pkg, stamp, entry, shortNames) {
  if (!stamp) return 'not built yet';
  const before = stamp.files ?? {};
  const paths = [...new Set([...Object.keys(before), ...Object.keys(entry.files)])].sort();
  const changed = paths.filter((path) => before[path] !== entry.files[path]);
  if (changed.length > 0) {
    const first = /** @type {string} */ (changed[0]);
    const how = !(first in entry.files) ? 'removed' : !(first in before) ? 'added' : 'changed';
    const more = changed.length > 1 ? ` and ${changed.length - 1} more` : '';
    return `${shown(pkg, first)} ${how}${more}`;
  }
  const deps = pkg.deps.filter((dep) => stamp.deps?.[dep] !== entry.depKeys[dep]);
  if (deps.length > 0) return `${deps.map((dep) => shortNames.get(dep)).join(', ')} changed`;
  if (stamp.key !== entry.key) return 'its inputs changed';
  const outputs = stamp.outputs ?? [];
  const missing = outputs.find((file) => !existsSync(join(root, file)));
  if (missing !== undefined || outputs.length === 0) return `${shown(pkg, missing ?? OUTPUT_DIR)} missing`;
  return undefined;
}

/**
 * For each package (as {@link readPackages} orders them): its key, its inputs' hashes, whether it is stale
 * and why (e.g. `src/index.ts changed`, `protocol changed`, `dist/index.js missing`, `not built yet`),
 * against the stamps in `stampDir`.
 *
 * @example
 * ```js
 * const plan = planBuild(root, readPackages(root, ['packages/protocol', 'packages/widget']), stampDir);
 * ```
 */
export function planBuild(root, packages, stampDir) {
  const shared = hashFiles(
    root,
    SHARED_INPUTS.filter((file) => existsSync(join(root, file))),
  );
  const shortNames = new Map(packages.map((pkg) => [pkg.name, pkg.short]));
  const keys = new Map();
  return packages.map((pkg) => {
    const files = { ...shared, ...hashFiles(root, inputsOf(root, pkg.dir)) };
    const depKeys = Object.fromEntries(pkg.deps.map((dep) => [dep, keys.get(dep)]));
    const key = sha256(JSON.stringify([Object.entries(files).sort(), Object.entries(depKeys).sort()]));
    keys.set(pkg.name, key);
    const entry = { ...pkg, key, files, depKeys };
    const reason = staleReason(root, pkg, readStamp(stampDir, pkg), entry, shortNames);
    return { ...entry, stale: reason !== undefined, reason };
  });
}

/** Records a successful build of `entry` (from {@link planBuild}): its key, inputs and the files in dist/. */
export function writeStamp(root, stampDir, entry) {
  const outputs = filesUnder(root, `${entry.dir}/${OUTPUT_DIR}`).sort();
  mkdirSync(stampDir, { recursive: true });
  const stamp = { key: entry.key, files: entry.files, deps: entry.depKeys, outputs };
  writeFileSync(stampFile(stampDir, entry), `${JSON.stringify(stamp, null, 1)}\n`);
}

/** One line: `up to date: protocol, adapters; rebuilding: widget (src/index.ts changed)`. */
export function describePlan(plan) {
  const fresh = plan.filter((entry) => !entry.stale).map((entry) => entry.short);
  const stale = plan.filter((entry) => entry.stale).map((entry) => `${entry.short} (${entry.reason})`);
  return [
    fresh.length > 0 ? `up to date: ${fresh.join(', ')}` : '',
    stale.length > 0 ? `rebuilding: ${stale.join(', ')}` : '',
  ]
    .filter((part) => part !== '')
    .join('; ');
}
