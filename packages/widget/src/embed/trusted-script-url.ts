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
 * The one policy `clavard` of a page, shared by its script tags (a page's `trusted-types` directive
 * may allow a name once): the URLs it accepts, every tag's, and the policy once created.
 *
 * @example
 * ```ts
 * const shared: SharedPolicy = { urls: [] };
 * trustedScriptUrl(window, [panelUrl], shared);
 * ```
 */
export interface SharedPolicy {
  readonly urls: string[];
  policy?: { createScriptURL(input: string): unknown };
}

/**
 * Returns a function that turns one of `urls`, and nothing else, into a value a `<script src>` accepts
 * under `require-trusted-types-for 'script'`: a `TrustedScriptURL` from one policy named `clavard`
 * (created on the first call, shared by the page's script tags through `shared`) when the browser has
 * Trusted Types (it accepts the files of every tag), the URL itself otherwise. Any other URL throws.
 * Pages that list allowed policies in a `trusted-types` directive must add `clavard`; if they did not,
 * the first call throws the browser's TypeError.
 *
 * @example
 * ```ts
 * const toScriptUrl = trustedScriptUrl(window, [panelUrl, extrasUrl]);
 * Reflect.set(script, 'src', toScriptUrl(panelUrl));
 * ```
 */
export function trustedScriptUrl(
  view: Window,
  urls: readonly string[],
  shared: SharedPolicy = { urls: [] },
): (url: string) => unknown {
  shared.urls.push(...urls);
  const only =
    (allowed: readonly string[]) =>
    (input: string): string => {
      if (allowed.includes(input)) return input;
      throw new TypeError(`Clavard's Trusted Types policy only allows ${allowed.join(', ')}`);
    };
  return (url) => {
    const factory: unknown = Reflect.get(view, 'trustedTypes');
    if (typeof factory !== 'object' || factory === null || !('createPolicy' in factory))
      return only(urls)(url);
    shared.policy ??= (factory as TrustedTypePolicyFactoryLike).createPolicy('clavard', {
      createScriptURL: only(shared.urls),
    });
    return shared.policy.createScriptURL(url);
  };
}
