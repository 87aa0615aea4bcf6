// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, julie, marc, mountWidget } from './support/ui-harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

describe('header', () => {
  it('shows the organisation and its availability before an agent joins', async () => {
    h = await mountWidget({ open: true });
    expect(h.get('.title').textContent).toBe('Fibre Nord');
    expect(h.get('.subtitle').textContent).toBe('We usually answer in a few minutes');
  });

  it('says when nobody is available', async () => {
    h = await mountWidget({ open: true });
    await h.step(() => h?.server.setAvailability({ online: false }));
    expect(h.get('.subtitle').textContent).toBe('We are away; leave a message');
  });

  it("says until when, from the server's next opening, in the visitor's language", async () => {
    h = await mountWidget({ open: true });
    const nextOpenAt = '2026-11-30T14:00:00.000Z';
    await h.step(() => h?.server.setAvailability({ online: false, nextOpenAt }));
    const when = new Intl.DateTimeFormat('en', {
      weekday: 'long',
      hour: 'numeric',
      minute: '2-digit',
    }).format(Date.parse(nextOpenAt));
    expect(h.get('.subtitle').textContent).toBe(`We are away until ${when}; leave a message`);
    h.dispose();
    h = await mountWidget({ open: true, locale: 'fr-CA' });
    await h.step(() => h?.server.setAvailability({ online: false, nextOpenAt }));
    expect(h.get('.subtitle').textContent).toMatch(
      /^Nous sommes absents jusqu’à .+\. Laissez-nous un message\.$/,
    );
  });

  it("shows the agent's first name once they join", async () => {
    h = await mountWidget({ open: true });
    await h.startConversation(julie);
    expect(h.get('.title').textContent).toBe('Julie');
  });

  it('shows the initial in a circle when the agent has no avatar', async () => {
    h = await mountWidget({ open: true });
    await h.startConversation({ id: 'a3', firstName: 'élodie' });
    expect(h.get('.header .initial').textContent).toBe('É');
  });

  it('shows the avatar when its URL is http(s), and the initial when it is not', async () => {
    h = await mountWidget({ open: true });
    await h.startConversation({ id: 'a4', firstName: 'Zoé', avatarUrl: 'javascript:alert(1)' });
    expect(h.all('.header img')).toHaveLength(0);
    expect(h.get('.header .initial').textContent).toBe('Z');
  });

  it('switches to the new agent after a transfer, with a notice in the conversation', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation(julie);
    await h.step(() => h?.server.agents.transfer(id, marc));
    expect(h.get('.title').textContent).toBe('Marc');
    expect(h.get('.subtitle').textContent).toBe('Billing · Fibre Nord');
    const notices = h.all('.notice').map((notice) => notice.textContent);
    expect(notices).toContain('You are now chatting with Marc');
  });

  it('announces a transfer in the polite live region', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation(julie);
    await h.step(() => h?.server.agents.transfer(id, marc));
    const region = h.get('[aria-live="polite"][role="status"]');
    expect(region.textContent?.trim()).toBe('You are now chatting with Marc');
  });
});
