/**
 * A hostile-input battery of our own, end to end in headless Chromium against the reference server (a
 * temporary SQLite file), run twice: under the pages' strict CSP, and with the CSP stripped in flight (so
 * that it is the rendering that holds, not only the policy). Every payload would set `window.__pwned` if
 * it ran. It goes through each field that reaches a screen: the visitor's messages (to the console), an
 * agent's first name and title, messages, quick replies, a link card and a form's title and label (to the
 * widget), the name the visitor gives in that form, a transfer note (to the console), a closing (to the
 * widget) and a survey note (to the console). Nothing
 * runs, nothing is injected as an element, and the text is shown as written.
 */
import { describe, expect, it } from 'vitest';
import { PASSWORD as AGENT_PASSWORD, agentHello } from './support/clients.js';
import { openAgent, openVisitor, visitorSays } from './support/e2e-pages.js';
import { e2eSuite } from './support/e2e-suite.js';

const e2e = e2eSuite();

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload="window.__pwned=1">',
  '</textarea><iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<a href="javascript:window.__pwned=1">click me</a>',
  '{{constructor.constructor("window.__pwned=1")()}}',
] as const;
const NAME = '<img src=x onerror="window.__pwned=1">Mal';

/** Elements a payload would have made, had it been parsed as HTML (Playwright's CSS pierces shadow roots). */
const INJECTED = 'img[src="x"], svg[onload], iframe, a[href^="javascript:"], script:not([src])';

describe.each([true, false])('hostile input (CSP on: %s)', (csp) => {
  it('runs nothing, injects nothing, and shows every text as written, in the widget and the console', async () => {
    const server = await e2e.start(`hostile-${csp}`);
    await server.addAgent({
      login: 'mallory',
      firstName: NAME,
      title: PAYLOADS[2],
      password: AGENT_PASSWORD,
    });
    const visitor = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages, { withoutCsp: !csp });
    const julie = await openAgent(e2e.browser, server.url, 'Julie', undefined, !csp);
    e2e.keep(visitor, julie);
    const dialogs: string[] = [];
    for (const { page } of [visitor, julie]) {
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
    }

    // The visitor writes every payload.
    const panel = visitor.page.getByRole('dialog');
    await visitor.page.getByRole('button', { name: 'Open chat' }).click();
    for (const payload of PAYLOADS) await visitorSays(visitor.page, payload);

    // Mallory, an agent whose name and title are hostile, answers through the agent API.
    const login = await fetch(`${server.url}/agent/login`, {
      method: 'POST',
      body: JSON.stringify({ login: 'mallory', password: AGENT_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const mallory = await agentHello(server, token);
    const { conversationId } = (mallory.welcome.queue as { conversationId: string }[])[0] ?? {
      conversationId: '',
    };
    const send = (frame: object) => mallory.client.send(frame);
    send({ type: 'agent.take', conversationId });
    await mallory.client.next('agent.conversation');
    send({
      type: 'agent.message',
      conversationId,
      clientId: 'hello',
      text: `Hello, I'm ${NAME}. How can I help you today?`,
    });
    for (const [index, payload] of PAYLOADS.entries()) {
      send({ type: 'agent.message', conversationId, clientId: `p${index}`, text: payload });
    }
    send({
      type: 'agent.message',
      conversationId,
      clientId: 'replies',
      content: { kind: 'quick-replies', text: PAYLOADS[0], replies: [{ id: 'r1', label: PAYLOADS[1] }] },
    });
    send({
      type: 'agent.message',
      conversationId,
      clientId: 'card',
      content: { kind: 'link', title: PAYLOADS[2], url: 'https://shop.example/', description: PAYLOADS[3] },
    });
    send({
      type: 'agent.form',
      conversationId,
      kind: 'prechat',
      title: PAYLOADS[4],
      fields: [{ name: 'name', type: 'text', label: PAYLOADS[5] }],
    });
    await mallory.client.next('agent.ack', (f) => f.clientId === 'card');
    // The visitor gives a hostile name in the form: Julie's console shows it as the visitor's.
    await panel.getByLabel(PAYLOADS[5]).fill(PAYLOADS[2]);
    await panel.getByRole('button', { name: 'Submit' }).click();
    await mallory.client.next('agent.conversation', (f) => JSON.stringify(f).includes('given'));

    // Mallory hands over to Julie with a hostile note; Julie ends with a hostile closing.
    send({
      type: 'agent.transfer',
      conversationId,
      toAgentId: (mallory.welcome.agents as { id: string; firstName: string }[]).find(
        (agent) => agent.firstName === 'Julie',
      )?.id,
      note: PAYLOADS[0],
    });
    await julie.page
      .getByRole('complementary', { name: 'Note from your colleague' })
      .locator('.text')
      .getByText(PAYLOADS[0], { exact: true })
      .waitFor();
    await julie.page.getByRole('button', { name: 'End conversation…' }).click();
    await julie.page.getByLabel('Closing message (the visitor sees it)').fill(PAYLOADS[1]);
    await julie.page.getByRole('button', { name: 'End with this closing' }).click();
    await panel.locator('.closing').getByText(PAYLOADS[1], { exact: true }).waitFor();

    await julie.page
      .locator('.visitor-details')
      .getByRole('heading', { name: PAYLOADS[2], exact: true })
      .waitFor();

    // The visitor's survey note reaches Julie's console.
    const survey = panel.getByRole('form', { name: 'How did it go?' });
    await survey.getByLabel('A note for Julie (optional)').fill(PAYLOADS[3]);
    await survey.getByRole('button', { name: 'Send feedback' }).click();
    await julie.page.locator('[data-feedback="note"]').getByText(PAYLOADS[3]).waitFor();

    for (const { page } of [visitor, julie]) {
      expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(await page.locator(INJECTED).count()).toBe(0);
    }
    // The visitor's own words, shown to Julie as written.
    for (const payload of PAYLOADS) {
      await julie.page
        .getByRole('log', { name: 'Conversation' })
        .getByText(payload, { exact: true })
        .first()
        .waitFor();
    }
    expect(dialogs).toEqual([]);
    expect([...visitor.problems, ...julie.problems]).toEqual([]);
  }, 60_000);
});
