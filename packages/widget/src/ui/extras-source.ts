import type * as Extras from './extras.js';

/**
 * What ./extras.ts exports: the lazily loaded components.
 *
 * @example
 * ```ts
 * const { FormCard }: ExtrasModule = await importExtras();
 * ```
 */
export type ExtrasModule = typeof Extras;

/**
 * Loads ./extras.ts. With `mount()` this is a dynamic `import()`, which a bundler turns into a chunk; the
 * script-tag build replaces this module with src/embed/extras-source-embed.ts, which loads the pinned
 * `clavard-extras.js` instead.
 *
 * @example
 * ```ts
 * const { EndSurvey } = await importExtras();
 * ```
 */
export const importExtras = (): Promise<ExtrasModule> => import('./extras.js');
