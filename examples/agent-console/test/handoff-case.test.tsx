// @vitest-environment happy-dom
import type { HandoffCase as Case } from '@clavard/agent-api';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { HandoffCase } from '../src/components/HandoffCase.js';
import { type ConsoleLocale, createTranslate, I18nContext } from '../src/i18n/translator.js';
import { agentMessage, type ConsoleHarness, mountConsole, takenConversation } from './support/harness.js';

const CASE: Case = {
  id: 'h_1',
  channel: 'x',
  handle: '@ana_q',
  postUrl: 'https://x.com/ana_q/status/1866',
  summary: 'a double charge',
  details: [
    { label: 'Invoice', value: 'November 2026' },
    { label: 'Amount', value: '2 × 65 $' },
  ],
  topic: 'Billing',
  by: 'Social inbox',
  createdAt: '2026-12-05T14:00:00.000Z',
  openedAt: '2026-12-05T14:05:00.000Z',
};

let container: HTMLElement | undefined;
let h: ConsoleHarness | undefined;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
  container = undefined;
  h?.dispose();
  h = undefined;
});

async function show(handoff: Case, locale: ConsoleLocale): Promise<HTMLElement> {
  const element = document.createElement('div');
  container = element;
  document.body.append(element);
  await act(async () => {
    render(
      <I18nContext.Provider value={{ locale, t: createTranslate(locale) }}>
        <HandoffCase handoff={handoff} />
      </I18nContext.Provider>,
      element,
    );
  });
  return element;
}

const terms = (element: HTMLElement) =>
  [...element.querySelectorAll('dt')].map((dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`);

describe('the case of a handoff beside its conversation', () => {
  it('says where the customer wrote, what about, what was collected, and links to the post', async () => {
    const element = await show(CASE, 'en');
    expect(element.querySelector('h2')?.textContent).toBe('Handed over from X');
    expect(terms(element).slice(0, 4)).toEqual([
      'Public handle: @ana_q',
      'About: a double charge',
      'Invoice: November 2026',
      'Amount: 2 × 65 $',
    ]);
    const post = element.querySelector<HTMLAnchorElement>('a');
    expect([post?.href, post?.target, post?.rel, post?.textContent]).toEqual([
      'https://x.com/ana_q/status/1866',
      '_blank',
      'noopener noreferrer',
      'Open the post',
    ]);
  });

  it('offers the public reply once the conversation ended, and not before', async () => {
    const before = await show(CASE, 'en');
    expect(before.querySelector('.public-reply')).toBeNull();
    render(null, before);
    const reply = 'We sorted this out with you in private. Thank you for your patience!';
    const after = await show({ ...CASE, publicReply: reply }, 'en');
    expect(after.querySelector('.public-reply figcaption')?.textContent).toBe(
      'Public reply, for the community manager to post',
    );
    expect(after.querySelector('.public-reply blockquote')?.textContent).toBe(reply);
  });

  it('speaks French, and shows a post that is not an https address as text, never as a link', async () => {
    const element = await show({ ...CASE, channel: 'google', postUrl: 'javascript:alert(1)' }, 'fr-CA');
    expect(element.querySelector('h2')?.textContent).toBe('Transmis depuis un avis Google');
    expect(element.querySelector('a')).toBeNull();
    expect(element.querySelector('[data-post]')?.textContent).toBe('javascript:alert(1)');
  });

  it('is in the console’s right column when the conversation has one, and only then', async () => {
    h = await mountConsole();
    await h.step(() => h?.button('Take').click());
    await h.deliver({
      type: 'agent.conversation',
      conversation: { ...takenConversation([agentMessage(3)]), handoff: CASE },
    });
    expect(h.get('.handoff-case h2').textContent).toBe('Handed over from X');
    await h.deliver({ type: 'agent.conversation', conversation: takenConversation([agentMessage(3)]) });
    expect(h.all('.handoff-case')).toEqual([]);
  });
});
