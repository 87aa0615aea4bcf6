// @vitest-environment happy-dom
// The handoff desk: a community manager's console is the desk (no queue, no chats); the form sends the
// draft and empties once the link is made, or stays as it was when refused; the list says where each
// handoff stands, with the public reply to copy once resolved; admins open it from the top bar.
import type { HandoffTracking } from '@clavard/agent-api';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DESK_REFRESH_MS } from '../src/components/HandoffDesk.js';
import { HandoffList } from '../src/components/HandoffList.js';
import { createConsoleModel } from '../src/console-model.js';
import { createTranslate, I18nContext } from '../src/i18n/translator.js';
import {
  at,
  type ConsoleHarness,
  createFakeLink,
  mountConsole,
  T0,
  welcomeFrame,
} from './support/harness.js';

const sophie = { id: 'a-sophie', firstName: 'Sophie', title: 'Social media' };
const BASE: HandoffTracking = {
  id: 'h_1',
  channel: 'x',
  handle: '@ana_q',
  postUrl: 'https://x.com/ana_q/status/1866',
  summary: 'a double charge',
  by: 'Sophie',
  createdAt: at(0),
  expiresAt: at(7 * 86_400),
};
const LIST: HandoffTracking[] = [
  { ...BASE, id: 'h_5', handle: '@new' },
  { ...BASE, id: 'h_4', handle: '@opened', openedAt: at(60) },
  { ...BASE, id: 'h_3', handle: '@taken', openedAt: at(60), takenAt: at(120), takenBy: 'Julie' },
  {
    ...BASE,
    id: 'h_2',
    handle: '@done',
    openedAt: at(60),
    takenAt: at(120),
    takenBy: 'Marc',
    resolvedAt: at(900),
    publicReply: 'We sorted this out with you in private. Thank you for your patience!',
  },
  { ...BASE, id: 'h_1', handle: '@late', expiresAt: at(-60) },
];

let h: ConsoleHarness | undefined;
let container: HTMLElement | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
  if (container) render(null, container);
  container?.remove();
  container = undefined;
  vi.useRealTimers();
});

const fill = (h: ConsoleHarness, selector: string, value: string) => {
  const field = h.get<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(selector);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
};

/** Sophie, a community manager, signed in: her console is the desk. */
async function community(): Promise<ConsoleHarness> {
  const harness = await mountConsole();
  await harness.deliver(
    welcomeFrame({
      agent: sophie,
      role: 'community',
      agents: [],
      routing: { topics: ['Billing', 'Plans'], mine: [] },
    }),
  );
  return harness;
}

describe('the handoff desk', () => {
  it('is the whole console of a community manager: no queue, no chats, the handoffs asked at once', async () => {
    h = await community();
    expect(h.get('h1').textContent).toBe('Handoff links');
    expect(h.all('nav.sidebar')).toEqual([]);
    expect(h.all('.figures')).toEqual([]);
    expect(h.link.sentOf('agent.handoffs')).toEqual([{ type: 'agent.handoffs' }]);
    expect(h.all('#desk-topic option').map((o) => o.textContent)).toEqual(['Any topic', 'Billing', 'Plans']);
  });

  it('sends the draft, the empty detail rows left out, and empties once the link is made', async () => {
    h = await community();
    await h.deliver({
      type: 'agent.handoffs',
      handoffs: [],
      hasMore: false,
      advisors: [{ id: 'a-marc', firstName: 'Marc', title: 'Billing' }],
    });
    expect(h.all('#desk-advisor option').map((o) => o.textContent)).toEqual([
      'The first one available',
      'Marc · Billing',
    ]);
    fill(h, '#desk-advisor', 'a-marc');
    fill(h, '#desk-channel', 'facebook');
    fill(h, '#desk-handle', '  Ana Q.  ');
    fill(h, '#desk-post', 'https://facebook.com/shop/posts/42');
    fill(h, '#desk-summary', 'a double charge');
    await h.step(() => h?.button('Add a detail').click());
    const [label, value] = h.all<HTMLInputElement>('.desk-detail input');
    if (!label || !value) throw new Error('no detail row');
    // Half a detail: both become required, as the server needs both.
    await h.step(() => {
      label.value = 'Order';
      label.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect([label.required, value.required]).toEqual([true, true]);
    expect(h.all<HTMLInputElement>('.desk-detail input').filter((input) => input.required)).toHaveLength(2);
    await h.step(() => {
      value.value = 'A-1042';
      value.dispatchEvent(new Event('input', { bubbles: true }));
    });
    fill(h, '#desk-topic', 'Billing');
    await h.step(() => h?.get<HTMLFormElement>('.desk-form').requestSubmit());
    expect(h.link.sentOf('agent.handoffs').at(-1)).toEqual({
      type: 'agent.handoffs',
      create: {
        channel: 'facebook',
        handle: 'Ana Q.',
        postUrl: 'https://facebook.com/shop/posts/42',
        summary: 'a double charge',
        details: [{ label: 'Order', value: 'A-1042' }],
        topic: 'Billing',
        advisorId: 'a-marc',
      },
    });
    // A second press before the answer makes no second link.
    await h.step(() => h?.get<HTMLFormElement>('.desk-form').requestSubmit());
    expect(h.link.sentOf('agent.handoffs').filter((frame) => frame.create)).toHaveLength(1);
    // Refused: a notice, and the form as it was.
    await h.deliver({
      type: 'error',
      code: 'invalid-frame',
      message: 'the organisation has no topic Billing',
      retryable: false,
    });
    expect(h.get('.notice').textContent).toContain('no topic Billing');
    expect(h.get<HTMLInputElement>('#desk-handle').value).toBe('  Ana Q.  ');
    // Over the limit: said in the console's words, with the wait.
    await h.step(() => h?.get<HTMLFormElement>('.desk-form').requestSubmit());
    await h.deliver({
      type: 'error',
      code: 'rate-limited',
      message: 'at most 30 handoffs a minute',
      retryable: true,
      retryAfterMs: 41_200,
    });
    expect(h.get('.notice').textContent).toContain('Too many at once: try again in 42 s.');
    await h.step(() => h?.get<HTMLFormElement>('.desk-form').requestSubmit());
    const url = 'https://shop.example/?clavard=h_abc.def';
    await h.deliver({
      type: 'agent.handoffs',
      handoffs: [{ ...BASE, channel: 'facebook' }],
      hasMore: false,
      advisors: [],
      created: { id: 'h_1', url, expiresAt: at(7 * 86_400) },
    });
    expect(h.get('.desk-made').textContent).toContain('Link ready: post it in your public reply.');
    expect(h.get<HTMLInputElement>('.desk-made input').value).toBe(url);
    expect(h.get<HTMLInputElement>('#desk-handle').value).toBe('');
    expect(h.all<HTMLInputElement>('.desk-detail input').map((input) => input.value)).toEqual(['', '']);
    expect(h.get('[role="status"].visually-hidden').textContent).toBe(
      'Link ready: post it in your public reply.',
    );
  });

  it('says where each handoff stands, with the public reply to copy once resolved', async () => {
    h = await community();
    await h.deliver({ type: 'agent.handoffs', handoffs: LIST, hasMore: true, advisors: [] });
    expect(h.all('.desk-status').map((s) => s.textContent)).toEqual([
      'Waiting for the customer',
      'Opened, waiting for an advisor',
      'With Julie',
      'Resolved',
      'Expired unopened',
    ]);
    expect(h.all('.desk-item blockquote').map((q) => q.textContent)).toEqual([LIST[3]?.publicReply]);
    expect(h.get('.desk-followed').textContent).toContain('The newest 5 are shown.');
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await h.step(() => h?.button('Copy the reply').click());
    await h.step();
    expect(writeText).toHaveBeenCalledWith(LIST[3]?.publicReply);
    expect(h.get('.desk-item .copied').textContent).toBe('Copied');
  });

  it('asks again every 15 s while the page is seen', async () => {
    vi.useFakeTimers({ now: T0, toFake: ['setInterval', 'clearInterval'] });
    h = await community();
    expect(h.link.sentOf('agent.handoffs')).toHaveLength(1);
    await h.step(() => vi.advanceTimersByTime(DESK_REFRESH_MS));
    expect(h.link.sentOf('agent.handoffs')).toHaveLength(2);
  });

  it('opens from the top bar for admins only, and asks only once opened', async () => {
    h = await mountConsole();
    expect([...h.container.querySelectorAll('button')].some((b) => b.textContent === 'Handoff links')).toBe(
      false,
    );
    await h.deliver(welcomeFrame({ role: 'admin' }));
    expect(h.link.sentOf('agent.handoffs')).toEqual([]);
    await h.step(() => h?.button('Handoff links').click());
    expect(h.link.sentOf('agent.handoffs')).toEqual([{ type: 'agent.handoffs' }]);
    // Under the dialog's title, its sections are one level down.
    expect(h.all('dialog.desk-dialog h3').map((heading) => heading.textContent)).toEqual([
      'New handoff link',
      'Handoffs',
    ]);
  });
});

describe('the role before the welcome', () => {
  it('is the one the sign-in said: a reload shows a community manager the desk at once', () => {
    const model = createConsoleModel({ link: createFakeLink(), me: sophie, role: 'community' });
    expect(model.role.value).toBe('community');
    model.dispose();
  });
});

describe('the handoff list in French', () => {
  it('speaks Québec French', async () => {
    container = document.createElement('div');
    document.body.append(container);
    await act(async () => {
      render(
        <I18nContext.Provider value={{ locale: 'fr-CA', t: createTranslate('fr-CA') }}>
          <HandoffList handoffs={LIST} hasMore={false} now={T0} />
        </I18nContext.Provider>,
        container as HTMLElement,
      );
    });
    expect([...container.querySelectorAll('.desk-status')].map((s) => s.textContent)).toEqual([
      'En attente du client',
      'Ouvert, en attente d’un conseiller',
      'Avec Julie',
      'Réglé',
      'Expiré sans être ouvert',
    ]);
    expect(container.querySelector('.public-reply button')?.textContent).toBe('Copier la réponse');
  });
});
