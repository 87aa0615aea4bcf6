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
 * Returns a function that turns `url`, and only `url`, into a value a `<script src>` accepts under
 * `require-trusted-types-for 'script'`: a `TrustedScriptURL` from a policy named `clavard` (created on
 * the first call) when the browser has Trusted Types, the URL itself otherwise. Any other URL throws.
 * Pages that list allowed policies in a `trusted-types` directive must add `clavard`; if they did not,
 * the first call throws the browser's TypeError.
 *
 * @example
 * ```ts
 * const toScriptUrl = trustedScriptUrl(window, 'https://cdn.example/clavard/1.0.0/clavard-panel.js');
 * Reflect.set(script, 'src', toScriptUrl());
 * ```
 */
export function trustedScriptUrl(view: Window, url: string): () => unknown {
  const only = (input: string): string => {
    if (input === url) return input;
    throw new TypeError(`Clavard's Trusted Types policy only allows ${url}`);
  };
  let policy: { createScriptURL(input: string): unknown } | undefined;
  return () => {
    const factory: unknown = Reflect.get(view, 'trustedTypes');
    if (typeof factory !== 'object' || factory === null || !('createPolicy' in factory)) return url;
    policy ??= (factory as TrustedTypePolicyFactoryLike).createPolicy('clavard', { createScriptURL: only });
    return policy.createScriptURL(url);
  };
}
