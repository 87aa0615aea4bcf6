import type { ExtrasModule } from '../ui/extras-source.js';

/**
 * The internal hook through which the extras file (`clavard-extras.js`: the forms and the end survey)
 * hands itself to the script-tag file: a non-enumerable, read-only property of `window.Clavard` under
 * `Symbol.for('clavard.extras')`, like {@link PANEL_HOOK}. It accepts one {@link ExtrasFactory} while the
 * file is being loaded and ignores every other call. Not a public API.
 *
 * @example
 * ```ts
 * Reflect.apply(Reflect.get(window.Clavard, EXTRAS_HOOK), window.Clavard, [factory]);
 * ```
 */
export const EXTRAS_HOOK: symbol = Symbol.for('clavard.extras');

/**
 * The extras file's body, as a function: given the panel's shared modules (its Preact, hooks and widget
 * context, so that both files share one Preact), it runs the extras' modules and delivers their exports.
 * scripts/build-embed.mjs builds it from src/ui/extras.ts.
 *
 * @example
 * ```ts
 * factory(kit, (extras) => render(extras.FormCard));
 * ```
 */
export type ExtrasFactory = (kit: unknown, deliver: (extras: ExtrasModule) => void) => void;

/**
 * How the panel gets the extras from the script-tag file, which loads `clavard-extras.js` (with its
 * integrity hash and Trusted Types policy) and hands over the file's {@link ExtrasFactory}. Rejects with a
 * `ChatError('unavailable')` when the file cannot be loaded; the next call tries again.
 *
 * @example
 * ```ts
 * const factory = await request.loadExtras();
 * ```
 */
export type LoadExtras = () => Promise<ExtrasFactory>;
