import { type Segment, safeUrl, splitLinks } from '@clavard/widget/ui-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const text = (value: string): Segment => ({ kind: 'text', text: value });
const link = (value: string, href: string): Segment => ({ kind: 'link', text: value, href });
const links = (input: string) => splitLinks(input).filter((segment) => segment.kind === 'link');

describe('splitLinks: what becomes a link', () => {
  it('returns no segment for an empty text', () => {
    expect(splitLinks('')).toEqual([]);
  });

  it('returns plain text as one text segment', () => {
    expect(splitLinks('Hello, how can I help?')).toEqual([text('Hello, how can I help?')]);
  });

  it('links an https URL inside a sentence', () => {
    expect(splitLinks('See https://shop.example/fibre for details')).toEqual([
      text('See '),
      link('https://shop.example/fibre', 'https://shop.example/fibre'),
      text(' for details'),
    ]);
  });

  it('links an http URL and keeps its path, query and fragment', () => {
    expect(links('go to http://a.example/x/y?q=1&r=2#top now')).toEqual([
      link('http://a.example/x/y?q=1&r=2#top', 'http://a.example/x/y?q=1&r=2#top'),
    ]);
  });

  it('matches the scheme in any case and normalises the href', () => {
    expect(links('HTTPS://Shop.Example/Path')).toEqual([
      link('HTTPS://Shop.Example/Path', 'https://shop.example/Path'),
    ]);
  });

  it('links a www. host as https', () => {
    expect(splitLinks('visit www.example.com today')).toEqual([
      text('visit '),
      link('www.example.com', 'https://www.example.com/'),
      text(' today'),
    ]);
  });

  it('links an e-mail address as mailto', () => {
    expect(splitLinks('write to help@example.com please')).toEqual([
      text('write to '),
      link('help@example.com', 'mailto:help@example.com'),
      text(' please'),
    ]);
  });

  it('links an e-mail address with dots, plus and sub-domains', () => {
    expect(links('jean.tremblay+chat@mail.bell.example')).toEqual([
      link('jean.tremblay+chat@mail.bell.example', 'mailto:jean.tremblay+chat@mail.bell.example'),
    ]);
  });

  it('links an explicit mailto: link', () => {
    expect(links('mailto:help@example.com?subject=Bill')).toEqual([
      link('mailto:help@example.com?subject=Bill', 'mailto:help@example.com?subject=Bill'),
    ]);
  });

  it('links an explicit tel: link', () => {
    expect(splitLinks('call tel:+1-514-555-0100.')).toEqual([
      text('call '),
      link('tel:+1-514-555-0100', 'tel:+1-514-555-0100'),
      text('.'),
    ]);
  });

  it('does not link a bare phone number', () => {
    expect(splitLinks('call +1 514 555 0100 or 514-555-0100')).toEqual([
      text('call +1 514 555 0100 or 514-555-0100'),
    ]);
  });

  it('finds several links in one text, in order', () => {
    expect(links('a https://one.example b www.two.example c x@three.example').map((s) => s.text)).toEqual([
      'https://one.example',
      'www.two.example',
      'x@three.example',
    ]);
  });

  it('links a URL with an IDN host, showing it as written and linking its punycode', () => {
    expect(links('https://café.example/menu')).toEqual([
      link('https://café.example/menu', 'https://xn--caf-dma.example/menu'),
    ]);
  });
});

describe('splitLinks: where a link ends', () => {
  it.each(['.', ',', ';', ':', '!', '?', '...', '?!'])(
    'leaves trailing %j out of the link',
    (punctuation) => {
      expect(splitLinks(`https://a.example/x${punctuation}`)).toEqual([
        link('https://a.example/x', 'https://a.example/x'),
        text(punctuation),
      ]);
    },
  );

  it('keeps punctuation that is inside the URL', () => {
    expect(links('https://a.example/a.b,c;d:e!f?g=1.')).toEqual([
      link('https://a.example/a.b,c;d:e!f?g=1', 'https://a.example/a.b,c;d:e!f?g=1'),
    ]);
  });

  it('leaves an unbalanced closing parenthesis out', () => {
    expect(splitLinks('(see https://a.example/x)')).toEqual([
      text('(see '),
      link('https://a.example/x', 'https://a.example/x'),
      text(')'),
    ]);
  });

  it('keeps balanced parentheses, as in Wikipedia URLs', () => {
    expect(links('https://en.wikipedia.org/wiki/Montreal_(disambiguation).')).toEqual([
      link(
        'https://en.wikipedia.org/wiki/Montreal_(disambiguation)',
        'https://en.wikipedia.org/wiki/Montreal_(disambiguation)',
      ),
    ]);
  });

  it('leaves unbalanced closing square and curly brackets out', () => {
    expect(splitLinks('[https://a.example/x] {www.b.example}')).toEqual([
      text('['),
      link('https://a.example/x', 'https://a.example/x'),
      text('] {'),
      link('www.b.example', 'https://www.b.example/'),
      text('}'),
    ]);
  });

  it('ends a link at an unbalanced closing bracket in the middle', () => {
    expect(splitLinks('https://a.example/x)y')).toEqual([
      link('https://a.example/x', 'https://a.example/x'),
      text(')y'),
    ]);
  });

  it('reads a Markdown link target', () => {
    expect(splitLinks('[doc](https://a.example/doc)')).toEqual([
      text('[doc]('),
      link('https://a.example/doc', 'https://a.example/doc'),
      text(')'),
    ]);
  });

  it('ends a link at angle brackets and quotes', () => {
    expect(links('<https://a.example/x> "https://b.example/y"').map((s) => s.text)).toEqual([
      'https://a.example/x',
      'https://b.example/y',
    ]);
  });

  it('ends a link at French quotation marks', () => {
    expect(splitLinks('«\u00a0https://a.example/x\u00a0»')).toEqual([
      text('«\u00a0'),
      link('https://a.example/x', 'https://a.example/x'),
      text('\u00a0»'),
    ]);
  });

  it('ends an e-mail address before a trailing dot', () => {
    expect(splitLinks('Write to help@example.com.')).toEqual([
      text('Write to '),
      link('help@example.com', 'mailto:help@example.com'),
      text('.'),
    ]);
  });

  it('ends a link at a zero-width space, which would otherwise vanish from the host', () => {
    expect(links('https://exa\u200bmple.com')).toEqual([link('https://exa', 'https://exa/')]);
  });

  it('ends a link at a bidi override, so the link cannot be shown reversed', () => {
    expect(links('https://a.example/\u202egpj.exe')).toEqual([
      link('https://a.example/', 'https://a.example/'),
    ]);
  });
});

describe('splitLinks: what stays text', () => {
  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ｊａｖａｓｃｒｉｐｔ:alert(1)',
    'javascript\u003aalert(1)',
    'jav&#x61;script:alert(1)',
    'ftp://files.example/x',
    'intent://scan/#Intent;scheme=zxing;end',
  ])('keeps %j as text', (input) => {
    expect(splitLinks(input)).toEqual([text(input)]);
  });

  it('keeps the blob: scheme out of a link: only the https URL inside it is linked', () => {
    expect(splitLinks('blob:https://a.example/uuid')).toEqual([
      text('blob:'),
      link('https://a.example/uuid', 'https://a.example/uuid'),
    ]);
  });

  it('keeps a javascript: URL wrapped in an http one as text', () => {
    expect(splitLinks('http://javascript:alert(1)')).toEqual([text('http://javascript:alert(1)')]);
  });

  it('keeps a web URL with credentials as text (the bank.example@evil.example trick)', () => {
    expect(splitLinks('https://bank.example@evil.example/login')).toEqual([
      text('https://bank.example@evil.example/login'),
    ]);
  });

  it('keeps a scheme without a host as text', () => {
    expect(splitLinks('http:// and https://.')).toEqual([text('http:// and https://.')]);
  });

  it('keeps a scheme glued to a word as text', () => {
    expect(splitLinks('xhttps://a.example')).toEqual([text('xhttps://a.example')]);
  });

  it('keeps www. without a domain as text', () => {
    expect(splitLinks('www. and www.localhost')).toEqual([text('www. and www.localhost')]);
  });

  it('keeps an @ mention and a half address as text', () => {
    expect(splitLinks('@Julie thanks, a@b and c@d.1 and e@-f.com')).toEqual([
      text('@Julie thanks, a@b and c@d.1 and e@-f.com'),
    ]);
  });

  it('keeps a tel: link without a number as text', () => {
    expect(splitLinks('tel:abc tel:12')).toEqual([text('tel:abc tel:12')]);
  });

  it('keeps a mailto: link without an address as text', () => {
    expect(splitLinks('mailto:nobody')).toEqual([text('mailto:nobody')]);
  });

  it('keeps a URL longer than 2,048 characters as text', () => {
    const long = `https://a.example/${'x'.repeat(2100)}`;
    expect(splitLinks(long)).toEqual([text(long)]);
  });
});

describe('splitLinks: hostile input', () => {
  // Each of these is 10,000 characters or more. A backtracking regular expression would hang on some of
  // them; the test asserts the result, and vitest's timeout stops a hang.
  it.each([
    ['repeated schemes', 'http://'.repeat(1430)],
    ['open brackets', `https://a.example/${'('.repeat(10_000)}`],
    ['closing brackets', `https://a.example/${')'.repeat(10_000)}`],
    ['trailing dots', `https://a.example/x${'.'.repeat(10_000)}`],
    ['at signs', 'a@'.repeat(5000)],
    ['dotted local parts', `${'a.'.repeat(5000)}@`],
    ['a long domain', `a@${'b-'.repeat(5000)}`],
    ['www runs', 'www.'.repeat(2500)],
    ['broken IPv6 hosts', 'http://['.repeat(1250)],
    ['mixed noise', 'https://a.example/(x)@www.b.'.repeat(400)],
  ])('returns the whole text for %s', (_name, input) => {
    expect(input.length).toBeGreaterThanOrEqual(10_000);
    const segments = splitLinks(input);
    expect(segments.map((segment) => segment.text).join('')).toBe(input);
  });

  it('links each of 1,000 addresses in a 20,000-character text', () => {
    const input = 'x@y.example '.repeat(1000);
    expect(links(input)).toHaveLength(1000);
  });

  it('keeps a long run of closing brackets out of the link', () => {
    const input = `https://a.example/x${')'.repeat(10_000)}`;
    expect(splitLinks(input)).toEqual([
      link('https://a.example/x', 'https://a.example/x'),
      text(')'.repeat(10_000)),
    ]);
  });

  it('gives back the input when the segments are joined, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (input) => {
        expect(
          splitLinks(input)
            .map((segment) => segment.text)
            .join(''),
        ).toBe(input);
      }),
      { seed: 4, numRuns: 300 },
    );
  });

  it('only makes links whose href passes safeUrl, for texts full of URL pieces', () => {
    const piece = fc.constantFrom(
      'http://',
      'https://',
      'www.',
      'mailto:',
      'tel:',
      'javascript:',
      'a',
      '.',
      '@',
      '(',
      ')',
      ' ',
      '\t',
      'example',
      '.com',
      '+1',
      ':',
      '\u202e',
      '/',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const segments = splitLinks(pieces.join(''));
        for (const segment of segments) {
          if (segment.kind === 'link') expect(safeUrl(segment.href)).toBe(segment.href);
        }
      }),
      { seed: 7, numRuns: 1000 },
    );
  });

  it('never returns two text segments in a row', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (input) => {
        const segments = splitLinks(input);
        segments.forEach((segment, index) => {
          if (index > 0 && segment.kind === 'text') expect(segments[index - 1]?.kind).toBe('link');
        });
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
