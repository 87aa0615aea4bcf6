import { crc32, deflateSync } from 'node:zlib';
import { ChatError } from '@clavard/protocol';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { THUMBNAIL_MAX_SIDE } from '../src/files/images.js';
import { type PreparedFile, prepareUpload } from '../src/files/prepare.js';

/** A still image of one colour, or of random noise (which compresses badly, so cutting it loses pixels). */
const still = (width: number, height: number, noise = false) =>
  noise
    ? sharp(Buffer.from(Array.from({ length: width * height * 3 }, (_, i) => (i * 7919) % 251)), {
        raw: { width, height, channels: 3 },
      })
    : sharp({ create: { width, height, channels: 3, background: '#3a7' } });

/** An animation of three frames of `width` × `height`: red, green, blue. */
const animation = async (width: number, height: number) => {
  const frames = await Promise.all(
    ['#f00', '#0f0', '#00f'].map((background) =>
      sharp({ create: { width, height, channels: 3, background } })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(frames, { join: { animated: true } });
};

/** The ChatError code `promise` rejects with. */
const refusal = async (promise: Promise<PreparedFile>): Promise<string> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ChatError.isInstance(error)) throw new Error(`expected a ChatError, got ${String(error)}`);
  return error.code;
};

const expectThumbnailWithin = async (file: PreparedFile, width: number, height: number) => {
  expect(file.thumbnail).toMatchObject({ mediaType: 'image/webp', width, height });
  const thumbnail = await sharp(file.thumbnail?.bytes).metadata();
  expect(thumbnail).toMatchObject({ format: 'webp', width, height });
  expect(thumbnail.pages ?? 1).toBe(1);
};

describe('prepareUpload: images', () => {
  it('re-encodes a PNG, with its size and a thumbnail at most 320 px', async () => {
    const file = await prepareUpload(await still(800, 400).png().toBuffer(), 'chart.png');
    expect(file).toMatchObject({ mediaType: 'image/png', name: 'chart.png', width: 800, height: 400 });
    expect(file.size).toBe(file.bytes.length);
    expect((await sharp(file.bytes).metadata()).format).toBe('png');
    await expectThumbnailWithin(file, THUMBNAIL_MAX_SIDE, 160);
  });

  it('re-encodes a JPEG, and names it .jpg whatever it was called', async () => {
    const file = await prepareUpload(await still(480, 640).jpeg().toBuffer(), 'holiday.png');
    expect(file).toMatchObject({ mediaType: 'image/jpeg', name: 'holiday.jpg', width: 480, height: 640 });
    expect((await sharp(file.bytes).metadata()).format).toBe('jpeg');
    await expectThumbnailWithin(file, 240, THUMBNAIL_MAX_SIDE);
  });

  it('never enlarges a small image for its thumbnail (a still WebP)', async () => {
    const file = await prepareUpload(await still(100, 50).webp().toBuffer(), 'icon.webp');
    expect(file).toMatchObject({ mediaType: 'image/webp', width: 100, height: 50 });
    await expectThumbnailWithin(file, 100, 50);
  });

  it("keeps an animated GIF's frames, delays and loop; its height is a frame's", async () => {
    const gif = await (await animation(500, 100)).gif({ delay: [100, 200, 300], loop: 0 }).toBuffer();
    const file = await prepareUpload(gif, 'dance.gif');
    expect(file).toMatchObject({ mediaType: 'image/gif', width: 500, height: 100 });
    const out = await sharp(file.bytes, { animated: true }).metadata();
    expect(out).toMatchObject({ format: 'gif', pages: 3, pageHeight: 100, delay: [100, 200, 300], loop: 0 });
    await expectThumbnailWithin(file, THUMBNAIL_MAX_SIDE, 64);
  });

  it("keeps an animated WebP's frames", async () => {
    const webp = await (await animation(60, 40)).webp({ delay: [50, 50, 50] }).toBuffer();
    const file = await prepareUpload(webp, 'loop.webp');
    expect(file).toMatchObject({ mediaType: 'image/webp', width: 60, height: 40 });
    expect(await sharp(file.bytes, { animated: true }).metadata()).toMatchObject({
      pages: 3,
      pageHeight: 40,
    });
    await expectThumbnailWithin(file, 60, 40);
  });
});

describe('prepareUpload: metadata', () => {
  // IFD0's entry pointing at the GPS IFD, little-endian as libexif writes it: tag 0x8825, LONG, count 1.
  const GPS_POINTER = Buffer.from([0x25, 0x88, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00]);
  const EXIF_MARKER = Buffer.from('Exif\0\0', 'latin1');
  const gps = {
    IFD0: { Make: 'PhoneMaker', Model: 'X-Serial-0042', Software: 'Camera 1.0' },
    IFD3: {
      GPSLatitudeRef: 'N',
      GPSLatitude: '48/1 51/1 2388/100',
      GPSLongitudeRef: 'E',
      GPSLongitude: '2/1 21/1 761/100',
    },
  };
  const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>';

  it('drops EXIF with its GPS position, and XMP, from a JPEG', async () => {
    const photo = await still(64, 48).jpeg().withExif(gps).withXmp(xmp).toBuffer();
    // The fixture does carry them: otherwise the test below would prove nothing.
    expect(photo.includes(EXIF_MARKER) && photo.includes(GPS_POINTER)).toBe(true);
    expect((await sharp(photo).metadata()).exif).toBeDefined();

    const file = await prepareUpload(photo, 'IMG_0001.jpg');
    const metadata = await sharp(file.bytes).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    expect(file.bytes.includes(EXIF_MARKER)).toBe(false);
    expect(file.bytes.includes(GPS_POINTER)).toBe(false);
    expect(file.bytes.includes('X-Serial-0042')).toBe(false);
    expect(file.bytes.includes('adobe:ns:meta')).toBe(false);
  });

  it('drops EXIF from a PNG (its eXIf chunk) and a WebP', async () => {
    for (const image of [still(64, 48).png(), still(64, 48).webp()]) {
      const input = await image.withExif(gps).toBuffer();
      expect((await sharp(input).metadata()).exif).toBeDefined();
      const file = await prepareUpload(input, 'image');
      expect((await sharp(file.bytes).metadata()).exif).toBeUndefined();
      expect(file.bytes.includes(GPS_POINTER)).toBe(false);
      expect(file.bytes.includes('X-Serial-0042')).toBe(false);
    }
  });

  it('applies an EXIF orientation 6 (rotate 90°) and then drops the tag', async () => {
    const sideways = await still(40, 20).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(await sharp(sideways).metadata()).toMatchObject({ width: 40, height: 20, orientation: 6 });

    const file = await prepareUpload(sideways, 'portrait.jpg');
    expect(file).toMatchObject({ width: 20, height: 40 });
    const metadata = await sharp(file.bytes).metadata();
    expect(metadata).toMatchObject({ width: 20, height: 40 });
    expect(metadata.orientation).toBeUndefined();
    expect(metadata.exif).toBeUndefined();
    await expectThumbnailWithin(file, 20, 40);
  });
});

/** A PNG of `width` × `height` one-bit grey pixels, all black: a few kilobytes for a huge image. */
const pngBomb = (width: number, height: number): Buffer => {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter, no interlace
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height); // each row: filter 0, then zeros
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

describe('prepareUpload: refusals', () => {
  it('refuses a truncated PNG with attachment-type-refused', async () => {
    const png = await still(200, 200, true).png().toBuffer();
    const cut = png.subarray(0, Math.floor(png.length / 2));
    expect(await refusal(prepareUpload(cut, 'cut.png'))).toBe('attachment-type-refused');
  });

  it('refuses a PNG signature followed by garbage', async () => {
    const png = await still(20, 20).png().toBuffer();
    const garbage = Buffer.concat([png.subarray(0, 8), Buffer.alloc(200, 0xab)]);
    expect(await refusal(prepareUpload(garbage, 'garbage.png'))).toBe('attachment-type-refused');
  });

  it('refuses a pixel bomb over the default limit before decoding it', async () => {
    const bomb = pngBomb(10_000, 10_000); // 100 million pixels in a few kilobytes
    expect(bomb.length).toBeLessThan(100_000);
    expect(await refusal(prepareUpload(bomb, 'bomb.png'))).toBe('attachment-type-refused');
  });

  it('refuses an image over a given limit, all frames of an animation counted', async () => {
    const gif = await (await animation(30, 10)).gif().toBuffer(); // 3 frames of 300 pixels
    expect(await refusal(prepareUpload(gif, 'a.gif', { maxPixels: 899 }))).toBe('attachment-type-refused');
    await expect(prepareUpload(gif, 'a.gif', { maxPixels: 900 })).resolves.toMatchObject({ height: 10 });
  });

  it('refuses HTML named .png, and an SVG', async () => {
    const page = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
    expect(await refusal(prepareUpload(page, 'photo.png'))).toBe('attachment-type-refused');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    expect(await refusal(prepareUpload(svg, 'logo.svg'))).toBe('attachment-type-refused');
  });
});

describe('prepareUpload: other files', () => {
  it('keeps a PDF byte for byte, without size nor thumbnail', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    const file = await prepareUpload(pdf, '../Facture mars.PDF');
    expect(file).toEqual({
      mediaType: 'application/pdf',
      name: 'Facture mars.PDF',
      bytes: pdf,
      size: pdf.length,
    });
  });

  it('keeps plain text byte for byte', async () => {
    const text = Buffer.from('Commande 1234 : le colis est arrivé abîmé.\r\n');
    const file = await prepareUpload(text, 'message');
    expect(file).toEqual({ mediaType: 'text/plain', name: 'message.txt', bytes: text, size: text.length });
  });
});
