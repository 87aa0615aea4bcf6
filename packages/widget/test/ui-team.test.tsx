// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, mountWidget } from './support/ui-harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const julie = { firstName: 'Julie', avatarUrl: 'https://cdn.example/julie.png' };
const marc = { firstName: 'Marc' };

describe('who is there, before the first message', () => {
  it('shows the faces and one sentence, read once: the faces are hidden from screen readers', async () => {
    h = await mountWidget({ open: true });
    await h.step(() =>
      h?.server.setAvailability({ online: true, expectedWaitSeconds: 180, agents: [julie, marc] }),
    );
    expect(h.get('.team-line').textContent).toBe('Julie and Marc usually reply in a few minutes');
    expect(h.get('.faces').getAttribute('aria-hidden')).toBe('true');
    const img = h.get<HTMLImageElement>('.faces img');
    expect([img.getAttribute('src'), img.getAttribute('alt'), img.getAttribute('referrerpolicy')]).toEqual([
      julie.avatarUrl,
      '',
      'no-referrer',
    ]);
    expect(h.get('.faces .initial').textContent).toBe('M');
    // The header does not say it a second time.
    expect(h.all('.subtitle')).toHaveLength(0);
  });

  it('says it in Quebec French, in the singular for one agent', async () => {
    h = await mountWidget({ open: true, locale: 'fr-CA' });
    await h.step(() => h?.server.setAvailability({ online: true, agents: [marc] }));
    expect(h.get('.team-line').textContent).toBe('Marc répond habituellement en quelques minutes');
    await h.step(() =>
      h?.server.setAvailability({ online: true, expectedWaitSeconds: 7200, agents: [julie, marc] }),
    );
    expect(h.get('.team-line').textContent).toBe('Julie et Marc répondent habituellement dans 2 heures');
  });

  it('shows the initial when a picture fails to load', async () => {
    h = await mountWidget({ open: true });
    await h.step(() => h?.server.setAvailability({ online: true, agents: [julie] }));
    await h.step(() => h?.get('.faces img').dispatchEvent(new Event('error')));
    expect(h.all('.faces img')).toHaveLength(0);
    expect(h.get('.faces .initial').textContent).toBe('J');
  });

  it('shows nothing while nobody is online, nor once the conversation has started', async () => {
    h = await mountWidget({ open: true });
    await h.step(() => h?.server.setAvailability({ online: true }));
    expect(h.all('.team')).toHaveLength(0);
    await h.step(() => h?.server.setAvailability({ online: false, agents: [julie] }));
    expect(h.all('.team')).toHaveLength(0);
    await h.step(() => h?.server.setAvailability({ online: true, agents: [julie] }));
    expect(h.all('.team')).toHaveLength(1);
    await h.startConversation();
    expect(h.all('.team')).toHaveLength(0);
  });
});
