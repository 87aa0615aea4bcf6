/** The part of the Trusted Types API used here (`window.trustedTypes`). */
interface TrustedTypePolicyFactoryLike {
  createPolicy(
    name: string,
    rules: { createScriptURL(input: string): string },
  ): {
    createScriptURL(input: string): unknown;
  };
}

/**
 * Returns a function that turns one of `urls`, and nothing else, into a value a `<script src>` accepts
 * under `require-trusted-types-for 'script'`: a `TrustedScriptURL` from one policy named `clavard`
 * (created on the first call) when the browser has Trusted Types, the URL itself otherwise. Any other URL
 * throws.
 * Pages that list allowed policies in a `trusted-types` directive must add `clavard`; if they did not,
 * the first call throws the browser's TypeError.
 *
 * @example
 * ```ts
 * const toScriptUrl = trustedScriptUrl(window, [panelUrl, extrasUrl]);
 * Reflect.set(script, 'src', toScriptUrl(panelUrl));
 * ```
 */
export function trustedScriptUrl(view: Window, urls: readonly string[]): (url: string) => unknown {
  const only = (input: string): string => {
    if (urls.includes(input)) return input;
    throw new TypeError(`Clavard's Trusted Types policy only allows ${urls.join(', ')}`);
  };
  let policy: { createScriptURL(input: string): unknown } | undefined;
  return (url) => {
    const factory: unknown = Reflect.get(view, 'trustedTypes');
    if (typeof factory !== 'object' || factory === null || !('createPolicy' in factory)) return only(url);
    policy ??= (factory as TrustedTypePolicyFactoryLike).createPolicy('clavard', { createScriptURL: only });
    return policy.createScriptURL(url);
  };
}
