import { describe, expect, it } from 'vitest';
import { setupClient } from './support/setup-client.js';

const page = (href: string, title: string) => {
  const url = new URL(href);
  return Object.assign(new EventTarget(), {
    visibilityState: 'visible',
    location: { protocol: url.protocol, origin: url.origin, pathname: url.pathname },
    title,
  });
};

describe('where the visitor is, in the hello', () => {
  it('says the page without its query and fragment, its title, and the time zone', () => {
    const { client, transport } = setupClient({
      document: page(
        'https://shop.example/plans/famille?email=ana@example.com&token=s3cret#pay',
        ' Famille plan ',
      ),
    });
    client.connect();
    const [hello] = transport.sentOfType('session.hello');
    expect(hello).toMatchObject({
      page: { url: 'https://shop.example/plans/famille', title: 'Famille plan' },
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    expect(JSON.stringify(hello)).not.toContain('s3cret');
    client.dispose();
  });

  it('says no page for a page that is not http(s)', () => {
    const { client, transport } = setupClient({ document: page('file:///tmp/x.html', 'Local') });
    client.connect();
    expect(transport.sentOfType('session.hello')[0]).not.toHaveProperty('page');
    client.dispose();
  });
});
