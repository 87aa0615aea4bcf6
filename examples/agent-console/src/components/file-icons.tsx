/**
 * The small line icons of files, drawn inline (SVG attributes only, nothing the CSP forbids) and hidden
 * from assistive technology: the text beside them says the same.
 */

const common = {
  width: 20,
  height: 20,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  'stroke-width': 1.8,
  'stroke-linecap': 'round',
  'stroke-linejoin': 'round',
  focusable: 'false',
} as const;

/**
 * A paperclip, for the attach button.
 *
 * @example
 * ```tsx
 * <button aria-label="Attach files"><PaperclipIcon /></button>
 * ```
 */
export function PaperclipIcon() {
  return (
    <svg {...common} class="icon" aria-hidden="true">
      <path d="M21 11.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6l7.9-7.9" />
    </svg>
  );
}

/**
 * A document or a picture, by the file's type.
 *
 * @example
 * ```tsx
 * <FileIcon mediaType="application/pdf" />
 * ```
 */
export function FileIcon({ mediaType }: { mediaType: string }) {
  if (mediaType.startsWith('image/')) {
    return (
      <svg {...common} class="icon file-icon" aria-hidden="true">
        <rect x="3" y="4" width="18" height="16" rx="2" />
        <circle cx="9" cy="10" r="1.8" />
        <path d="M21 16l-5-5-8 9" />
      </svg>
    );
  }
  return (
    <svg {...common} class="icon file-icon" aria-hidden="true">
      <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
      <path d="M14 3v5h5M9 13h6M9 17h6" />
    </svg>
  );
}
