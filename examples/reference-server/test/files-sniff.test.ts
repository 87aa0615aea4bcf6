import { describe, expect, it } from 'vitest';
import {
  ALLOWED_MEDIA_TYPES,
  type AllowedMediaType,
  isImageType,
  sniffMediaType,
} from '../src/files/sniff.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))),
  );

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('sniffMediaType', () => {
  it.each<[string, Uint8Array, AllowedMediaType | undefined]>([
    ['a PNG signature', bytes(PNG, [0, 0, 0, 13], 'IHDR'), 'image/png'],
    ['a JPEG start of image', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'), 'image/jpeg'],
    ['GIF87a', bytes('GIF87a', [1, 0, 1, 0]), 'image/gif'],
    ['GIF89a', bytes('GIF89a', [1, 0, 1, 0]), 'image/gif'],
    ['RIFF….WEBP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['%PDF-', bytes('%PDF-1.7\n%âãÏÓ\n'), 'application/pdf'],
    ['plain text', bytes('Order 1234: the parcel arrived broken.\n'), 'text/plain'],
    ['text with tab, CR, LF and FF', bytes('a\tb\r\nc\fd'), 'text/plain'],
    ['UTF-8 text with a BOM', bytes([0xef, 0xbb, 0xbf], 'Relevé de compte'), 'text/plain'],
    ['text with a `<` further on', bytes('1 < 2 and <b> is fine here'), 'text/plain'],
    ['WEBP at 8 without RIFF', bytes('RIFX', [0, 0, 0, 0], 'WEBP'), undefined],
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), undefined],
    ['SVG after an XML declaration', bytes('<?xml version="1.0"?><svg/>'), undefined],
    ['HTML', bytes('<html><body>hi</body></html>'), undefined],
    ['a doctype after white space', bytes('  \r\n\t<!doctype html><script>alert(1)</script>'), undefined],
    ['markup after a BOM and white space', bytes([0xef, 0xbb, 0xbf], ' \n<html>'), undefined],
    ['markup after two BOMs', bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], '<html>'), undefined],
    ['text with a NUL', bytes('hello\u0000world'), undefined],
    ['text with an escape sequence', bytes('\u001b[31mred'), undefined],
    ['invalid UTF-8', bytes('caf', [0xe9], ' au lait'), undefined],
    ['UTF-8 cut in a sequence', bytes('caf', [0xc3]), undefined],
    ['a ZIP archive', bytes('PK', [3, 4, 20, 0]), undefined],
    ['a Windows executable', bytes('MZ', [0x90, 0, 3, 0]), undefined],
    ['an ELF executable', bytes([0x7f], 'ELF', [2, 1, 1]), undefined],
    ['an empty file', bytes(), undefined],
    ['a truncated PNG signature', bytes(PNG.slice(0, 4)), undefined],
  ])('%s', (_, head, expected) => {
    expect(sniffMediaType(head)).toBe(expected);
  });

  it('refuses an HTML page named .png: the name plays no part', () => {
    const page = bytes('<!DOCTYPE html><html><script>fetch("/steal")</script></html>');
    expect(sniffMediaType(page)).toBeUndefined();
  });
});

describe('isImageType', () => {
  it('is true for the four image types only', () => {
    expect(ALLOWED_MEDIA_TYPES.filter(isImageType)).toEqual([
      'image/png',
      'image/jpeg',
      'image/webp',
      'image/gif',
    ]);
  });
});
