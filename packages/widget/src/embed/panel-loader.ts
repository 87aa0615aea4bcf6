import { ChatError } from '@clavard/protocol';
import { type SharedPolicy, trustedScriptUrl } from './trusted-script-url.js';

/**
 * What the build bakes into the script-tag file for each file it loads (the panel, the extras): its name
 * (resolved against the script's own URL) and its Subresource Integrity value.
 *
 * @example
 * ```ts
 * const panel: PanelFile = { name: 'clavard-panel.js', integrity: 'sha384-…' };
 * ```
 */
export interface PanelFile {
  name: string;
  integrity: string;
}

/**
 * Loads one of the split files (the panel, the extras) on demand.
 *
 * @example
 * ```ts
 * const loader = loadFile(panelUrl, panel.integrity, 'the panel file', arrived, onFailure);
 * button.addEventListener('click', () => loader.load());
 * ```
 */
export interface PanelLoader {
  /** Start loading, unless a load is under way or has succeeded. After a failure, tries again. */
  load(): void;
}

/**
 * Makes {@link PanelLoader}s for `files`, served beside the script tag at `src`: each attempt adds one
 * `<script src integrity crossorigin async>` (with the script tag's `nonce`, `''` for none), removed once
 * it has run or failed. Under Trusted Types the URLs go through one policy `clavard` that allows these
 * files and nothing else (see trustedScriptUrl).
 *
 * Each loader takes the file (one of `files`), `what` it is as error messages name it ("the panel
 * file"), `arrived` (whether the file handed itself over, checked once it has run), and `onFailure`,
 * called once per failed attempt (not loaded, hash mismatch, or no handover); the next `load()` tries
 * again.
 *
 * @example
 * ```ts
 * const loaderFor = createPanelLoaders(window, scriptUrl, '', [panel, extras]);
 * const loader = loaderFor(panel, 'the panel file', () => arrived, report);
 * ```
 */
export function createPanelLoaders(
  view: Window,
  src: string,
  nonce: string,
  files: readonly PanelFile[],
  shared?: SharedPolicy,
): (
  file: PanelFile,
  what: string,
  arrived: () => boolean,
  onFailure: (error: ChatError) => void,
) => PanelLoader {
  const doc = view.document;
  const urlOf = (file: PanelFile): string => new URL(file.name, src).href;
  const toScriptUrl = trustedScriptUrl(view, files.map(urlOf), shared);
  return (file, what, arrived, onFailure) => {
    const url = urlOf(file);
    let loading = false;
    const fail = (message: string, cause?: unknown): void => {
      loading = false;
      onFailure(
        new ChatError('unavailable', `Clavard: ${message}; it is tried again at the next open`, {
          retryable: true,
          cause,
        }),
      );
    };
    return {
      load() {
        if (loading || arrived()) return;
        let scriptUrl: unknown;
        try {
          scriptUrl = toScriptUrl(url);
        } catch (cause) {
          fail(`the page's Trusted Types policy refused ${what} ${url} (allow the policy "clavard")`, cause);
          return;
        }
        loading = true;
        const script = doc.createElement('script');
        script.async = true;
        script.crossOrigin = 'anonymous';
        script.integrity = file.integrity;
        if (nonce !== '') script.nonce = nonce;
        script.addEventListener('load', () => {
          script.remove();
          if (arrived()) loading = false;
          else fail(`${what} ${url} ran but did not start`);
        });
        script.addEventListener('error', () => {
          script.remove();
          fail(`${what} ${url} could not be loaded (network error, or its integrity hash does not match)`);
        });
        Reflect.set(script, 'src', scriptUrl);
        (doc.head ?? doc.documentElement).append(script);
      },
    };
  };
}
