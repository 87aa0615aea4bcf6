// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createTranslate } from '../src/i18n/translator.js';
import { reportCsv } from '../src/report-csv.js';
import { type ConsoleHarness, mountConsole, takenConversation, typeInto } from './support/harness.js';

let h: ConsoleHarness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const line = {
  day: '2026-12-04',
  agentId: 'a1',
  firstName: 'Julie',
  conversations: 12,
  firstResponseMs: 41_400,
  handlingMs: 380_000,
  surveyed: 9,
  firstContact: 7,
  rated: 9,
  rating: 4.555,
  handoffs: 2,
  postToChatMs: 5_400_000,
  postToResolvedMs: null,
};

describe('the team report as CSV', () => {
  it('has a header in the agent’s language, seconds, and two decimals for the rating', () => {
    expect(reportCsv([line], createTranslate('en'))).toBe(
      'Day,Agent,Conversations,First response (s),Handling (s),Survey answers,Solved on first contact,Ratings,Avg. rating,From public posts,Post to chat (s),Post to resolved (s)\r\n' +
        '2026-12-04,Julie,12,41,380,9,7,9,4.56,2,5400,\r\n',
    );
    expect(reportCsv([], createTranslate('fr-CA')).startsWith('Jour,Agent,')).toBe(true);
  });

  it('quotes what needs quoting and never lets a spreadsheet run a formula', () => {
    const csv = reportCsv([{ ...line, firstName: '=HYPERLINK("x"), "Jo"' }], createTranslate('en'));
    expect(csv.split('\r\n')[1]).toBe(`2026-12-04,"'=HYPERLINK(""x""), ""Jo""",12,41,380,9,7,9,4.56,2,5400,`);
  });
});

describe('the archive in the console', () => {
  it('searches, lists the results, and opens one read-only', async () => {
    h = await mountConsole();
    await h.step(() => typeInto(h?.get<HTMLInputElement>('#archive-query') as never, 'facture'));
    await h.step(() => h?.button('Search').click());
    expect(h.link.sentOf('agent.search')).toEqual([{ type: 'agent.search', query: 'facture' }]);
    expect(h.container.textContent).toContain('Searching…');
    await h.deliver({
      type: 'agent.archive',
      query: 'facture',
      results: [
        {
          conversationId: 'c0',
          createdAt: '2026-11-20T10:00:00.000Z',
          endedAt: '2026-11-20T10:12:00.000Z',
          agent: 'Marc',
          name: 'Ana Tremblay',
          snippet: 'Ma facture de mai…',
        },
      ],
    });
    const result = h.get('.archive .conversation-link');
    expect(result.textContent).toContain('Ana Tremblay');
    expect(result.textContent).toContain('with Marc');
    await h.step(() => result.click());
    expect(h.link.sentOf('agent.open')).toEqual([{ type: 'agent.open', conversationId: 'c0' }]);
    await h.deliver({
      type: 'agent.conversation',
      conversation: {
        ...takenConversation(),
        id: 'c0',
        status: 'ended',
        agent: { id: 'a-marc', firstName: 'Marc' },
      },
    });
    expect(h.model.selected.value?.id).toBe('c0');
    expect(h.all('#composer-text')).toEqual([]);
    expect(h.container.textContent).toContain('This conversation has ended.');
  });

  it("lists the visitor's earlier conversations beside the one under way", async () => {
    h = await mountConsole();
    await h.deliver({
      type: 'agent.conversation',
      conversation: {
        ...takenConversation(),
        earlier: [
          { conversationId: 'c0', createdAt: '2026-11-20T10:00:00.000Z', agent: 'Marc', snippet: 'My modem' },
        ],
      },
    });
    const earlier = h.get('.earlier .conversation-link');
    expect(earlier.textContent).toContain('My modem');
    await h.step(() => earlier.click());
    expect(h.link.sentOf('agent.open')).toEqual([{ type: 'agent.open', conversationId: 'c0' }]);
  });
});

describe('where the visitor is, in the console', () => {
  it('links the page (http and https only, opening beside the console) and gives the local time', async () => {
    h = await mountConsole();
    await h.deliver({
      type: 'agent.conversation',
      conversation: {
        ...takenConversation(),
        page: { url: 'https://shop.example/plans', title: 'Plans' },
        timeZone: 'America/Toronto',
      },
    });
    const link = h.get<HTMLAnchorElement>('[data-page] a');
    expect(link.textContent).toBe('Plans');
    expect(link.rel).toBe('noopener noreferrer');
    expect(h.container.textContent).toMatch(/Local time\d{2}:\d{2}.*\(America\/Toronto\)/);
    await h.deliver({ type: 'agent.visitor', conversationId: 'c1', page: { url: 'mailto:ana@example.com' } });
    expect(h.all('[data-page] a')).toEqual([]);
    expect(h.get('[data-page]').textContent).toBe('mailto:ana@example.com');
  });
});
