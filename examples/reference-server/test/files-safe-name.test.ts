import { describe, expect, it } from 'vitest';
import { contentDisposition, MAX_FILE_NAME_LENGTH, safeFileName } from '../src/files/safe-name.js';
import type { AllowedMediaType } from '../src/files/sniff.js';

describe('safeFileName', () => {
  it.each<[string, AllowedMediaType, string]>([
    ['photo.png', 'image/png', 'photo.png'],
    ['../../etc/passwd', 'text/plain', 'passwd.txt'],
    ['/var/www/index.pdf', 'application/pdf', 'index.pdf'],
    ['C:\\Users\\me\\invoice.png', 'image/jpeg', 'invoice.jpg'],
    ['invoice.png', 'image/jpeg', 'invoice.jpg'],
    ['scan.jpeg', 'image/jpeg', 'scan.jpeg'],
    ['SCAN.JPG', 'image/jpeg', 'SCAN.JPG'],
    ['report', 'application/pdf', 'report.pdf'],
    ['report.exe', 'application/pdf', 'report.pdf'],
    ['anim.webp', 'image/gif', 'anim.gif'],
    ['notes', 'text/plain', 'notes.txt'],
    ['server.log', 'text/plain', 'server.log'],
    ['orders.csv', 'text/plain', 'orders.csv'],
    ['README.md', 'text/plain', 'README.md'],
    ['page.html', 'text/plain', 'page.txt'],
    ['notes v1.2', 'text/plain', 'notes v1.2.txt'],
    ['minutes.ofthemeetingwithsales', 'text/plain', 'minutes.ofthemeetingwithsales.txt'],
    ['scan.tiff', 'image/png', 'scan.png'],
    ['invoice\u202Efdp.exe', 'application/pdf', 'invoicefdp.pdf'],
    ['a\u2066b\u2069c\u202Ad.png', 'image/png', 'abcd.png'],
    ['line\r\nbreak\t\ttab.txt', 'text/plain', 'line break tab.txt'],
    ['nul\u0000bell\u0007del\u007fnel\u0085.gif', 'image/gif', 'nulbelldelnel.gif'],
    ['  many    spaces  .png', 'image/png', 'many spaces.png'],
    ['...hidden.pdf...', 'application/pdf', 'hidden.pdf'],
    ['.htaccess', 'text/plain', 'htaccess.txt'],
    ['', 'image/png', 'file.png'],
    ['   ', 'text/plain', 'file.txt'],
    ['dir/', 'application/pdf', 'file.pdf'],
    ['\u202E', 'image/webp', 'file.webp'],
    ['.png', 'image/jpeg', 'png.jpg'],
    ['Relevé été.pdf', 'application/pdf', 'Relevé été.pdf'],
  ])('%j as %s is %j', (claimed, mediaType, expected) => {
    expect(safeFileName(claimed, mediaType)).toBe(expected);
  });

  it('caps a long name at 120 characters and keeps its extension', () => {
    const name = safeFileName(`${'a'.repeat(300)}.jpeg`, 'image/jpeg');
    expect(name).toBe(`${'a'.repeat(MAX_FILE_NAME_LENGTH - 5)}.jpeg`);
    expect(name).toHaveLength(MAX_FILE_NAME_LENGTH);
  });

  it('caps in code points, never splitting an emoji in half', () => {
    const name = safeFileName(`${'😀'.repeat(200)}.png`, 'image/png');
    expect(Array.from(name)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(name).toBe(`${'😀'.repeat(MAX_FILE_NAME_LENGTH - 4)}.png`);
  });

  it('trims what the cap leaves at the end of the stem', () => {
    const name = safeFileName(`${'a'.repeat(MAX_FILE_NAME_LENGTH - 6)}  .. b.pdf`, 'application/pdf');
    expect(name).toBe(`${'a'.repeat(MAX_FILE_NAME_LENGTH - 6)}.pdf`);
  });

  it('drops a lone surrogate, which no UTF-8 header could carry', () => {
    expect(safeFileName('a\uD800b.png', 'image/png')).toBe('ab.png');
  });
});

describe('contentDisposition', () => {
  it.each<[Parameters<typeof contentDisposition>[0], string, string]>([
    ['attachment', 'report.pdf', `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`],
    [
      'attachment',
      'Relevé "mai".pdf',
      `attachment; filename="Relev_ _mai_.pdf"; filename*=UTF-8''Relev%C3%A9%20%22mai%22.pdf`,
    ],
    ['inline', 'a\\b 100%.txt', `inline; filename="a_b 100_.txt"; filename*=UTF-8''a%5Cb%20100%25.txt`],
    ['attachment', '😀.gif', `attachment; filename="_.gif"; filename*=UTF-8''%F0%9F%98%80.gif`],
  ])('%s %j', (kind, name, expected) => {
    expect(contentDisposition(kind, name)).toBe(expected);
  });

  it("percent-encodes ' ( ) *, which encodeURIComponent would leave", () => {
    expect(contentDisposition('inline', "it's (1)*.png")).toBe(
      `inline; filename="it's (1)*.png"; filename*=UTF-8''it%27s%20%281%29%2A.png`,
    );
  });

  it('never lets a name close the quoted string or start a new parameter', () => {
    const value = contentDisposition('attachment', 'x"; filename="evil.html');
    expect(value).toBe(
      `attachment; filename="x_; filename=_evil.html"; filename*=UTF-8''x%22%3B%20filename%3D%22evil.html`,
    );
  });
});
