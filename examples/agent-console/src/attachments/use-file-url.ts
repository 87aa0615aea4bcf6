import { useEffect, useState } from 'preact/hooks';
import { fetchFile } from './files.js';
import type { FileHttp } from './http.js';

/**
 * A file fetched for showing: loading, a `blob:` URL, or why it failed.
 *
 * @example
 * ```ts
 * const shown: FileUrl = { state: 'ready', url: 'blob:http://127.0.0.1:8787/…' };
 * ```
 */
export type FileUrl =
  | { state: 'loading' }
  | { state: 'ready'; url: string }
  | { state: 'failed'; error: unknown };

/**
 * Fetches a file with the agent's token in the header (an `<img src>` cannot send one) and gives a
 * `blob:` URL for it, revoked when the component stops showing it so the bytes do not stay in memory.
 *
 * @example
 * ```tsx
 * const thumb = useFileUrl(attachments?.http, content.thumbnailId ?? content.id);
 * if (thumb.state === 'ready') return <img src={thumb.url} alt={content.name} />;
 * ```
 */
export function useFileUrl(http: FileHttp | undefined, id: string | undefined): FileUrl {
  const [shown, setShown] = useState<FileUrl>({ state: 'loading' });
  useEffect(() => {
    if (!http || id === undefined) {
      setShown({ state: 'failed', error: undefined });
      return;
    }
    setShown({ state: 'loading' });
    const controller = new AbortController();
    let url: string | undefined;
    fetchFile(http, id, controller.signal).then(
      (blob) => {
        if (controller.signal.aborted) return;
        url = URL.createObjectURL(blob);
        setShown({ state: 'ready', url });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setShown({ state: 'failed', error });
      },
    );
    return () => {
      controller.abort();
      if (url !== undefined) URL.revokeObjectURL(url);
    };
  }, [http, id]);
  return shown;
}
