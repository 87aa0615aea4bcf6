/**
 * The end of a conversation, end to end in headless Chromium against the reference server (port 0, a
 * temporary SQLite file), the visitor on the demo store and Julie on the agent console. Julie ends it with
 * the closing text: the visitor sees it, then the survey (solved, 1–5, a note to Julie by first name), and
 * the demo store's offer only once the feedback is sent; the console shows the feedback; the transcript
 * the visitor downloads is plain text with the messages and Julie's first name. Then the visitor ends a
 * conversation from the header ("End chat", confirmed), and the console sees it ended.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReferenceServer } from '@clavard/reference-server';
import { describe, expect, it } from 'vitest';
import {
  agentSees,
  consoleMessages,
  type OpenedPage,
  openAgent,
  openVisitor,
  RESULTS_DIR,
  type VisitorPage,
  visitorSees,
} from './support/e2e-pages.js';
import { e2eSuite } from './support/e2e-suite.js';

const JULIE_GREETING = "Hello, I'm Julie. How can I help you today?";
const CLOSING = 'Thank you for contacting us. Have a nice day!';
/** The offer of the demo store's script tag (`data-offer-title`). */
const OFFER_TITLE = 'Mesh Wi-Fi for every room';

const e2e = e2eSuite();

/**
 * Julie and a visitor on a server of their own (database `<name>.db`): the visitor writes `first`, Julie
 * takes the conversation, sends the prefilled greeting and then `answer`; resolves once the visitor has
 * seen both.
 */
async function conversation(
  name: string,
  first: string,
  answer: string,
): Promise<{ server: ReferenceServer; julie: OpenedPage; visitor: VisitorPage }> {
  const server = await e2e.start(name);
  const julie = await openAgent(e2e.browser, server.url, 'Julie');
  const visitor = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages);
  e2e.keep(julie, visitor);
  const panel = visitor.page.getByRole('dialog');

  await visitor.page.getByRole('button', { name: 'Open chat' }).click();
  const composer = visitor.page.getByRole('textbox', { name: 'Message' });
  await composer.fill(first);
  await composer.press('Enter');
  await julie.page
    .locator('.queue-entry', { hasText: first })
    .getByRole('button', { name: /Take the conversation/ })
    .click();
  await panel.getByText('Julie has joined').waitFor();

  const julieComposer = julie.page.getByLabel('Your answer');
  await expect.poll(() => julieComposer.inputValue()).toBe(JULIE_GREETING);
  await julie.page.getByRole('button', { name: 'Send', exact: true }).click();
  await visitorSees(visitor.page, JULIE_GREETING);
  await julieComposer.fill(answer);
  await julie.page.getByRole('button', { name: 'Send', exact: true }).click();
  await visitorSees(visitor.page, answer);
  return { server, julie, visitor };
}

describe('the end of a conversation', () => {
  it('Julie ends it with a closing: survey, feedback on the console, offer after it, plain-text transcript', async () => {
    const question = 'My invoice shows two charges for May.';
    const answer = 'I refunded the second charge: you will see it in three days.';
    const note = 'Quick and clear, thanks Julie!';
    const { server, julie, visitor } = await conversation('end-by-agent', question, answer);
    const panel = visitor.page.getByRole('dialog');

    // Julie ends from the console with the closing it offers.
    await julie.page.getByRole('button', { name: 'End conversation…' }).click();
    const closing = julie.page.getByLabel('Closing message (the visitor sees it)');
    await expect.poll(() => closing.inputValue()).toBe(CLOSING);
    await julie.page.getByRole('button', { name: 'End with this closing' }).click();
    await julie.page.getByRole('heading', { name: 'Conversation · Ended' }).waitFor();
    await julie.page
      .getByRole('log', { name: 'Conversation' })
      .locator('.notice', { hasText: `Ended by the agent: ${CLOSING}` })
      .waitFor();

    // The visitor sees the closing, then the survey, addressed to Julie by first name; no offer yet.
    await panel.locator('.closing').getByText(CLOSING, { exact: true }).waitFor();
    await panel.getByText('This conversation has ended.', { exact: true }).waitFor();
    const survey = panel.getByRole('form', { name: 'How did it go?' });
    await survey.waitFor();
    const solved = survey.getByRole('group', { name: 'Was your problem solved?' });
    expect(await solved.getByRole('radio').count()).toBe(2);
    const rating = survey.getByRole('group', { name: 'Rate this conversation' });
    expect(await rating.getByRole('radio').count()).toBe(5);
    const noteField = survey.getByLabel('A note for Julie (optional)');
    await noteField.waitFor();
    expect(await panel.getByText('You may also like').count()).toBe(0);
    expect(await panel.getByText(OFFER_TITLE).count()).toBe(0);
    await visitor.page.screenshot({ path: join(RESULTS_DIR, 'e2e-end-visitor-survey.png') });

    // The visitor answers: yes, 5, a note; then the thanks, and the offer only now.
    await solved.getByRole('radio', { name: 'Yes' }).check();
    await rating.getByRole('radio', { name: '5 – Excellent' }).check();
    await noteField.fill(note);
    await survey.getByRole('button', { name: 'Send feedback' }).click();
    await panel.getByRole('status').filter({ hasText: 'Thank you for your feedback!' }).waitFor();
    expect(await survey.count()).toBe(0);
    const offer = panel.locator('.offer');
    await offer.getByText('You may also like').waitFor();
    await offer.getByText(OFFER_TITLE).waitFor();
    const offerLink = offer.getByRole('link').first();
    expect(new URL((await offerLink.getAttribute('href')) ?? '', server.url).hash).toBe('#mesh');
    await visitor.page.screenshot({ path: join(RESULTS_DIR, 'e2e-end-visitor-feedback.png') });

    // The console shows the feedback under the transcript.
    const feedback = julie.page.getByRole('region', { name: 'Visitor’s feedback' });
    await feedback.waitFor();
    await expect.poll(() => feedback.locator('[data-feedback="solved"]').textContent()).toBe('Yes');
    expect(await feedback.locator('[data-feedback="score"]').textContent()).toBe('5 / 5');
    expect(await feedback.locator('[data-feedback="note"]').textContent()).toBe(note);
    // And it counts in Julie's averages kept by the server.
    await expect
      .poll(() => julie.page.locator('[data-figure="stats-rating"]').textContent())
      .toBe('5.0 / 5 (1)');
    await julie.page.screenshot({ path: join(RESULTS_DIR, 'e2e-end-julie-feedback.png') });

    // The transcript: a plain-text file with every message, Julie's first name and the closing.
    const [download] = await Promise.all([
      visitor.page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download the transcript' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^transcript-\d{4}-\d{2}-\d{2}\.txt$/);
    const transcript = await readFile(await download.path(), 'utf8');
    const lines = transcript.split('\r\n');
    expect(lines[0]).toBe('Conversation with Fibre Nord');
    const line = (text: string) => lines.filter((candidate) => candidate.endsWith(text));
    expect(line(`You: ${question}`)).toHaveLength(1);
    expect(line('Julie has joined')).toHaveLength(1);
    expect(line(`Julie: ${JULIE_GREETING}`)).toHaveLength(1);
    expect(line(`Julie: ${answer}`)).toHaveLength(1);
    expect(line(`This conversation has ended. ${CLOSING}`)).toHaveLength(1);
    // In that order, and nothing of a page in it: no markup, no survey, no offer.
    const order = [question, 'Julie has joined', JULIE_GREETING, answer, CLOSING].map((text) =>
      lines.findIndex((candidate) => candidate.endsWith(text)),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(transcript).not.toMatch(/<[a-z/!]/i);
    expect(transcript).not.toContain(note);
    expect(transcript).not.toContain(OFFER_TITLE);

    expect((await consoleMessages(julie.page)).map((text) => text.trim())).toEqual([
      question,
      JULIE_GREETING,
      answer,
    ]);
    expect(visitor.problems).toEqual([]);
    expect(julie.problems).toEqual([]);
  }, 60_000);

  it('the visitor ends it from the header, confirmed; the console sees it ended', async () => {
    const question = 'Is the router included in the Famille plan?';
    const answer = 'Yes, a Wi-Fi 7 router is included.';
    const { julie, visitor } = await conversation('end-by-visitor', question, answer);
    const panel = visitor.page.getByRole('dialog');
    const endChat = panel.getByRole('button', { name: 'End chat', expanded: false });
    const confirmBar = panel.locator('.end-bar');

    // A first "End chat" asks; Cancel keeps the conversation going.
    await endChat.click();
    await confirmBar.getByText('End this conversation?').waitFor();
    await confirmBar.getByRole('button', { name: 'Cancel' }).click();
    await confirmBar.waitFor({ state: 'detached' });
    await endChat.waitFor();
    const composer = visitor.page.getByRole('textbox', { name: 'Message' });
    await composer.fill('One more question: is installation free?');
    await composer.press('Enter');
    await agentSees(julie.page, 'One more question: is installation free?');

    // Then "End chat" and its confirmation: ended on both sides.
    await endChat.click();
    await confirmBar.getByText('End this conversation?').waitFor();
    await visitor.page.screenshot({ path: join(RESULTS_DIR, 'e2e-end-visitor-confirm.png') });
    await confirmBar.getByRole('button', { name: 'End chat' }).click();
    await panel.getByText('This conversation has ended.', { exact: true }).waitFor();
    await panel
      .getByRole('form', { name: 'How did it go?' })
      .getByLabel('A note for Julie (optional)')
      .waitFor();
    expect(await panel.getByRole('button', { name: 'End chat' }).count()).toBe(0);
    expect(await panel.locator('.closing').count()).toBe(0);

    await julie.page.getByRole('heading', { name: 'Conversation · Ended' }).waitFor();
    const log = julie.page.getByRole('log', { name: 'Conversation' });
    await log.locator('.notice', { hasText: /^Ended by the visitor$/ }).waitFor();
    await julie.page.locator('.closed-note', { hasText: 'This conversation has ended.' }).waitFor();
    expect(await julie.page.getByLabel('Your answer').count()).toBe(0);
    expect(await julie.page.getByRole('button', { name: 'End conversation…' }).count()).toBe(0);
    await julie.page
      .getByRole('navigation', { name: 'Conversations' })
      .locator('.conversation-link', { hasText: 'One more question: is installation free?' })
      .filter({ hasText: 'Ended' })
      .waitFor();
    await julie.page.screenshot({ path: join(RESULTS_DIR, 'e2e-end-julie-ended-by-visitor.png') });

    expect((await consoleMessages(julie.page)).map((text) => text.trim())).toEqual([
      question,
      JULIE_GREETING,
      answer,
      'One more question: is installation free?',
    ]);
    expect(visitor.problems).toEqual([]);
    expect(julie.problems).toEqual([]);
  }, 60_000);
});
