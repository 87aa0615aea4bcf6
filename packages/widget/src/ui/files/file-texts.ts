// The words of the file parts, in English and Québec French. They live here, in the lazily loaded
// extras, rather than in the panel's catalogue (ui-core/locales/): a page whose visitor never sees a file
// never loads them. So they follow the widget's language (French for any `fr-*`, else English) and are not
// among the texts `messages` overrides.

const EN = {
  privacy: 'Location and camera details are removed from photos.',
  'attachment-too-large': 'This file is over {size}, the largest this chat takes.',
  'attachment-type-refused': 'Only images (PNG, JPEG, WebP, GIF), PDF and plain text can be sent.',
  'attachment-limit': 'This conversation has reached its limit of files.',
  'outbox-full': 'Files waiting to be sent are limited to 50 MB; wait for them to go.',
  'storage-unavailable': 'This file was lost when the page reloaded: choose it again.',
  network: 'The file could not be sent: check the connection and try again.',
  failed: 'This file could not be sent.',
  uploading: 'Uploading {name}',
  uploaded: '{name} sent',
  notSent: '{name} not sent: {error}',
  cancel: 'Cancel',
  retry: 'Retry',
  download: 'Download',
  close: 'Close',
  open: 'Open {name}',
  downloadFailed: 'The download failed. Try again.',
  image: '{type} image',
  pdf: 'PDF document',
  text: 'Text file',
  file: 'File',
  units: 'B KB MB GB',
};

/** The French ones: same keys, written for Québec. */
const FR: FileTexts = {
  privacy: 'Les données de localisation et d’appareil photo sont retirées des photos.',
  'attachment-too-large': 'Ce fichier dépasse {size}, la taille maximale acceptée ici.',
  'attachment-type-refused':
    'Seuls les images (PNG, JPEG, WebP, GIF), les PDF et le texte brut peuvent être envoyés.',
  'attachment-limit': 'Cette conversation a atteint sa limite de fichiers.',
  'outbox-full': 'Les fichiers en attente d’envoi sont limités à 50 Mo; attendez qu’ils partent.',
  'storage-unavailable': 'Ce fichier a été perdu au rechargement de la page\u00a0: choisissez-le de nouveau.',
  network: 'Le fichier n’a pas pu être envoyé\u00a0: vérifiez la connexion et réessayez.',
  failed: 'Ce fichier n’a pas pu être envoyé.',
  uploading: 'Envoi de {name}',
  uploaded: '{name} envoyé',
  notSent: '{name} non envoyé\u00a0: {error}',
  cancel: 'Annuler',
  retry: 'Réessayer',
  download: 'Télécharger',
  close: 'Fermer',
  open: 'Ouvrir {name}',
  downloadFailed: 'Le téléchargement a échoué. Réessayez.',
  image: 'Image {type}',
  pdf: 'Document PDF',
  text: 'Fichier texte',
  file: 'Fichier',
  units: 'o ko Mo Go',
};

/** The keys of the file parts' texts. */
export type FileTexts = { readonly [Key in keyof typeof EN]: string };
/** One key of {@link FileTexts}. */
export type FileTextKey = keyof FileTexts;

/**
 * Says the file parts' texts in one locale: `{placeholders}` are replaced by `params`, as text.
 *
 * @example
 * ```ts
 * const say = fileTexts('fr-CA');
 * say('uploading', { name: 'facture.pdf' }); // 'Envoi de facture.pdf'
 * ```
 */
export function fileTexts(locale: string): (key: FileTextKey, params?: Record<string, string>) => string {
  const texts = locale.split('-')[0] === 'fr' ? FR : EN;
  return (key, params = {}) =>
    texts[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(params, name) ? String(params[name]) : whole,
    );
}

/**
 * A size in bytes as people read it: "48 KB", "1.2 MB" in English, "48 ko", "1,2 Mo" in French (powers of
 * 1024, one decimal under 10 of a unit, none above).
 *
 * @example
 * ```ts
 * formatSize(10 * 1024 * 1024, 'fr-CA'); // '10 Mo'
 * ```
 */
export function formatSize(bytes: number, locale: string): string {
  const units = fileTexts(locale)('units').split(' ');
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit > 0 && value < 10 ? 1 : 0;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  return `${number}\u00a0${units[unit]}`;
}

/**
 * A media type in words: "PNG image", "PDF document", "Text file", else "File".
 *
 * @example
 * ```ts
 * typeInWords('application/pdf', 'fr-CA'); // 'Document PDF'
 * ```
 */
export function typeInWords(mediaType: string, locale: string): string {
  const say = fileTexts(locale);
  const [kind, sub = ''] = mediaType.split('/');
  if (kind === 'image') return say('image', { type: sub.toUpperCase() });
  if (mediaType === 'application/pdf') return say('pdf');
  return kind === 'text' ? say('text') : say('file');
}
