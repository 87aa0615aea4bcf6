// Types of build-stamps.mjs, for the tests that import it.

/** Files at the workspace root that every build reads. */
export declare const SHARED_INPUTS: readonly string[];

/** A workspace package, as {@link readPackages} reads it. */
export interface WorkspacePackage {
  /** `@clavard/widget` */
  name: string;
  /** `widget` */
  short: string;
  /** Its folder, relative to the root: `packages/widget`. */
  dir: string;
  /** The names of the listed packages it depends on. */
  deps: string[];
}

/** A package in a build plan. */
export interface PlannedPackage extends WorkspacePackage {
  /** The hash of its inputs and of its dependencies' keys. */
  key: string;
  /** Each input file (root-relative) and the hash of its contents. */
  files: Record<string, string>;
  /** Each dependency's key, by name. */
  depKeys: Record<string, string>;
  /** Whether it must be rebuilt. */
  stale: boolean;
  /** Why, when it is stale: `src/index.ts changed`, `protocol changed`, `not built yet`… */
  reason: string | undefined;
}

/** Reads the packages in `dirs` (relative to `root`), dependencies first. */
export declare function readPackages(root: string, dirs: readonly string[]): WorkspacePackage[];

/** Which packages are stale against the stamps in `stampDir`, and why. */
export declare function planBuild(
  root: string,
  packages: readonly WorkspacePackage[],
  stampDir: string,
): PlannedPackage[];

/** Records a successful build of `entry`. */
export declare function writeStamp(root: string, stampDir: string, entry: PlannedPackage): void;

/** One line: `up to date: protocol, adapters; rebuilding: widget (src/index.ts changed)`. */
export declare function describePlan(plan: readonly PlannedPackage[]): string;
