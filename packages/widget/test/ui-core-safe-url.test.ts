import { IMAGE_PROTOCOLS, LINK_PROTOCOLS, safeUrl } from '@clavard/widget/ui-core';
import { describe, expect, it } from 'vitest';

describe('safeUrl', () => {
  it.each([
    ['https://shop.example/fibre', 'https://shop.example/fibre'],
    ['http://shop.example', 'http://shop.example/'],
    ['mailto:help@example.com', 'mailto:help@example.com'],
    ['tel:+15145550100', 'tel:+15145550100'],
  ])('allows %j as a link', (input, expected) => {
    expect(safeUrl(input)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '  javascript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'blob:https://a.example/3f1c',
    'ftp://files.example/',
    'about:blank',
    'ｊａｖａｓｃｒｉｐｔ:alert(1)',
  ])('refuses %j', (input) => {
    expect(safeUrl(input)).toBeUndefined();
  });

  it('refuses a relative URL, which has nothing to resolve against', () => {
    expect(safeUrl('/account/settings')).toBeUndefined();
  });

  it('refuses an empty string', () => {
    expect(safeUrl('')).toBeUndefined();
  });

  it('refuses a web URL with user credentials', () => {
    expect(safeUrl('https://bank.example:secret@evil.example/')).toBeUndefined();
  });

  it('refuses a URL longer than 2,048 characters', () => {
    expect(safeUrl(`https://a.example/${'x'.repeat(2048)}`)).toBeUndefined();
  });

  it('refuses a value that is not a string', () => {
    expect(safeUrl(42 as unknown as string)).toBeUndefined();
  });

  it('returns the normalised URL, which is the one checked', () => {
    expect(safeUrl(' HTTPS://EXAMPLE.COM/a b')).toBe('https://example.com/a%20b');
  });

  it('allows only http and https for images', () => {
    expect(IMAGE_PROTOCOLS).toEqual(['https:', 'http:']);
    expect(safeUrl('https://cdn.example/julie.png', IMAGE_PROTOCOLS)).toBe('https://cdn.example/julie.png');
    expect(safeUrl('mailto:julie@example.com', IMAGE_PROTOCOLS)).toBeUndefined();
    expect(safeUrl('data:image/png;base64,iVBORw0KGgo=', IMAGE_PROTOCOLS)).toBeUndefined();
  });

  it('allows exactly https, http, mailto and tel for links by default', () => {
    expect(LINK_PROTOCOLS).toEqual(['https:', 'http:', 'mailto:', 'tel:']);
  });
});
