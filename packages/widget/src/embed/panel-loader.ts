import { ChatError } from '@clavard/protocol';

/**
 * Options of {@link createPanelLoader}.
 *
 * @example
 * ```ts
 * const options: PanelLoaderOptions = { view: window, url, toScriptUrl, what: 'the panel file', integrity: 'sha384-…', nonce: '', arrived: () => false, onFailure };
 * ```
 */
export interface PanelLoaderOptions {
  view: Window;
  /** The file's absolute URL. */
  url: string;
  /** Turns the URL into what `<script src>` accepts (see trustedScriptUrl). */
  toScriptUrl: (url: string) => unknown;
  /** The file, as error messages name it: "the panel file". */
  what: string;
  /** Its Subresource Integrity value (`sha384-…`), baked into the script-tag file at build time. */
  integrity: string;
  /** The script tag's nonce, for pages that allow scripts by nonce; `''` for none. */
  nonce: string;
  /** Whether the panel handed itself over (checked once its file has run). */
  arrived: () => boolean;
  /** One failed attempt: the file did not load (network, integrity mismatch) or did not hand over. */
  onFailure: (error: ChatError) => void;
}

/**
 * Loads one of the split files (the panel, the extras) on demand.
 *
 * @example
 * ```ts
 * const loader = createPanelLoader(options);
 * button.addEventListener('click', () => loader.load());
 * ```
 */
export interface PanelLoader {
  /** Start loading, unless a load is under way or has succeeded. After a failure, tries again. */
  load(): void;
}

/**
 * Makes a {@link PanelLoader}: each attempt adds one `<script src integrity crossorigin async>` (the URL
 * through a Trusted Types policy that allows only that URL), removed once it has run or failed. A failure
 * is reported once per attempt through `onFailure`; the next `load()` tries again.
 *
 * @example
 * ```ts
 * const loader = createPanelLoader({ view: window, url, toScriptUrl, what: 'the panel file', integrity, nonce: '', arrived, onFailure: report });
 * ```
 */
export function createPanelLoader(options: PanelLoaderOptions): PanelLoader {
  const { view, url, what } = options;
  const doc = view.document;
  let loading = false;
  const fail = (message: string, cause?: unknown): void => {
    loading = false;
    options.onFailure(
      new ChatError('unavailable', `Clavard: ${message}; it is tried again at the next open`, {
        retryable: true,
        cause,
      }),
    );
  };
  return {
    load() {
      if (loading || options.arrived()) return;
      let src: unknown;
      try {
        src = options.toScriptUrl(url);
      } catch (cause) {
        fail(`the page's Trusted Types policy refused ${what} ${url} (allow the policy "clavard")`, cause);
        return;
      }
      loading = true;
      const script = doc.createElement('script');
      script.async = true;
      script.crossOrigin = 'anonymous';
      script.integrity = options.integrity;
      if (options.nonce !== '') script.nonce = options.nonce;
      script.addEventListener('load', () => {
        script.remove();
        if (options.arrived()) loading = false;
        else fail(`${what} ${url} ran but did not start`);
      });
      script.addEventListener('error', () => {
        script.remove();
        fail(`${what} ${url} could not be loaded (network error, or its integrity hash does not match)`);
      });
      Reflect.set(script, 'src', src);
      (doc.head ?? doc.documentElement).append(script);
    },
  };
}
