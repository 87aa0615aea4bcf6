// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ConsoleHarness,
  mountConsole,
  takeConversation,
  takenConversation,
  typeInto,
} from './support/harness.js';

let h: ConsoleHarness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const CLOSING = 'Thank you for contacting us. Have a nice day!';
const closingText = (harness: ConsoleHarness) => harness.get<HTMLTextAreaElement>('#closing-text');

describe('ending a conversation', () => {
  it('offers the closing text, focused and editable, before ending', async () => {
    h = await mountConsole();
    await takeConversation(h);
    await h.step(() => h?.button('End conversation').click());
    expect(closingText(h).value).toBe(CLOSING);
    expect(document.activeElement).toBe(closingText(h));
    expect(h.link.sentOf('agent.end')).toEqual([]);
  });

  it('ends with the chosen closing phrase', async () => {
    h = await mountConsole();
    await takeConversation(h);
    await h.step(() => h?.button('End conversation').click());
    const solved = h
      .all<HTMLLabelElement>('.end-panel .choice')
      .find((l) => l.textContent?.includes('solved'));
    await h.step(() => solved?.querySelector('input')?.click());
    await h.step(() => h?.button('End with this closing').click());
    expect(h.link.sentOf('agent.end')).toEqual([
      {
        type: 'agent.end',
        conversationId: 'c1',
        closing: "I'm glad we could solve this together. Goodbye and take care!",
      },
    ]);
  });

  it('cannot end with an empty closing', async () => {
    h = await mountConsole();
    await takeConversation(h);
    await h.step(() => h?.button('End conversation').click());
    await h.step(() => typeInto(closingText(h as ConsoleHarness), ' '));
    expect(h.button('End with this closing').disabled).toBe(true);
  });

  it('cancels with Escape and gives the focus back to the End button', async () => {
    h = await mountConsole();
    await takeConversation(h);
    await h.step(() => h?.button('End conversation').click());
    await h.step(() =>
      closingText(h as ConsoleHarness).dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }),
      ),
    );
    expect(h.all('.end-panel')).toHaveLength(0);
    expect(document.activeElement).toBe(h.button('End conversation'));
    expect(h.link.sentOf('agent.end')).toEqual([]);
  });

  it('shows the conversation as ended once the server says so', async () => {
    h = await mountConsole();
    await takeConversation(h);
    await h.deliver({
      type: 'agent.event',
      event: {
        type: 'conversation.ended',
        conversationId: 'c1',
        seq: 3,
        at: new Date().toISOString(),
        by: 'agent',
        closing: CLOSING,
      },
    });
    expect(h.get('#conversation-heading').textContent).toContain('Ended');
    expect(h.all('#composer-text')).toHaveLength(0);
    expect(h.get('.transcript').textContent).toContain(CLOSING);
  });
});

describe("the visitor's feedback", () => {
  it('shows whether it was solved, the rating and the note once the visitor answers', async () => {
    h = await mountConsole();
    await takeConversation(h);
    expect(h.all('.feedback')).toEqual([]);
    await h.deliver({
      type: 'agent.rating',
      conversationId: 'c1',
      solved: true,
      score: 5,
      note: 'Thanks Julie!',
    });
    expect(h.all('.feedback dd').map((dd) => [dd.dataset.feedback, dd.textContent])).toEqual([
      ['solved', 'Yes'],
      ['score', '5 / 5'],
      ['note', 'Thanks Julie!'],
    ]);
  });

  it('shows what the server kept when the conversation arrives with its rating', async () => {
    h = await mountConsole();
    await takeConversation(h);
    await h.deliver({
      type: 'agent.conversation',
      conversation: { ...takenConversation(), status: 'ended', rating: { solved: false } },
    });
    expect(h.all('.feedback dd').map((dd) => dd.textContent)).toEqual(['No']);
  });
});

describe("the server's measures", () => {
  it('shows the wait in queue, first-contact resolution and rating the server keeps', async () => {
    h = await mountConsole();
    expect(h.all('[data-figure="stats-wait"]')).toEqual([]);
    await h.deliver({
      type: 'agent.stats',
      stats: {
        conversations: 4,
        waitMs: 90_000,
        firstResponseMs: 60_000,
        handlingMs: 300_000,
        surveyed: 4,
        firstContact: 3,
        rated: 2,
        rating: 4.5,
      },
    });
    expect(h.get('[data-figure="stats-wait"]').textContent).toBe('1 min 30 s (4)');
    expect(h.get('[data-figure="stats-first-contact"]').textContent).toBe('75 % (4)');
    expect(h.get('[data-figure="stats-rating"]').textContent).toBe('4.5 / 5 (2)');
  });
});
