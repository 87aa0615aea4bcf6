// scripts/build-stamps.mjs on a small workspace of its own: a ← b ← c (c depends on b, b on a), and d alone.
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describePlan, planBuild, readPackages, writeStamp } from '../build-stamps.mjs';

const DIRS = ['packages/c', 'packages/b', 'packages/a', 'packages/d'];
let root = '';
let stamps = '';

const write = (path: string, text: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};

/** A package whose `build` is pretend: its dist/ is written here. */
const addPackage = (name: string, deps: string[]) => {
  const dependencies = Object.fromEntries(deps.map((dep) => [`@t/${dep}`, 'workspace:^']));
  write(`packages/${name}/package.json`, JSON.stringify({ name: `@t/${name}`, dependencies }));
  write(`packages/${name}/tsup.config.ts`, 'export default {};\n');
  write(`packages/${name}/src/index.ts`, `export const ${name} = 1;\n`);
  write(`packages/${name}/README.md`, `# ${name}\n`);
  write(`packages/${name}/test/${name}.test.ts`, '');
  write(`packages/${name}/dist/index.js`, `export const ${name} = 1;\n`);
};

const plan = () => planBuild(root, readPackages(root, DIRS), stamps);
const staleNames = () =>
  plan()
    .filter((entry) => entry.stale)
    .map((entry) => entry.short);
const buildAll = () => {
  for (const entry of plan()) writeStamp(root, stamps, entry);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'clavard-stamps-'));
  stamps = join(root, 'node_modules/.cache/stamps');
  write('package.json', '{"private":true}');
  write('tsconfig.base.json', '{}');
  addPackage('a', []);
  addPackage('b', ['a']);
  addPackage('c', ['b']);
  addPackage('d', []);
  buildAll();
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('build stamps', () => {
  it('orders the packages dependencies first', () => {
    expect(readPackages(root, DIRS).map((pkg) => pkg.short)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('finds nothing stale in an unchanged tree, even when every mtime moved', () => {
    expect(staleNames()).toEqual([]);
    const later = new Date(Date.now() + 60_000);
    for (const name of ['a', 'b']) utimesSync(join(root, `packages/${name}/src/index.ts`), later, later);
    expect(staleNames()).toEqual([]);
    expect(describePlan(plan())).toBe('up to date: a, b, c, d');
  });

  it('makes exactly the changed package and its dependents stale, direct or not', () => {
    write('packages/a/src/index.ts', 'export const a = 2;\n');
    expect(staleNames()).toEqual(['a', 'b', 'c']);
    expect(describePlan(plan())).toBe(
      'up to date: d; rebuilding: a (src/index.ts changed), b (a changed), c (b changed)',
    );
    buildAll();
    write('packages/b/src/index.ts', 'export const b = 2;\n');
    expect(staleNames()).toEqual(['b', 'c']);
    buildAll();
    expect(staleNames()).toEqual([]);
  });

  it('counts a new source file, a package.json and a build config as inputs', () => {
    write('packages/a/src/extra.ts', 'export {};\n');
    expect(staleNames()).toEqual(['a', 'b', 'c']);
    buildAll();
    write('packages/d/package.json', JSON.stringify({ name: '@t/d', version: '1.0.0' }));
    expect(staleNames()).toEqual(['d']);
    buildAll();
    write('packages/c/tsup.config.ts', 'export default { dts: true };\n');
    expect(plan().find((entry) => entry.stale)?.reason).toBe('tsup.config.ts changed');
  });

  it('ignores what is not a build input: tests and READMEs', () => {
    write('packages/a/test/a.test.ts', 'it.todo("a");\n');
    write('packages/a/README.md', '# a, again\n');
    expect(staleNames()).toEqual([]);
  });

  it('makes everything stale when a root file every build reads changes', () => {
    write('tsconfig.base.json', '{"compilerOptions":{}}');
    expect(staleNames()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rebuilds a package whose built files are gone, and only it', () => {
    unlinkSync(join(root, 'packages/b/dist/index.js'));
    expect(staleNames()).toEqual(['b']);
    expect(plan().find((entry) => entry.short === 'b')?.reason).toBe('dist/index.js missing');
  });

  it('builds a package it has no stamp for', () => {
    rmSync(stamps, { recursive: true });
    expect(describePlan(plan())).toBe(
      'rebuilding: a (not built yet), b (not built yet), c (not built yet), d (not built yet)',
    );
  });

  it('refuses a list that leaves out a workspace dependency', () => {
    expect(() => readPackages(root, ['packages/b'])).toThrow('@t/b depends on @t/a');
  });
});
