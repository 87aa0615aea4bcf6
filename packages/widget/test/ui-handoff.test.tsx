// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, mountWidget } from './support/ui-harness.js';

const TOKEN = 'h_MTIzNDU2Nzg5MDEy.c2lnbmF0dXJl';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
  history.replaceState(null, '', '/');
  // A new page: no widget has taken a token yet.
  Reflect.deleteProperty(window, Symbol.for('clavard.handoff'));
});

describe('a page reached through a handoff link', () => {
  it('opens the chat, asks to continue the case, says why it cannot, and takes the token out of the address', async () => {
    history.replaceState(null, '', `/plans?q=a%20b&next=/cart&flag&clavard=${TOKEN}#top`);
    h = await mountWidget({});
    // At once, before any answer; the rest of the address as it was written.
    expect(location.pathname + location.search + location.hash).toBe('/plans?q=a%20b&next=/cart&flag#top');
    await h.step();
    // The memory server makes no handoff links: it answers `invalid`.
    expect(h.all('.panel')).toHaveLength(1);
    expect(h.widget.client.handoff.value).toBe('invalid');
    expect(h.get('.log .notice').textContent).toBe(
      'This link is not valid. Write to us here to start a new conversation.',
    );
    expect(h.get('[aria-live]').textContent?.trim()).toBe(
      'This link is not valid. Write to us here to start a new conversation.',
    );
  });

  it('is taken by the first widget of the page only', async () => {
    history.replaceState(null, '', `/?clavard=${TOKEN}`);
    h = await mountWidget({});
    const second = await mountWidget({ namespace: 'support' });
    await h.step();
    expect(h.widget.client.handoff.value).toBe('invalid');
    expect(second.widget.client.handoff.value).toBeUndefined();
    expect(second.all('.panel')).toEqual([]);
    second.dispose();
  });

  it('says it in French', async () => {
    history.replaceState(null, '', `/?clavard=${TOKEN}`);
    h = await mountWidget({ locale: 'fr-CA' });
    await h.step();
    expect(h.get('.log .notice').textContent).toBe(
      'Ce lien n’est pas valide. Écrivez-nous ici pour commencer une nouvelle conversation.',
    );
  });

  it('is left alone with handoff: false, and so is a page without one', async () => {
    history.replaceState(null, '', `/?clavard=${TOKEN}`);
    h = await mountWidget({ handoff: false });
    await h.step();
    expect(h.all('.panel')).toEqual([]);
    expect(h.widget.client.handoff.value).toBeUndefined();
    expect(location.search).toBe(`?clavard=${TOKEN}`);
    h.dispose();
    history.replaceState(null, '', '/?clavard=other');
    h = await mountWidget({});
    await h.step();
    expect(h.all('.panel')).toEqual([]);
  });
});
