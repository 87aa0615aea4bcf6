import { useEffect, useState } from 'preact/hooks';
import type { ChatClient } from '../../headless/index.js';

/**
 * A `blob:` URL of a file of the conversation (or its thumbnail), fetched with the session's token by
 * `client.fetchFile`: `undefined` while it comes, `null` when it could not be read. The URL is revoked
 * when the part unmounts or the id changes, so the bytes do not stay in memory.
 *
 * @example
 * ```tsx
 * const src = useFileUrl(client, content.thumbnailId);
 * return src ? <img src={src} alt={content.name} /> : <Placeholder />;
 * ```
 */
export function useFileUrl(client: ChatClient, id: string | undefined): string | null | undefined {
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    if (id === undefined) return;
    let live = true;
    let made: string | undefined;
    setUrl(undefined);
    client.fetchFile(id).then(
      (blob) => {
        if (!live) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      },
      () => live && setUrl(null),
    );
    return () => {
      live = false;
      if (made !== undefined) URL.revokeObjectURL(made);
    };
  }, [client, id]);
  return url;
}

/**
 * Saves a file of the conversation as the visitor's download: its bytes through `client.fetchFile`, a
 * temporary `blob:` URL on an `<a download>` clicked at once, revoked once the browser took it.
 *
 * @example
 * ```ts
 * await downloadFile(client, content.id, content.name);
 * ```
 */
export async function downloadFile(client: ChatClient, id: string, name: string): Promise<void> {
  const blob = await client.fetchFile(id);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The click starts the download on its own turn: revoking at once could cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
