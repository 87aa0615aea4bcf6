/**
 * An upload made into what the server stores: its type from its bytes, a name it is safe to show, and,
 * for an image, pixels encoded again without metadata and a thumbnail. Size limits are the caller's
 * (it knows them before reading the whole body); this only reads what it is given.
 */
import { ChatError } from '@clavard/protocol';
import { DEFAULT_MAX_PIXELS, reencodeImage, type Thumbnail, thumbnailOf } from './images.js';
import { safeFileName } from './safe-name.js';
import { type AllowedMediaType, isImageType, sniffMediaType } from './sniff.js';

/**
 * Limits of {@link prepareUpload}.
 *
 * @example
 * ```ts
 * const limits: PrepareLimits = { maxPixels: 20_000_000 };
 * ```
 */
export interface PrepareLimits {
  /** The most pixels an image may have, all frames of an animation counted. @default 40_000_000 */
  maxPixels?: number;
}

/**
 * An upload as it is stored and served.
 *
 * @example
 * ```ts
 * const file: PreparedFile = await prepareUpload(body, 'photo.jpg');
 * response.setHeader('Content-Type', file.mediaType);
 * ```
 */
export interface PreparedFile {
  /** The type sniffed from the bytes (never the one claimed). */
  mediaType: AllowedMediaType;
  /** The download name: {@link safeFileName} of the claimed one. */
  name: string;
  /** What to store: an image encoded again, any other file as received. */
  bytes: Buffer;
  /** The length of `bytes`. */
  size: number;
  /** An image's width as displayed (after its EXIF orientation). */
  width?: number;
  /** An image's height as displayed; an animation's frame's height. */
  height?: number;
  /** An image's first frame, small, as WebP. */
  thumbnail?: Thumbnail;
}

/**
 * `bytes`, uploaded as `claimedName`, made ready to store. Throws a ChatError
 * `attachment-type-refused` when the bytes are not an allowed type, or are an image that cannot be read
 * or is over `limits.maxPixels`. PDF and text are kept byte for byte.
 *
 * @example
 * ```ts
 * const file = await prepareUpload(body, 'IMG_2041.HEIC.jpg');
 * await storage.put(fileId, file.bytes);
 * if (file.thumbnail) await storage.put(`${fileId}-thumbnail`, file.thumbnail.bytes);
 * ```
 */
export async function prepareUpload(
  bytes: Buffer,
  claimedName: string,
  limits: PrepareLimits = {},
): Promise<PreparedFile> {
  const mediaType = sniffMediaType(bytes);
  if (mediaType === undefined) {
    throw new ChatError(
      'attachment-type-refused',
      'only PNG, JPEG, WebP and GIF images, PDF and plain text can be attached',
    );
  }
  const name = safeFileName(claimedName, mediaType);
  if (!isImageType(mediaType)) return { mediaType, name, bytes, size: bytes.length };
  const image = await reencodeImage(bytes, mediaType, limits.maxPixels ?? DEFAULT_MAX_PIXELS);
  return {
    mediaType,
    name,
    bytes: image.bytes,
    size: image.bytes.length,
    width: image.width,
    height: image.height,
    thumbnail: await thumbnailOf(image.bytes),
  };
}
