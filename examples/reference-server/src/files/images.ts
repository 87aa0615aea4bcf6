/**
 * Images as the server keeps them: decoded and encoded again by sharp (libvips), never stored as sent.
 * Re-encoding is what drops what a photo carries besides its pixels (EXIF with the GPS position and the
 * camera's serial number, XMP, comments, ICC profile), and what turns a crafted file that exploits a
 * decoder in someone's browser into plain pixels. The orientation the EXIF gave is applied first, since
 * the tag that said it goes.
 */
import { ChatError } from '@clavard/protocol';
import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';
import type { ImageMediaType } from './sniff.js';

/**
 * The most pixels an image may have when no limit is given: 40 million (a 7,746 px square).
 *
 * @example
 * ```ts
 * await prepareUpload(bytes, name, { maxPixels: DEFAULT_MAX_PIXELS / 4 });
 * ```
 */
export const DEFAULT_MAX_PIXELS = 40_000_000;

/**
 * The longest side of a thumbnail, in pixels.
 *
 * @example
 * ```ts
 * thumbnail.width <= THUMBNAIL_MAX_SIDE && thumbnail.height <= THUMBNAIL_MAX_SIDE; // true
 * ```
 */
export const THUMBNAIL_MAX_SIDE = 320;

// A guard against an image that takes the CPU for long (thousands of frames), not a measure of speed.
const TIMEOUT_SECONDS = 30;

/**
 * An image encoded again: its bytes and its oriented size (one frame's, for an animation).
 *
 * @example
 * ```ts
 * const image: ReencodedImage = await reencodeImage(upload, 'image/png', DEFAULT_MAX_PIXELS);
 * ```
 */
export interface ReencodedImage {
  bytes: Buffer;
  width: number;
  height: number;
}

/**
 * A small still WebP of an image's first frame, for the conversation's view.
 *
 * @example
 * ```ts
 * const thumbnail: Thumbnail = await thumbnailOf(image.bytes); // { mediaType: 'image/webp', … }
 * ```
 */
export interface Thumbnail {
  bytes: Buffer;
  mediaType: 'image/webp';
  width: number;
  height: number;
}

/** The name libvips gives each format, to check it read the file as the type the bytes were sniffed as. */
const FORMATS: Readonly<Record<ImageMediaType, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

// The same format out as in, high quality (PNG lossless). No withMetadata/keepExif: sharp's default of
// writing no metadata at all is the point. mozjpeg off: it trades encoding time for size, not quality.
const encode = (pipeline: Sharp, mediaType: ImageMediaType): Sharp => {
  switch (mediaType) {
    case 'image/png':
      return pipeline.png();
    case 'image/jpeg':
      return pipeline.jpeg({ quality: 90, mozjpeg: false });
    case 'image/webp':
      return pipeline.webp({ quality: 90 });
    case 'image/gif':
      return pipeline.gif();
  }
};

const refused = (message: string, cause: unknown): ChatError =>
  new ChatError('attachment-type-refused', message, { cause });

/**
 * `bytes` (an image of type `mediaType`, as sniffed) decoded and encoded again in the same format,
 * oriented as its EXIF said, with no metadata at all; an animated GIF or WebP keeps its frames, delays
 * and loop. Throws a ChatError `attachment-type-refused` when the image cannot be read (truncated,
 * corrupt, another format inside) or has more than `maxPixels` pixels, all frames counted.
 *
 * @example
 * ```ts
 * const image = await reencodeImage(upload, 'image/jpeg', DEFAULT_MAX_PIXELS);
 * // image.bytes: a JPEG without EXIF; image.width × image.height as displayed
 * ```
 */
export async function reencodeImage(
  bytes: Buffer,
  mediaType: ImageMediaType,
  maxPixels: number,
): Promise<ReencodedImage> {
  // libvips checks the limit against the size the header declares, before decoding: a bomb (a small
  // file of a huge image) is refused without the memory it would take. With `animated`, the size is
  // that of all frames stacked, so a thousand frames count a thousand times.
  const options: SharpOptions = { limitInputPixels: maxPixels, failOn: 'warning' };
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, options).metadata();
  } catch (error) {
    throw refused('the image cannot be read', error);
  }
  if (metadata.format !== FORMATS[mediaType]) {
    throw refused(`the image reads as ${metadata.format}, not ${mediaType}`, undefined);
  }
  const animated = (metadata.pages ?? 1) > 1;
  // libvips cannot rotate a multi-page image: an animation keeps its frames as stored. Animations
  // rarely carry an orientation (GIF has no EXIF at all).
  let pipeline = sharp(bytes, { ...options, animated }).timeout({ seconds: TIMEOUT_SECONDS });
  if (!animated) pipeline = pipeline.autoOrient();
  try {
    const { data, info } = await encode(pipeline, mediaType).toBuffer({ resolveWithObject: true });
    // An animation is one tall strip of frames: its height is that of a frame.
    return { bytes: data, width: info.width, height: info.pageHeight ?? info.height };
  } catch (error) {
    throw refused('the image cannot be read, or is too large', error);
  }
}

/**
 * A thumbnail of `image` (bytes {@link reencodeImage} made: already oriented): its first frame, its
 * longest side at most {@link THUMBNAIL_MAX_SIDE} pixels (a smaller image is not enlarged), as WebP.
 *
 * @example
 * ```ts
 * const thumbnail = await thumbnailOf(image.bytes);
 * // thumbnail.width <= 320 && thumbnail.height <= 320
 * ```
 */
export async function thumbnailOf(image: Buffer): Promise<Thumbnail> {
  try {
    const { data, info } = await sharp(image, { failOn: 'warning' })
      .timeout({ seconds: TIMEOUT_SECONDS })
      .resize(THUMBNAIL_MAX_SIDE, THUMBNAIL_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, mediaType: 'image/webp', width: info.width, height: info.height };
  } catch (error) {
    throw refused('no thumbnail can be made of the image', error);
  }
}
