/**
 * The agent console in headless Chromium against the real reference server (port 0, in-memory
 * database), and a visitor's headless client over WebSocket in Node: sign in, take, greet, typing and
 * read receipts both ways. The page runs under the server's strict CSP. Screenshots go to
 * examples/agent-console/test-results/.
 */

import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { createWebSocketTransport } from '@clavard/adapters/websocket';
import { type ReferenceServer, startServer } from '@clavard/reference-server';
import { type ChatClient, type ChatEvents, createChatClient } from '@clavard/widget/headless';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { animationsSettled } from '../../../packages/widget/test/support/browser.js';
import { agent, connect } from '../../reference-server/test/support/clients.js';
import { consoleBrowser, problemsOf, RESULTS_DIR } from './support/console-browser.js';

const PASSWORD = 'test-password';
const AGENTS = [
  { login: 'julie', firstName: 'Julie', title: 'Customer care', password: PASSWORD, role: 'admin' as const },
  { login: 'marc', firstName: 'Marc', password: PASSWORD },
];
const GREETING = "Hello, I'm Julie. How can I help you today?";
const results = RESULTS_DIR;

let server: ReferenceServer | undefined;
let context: BrowserContext | undefined;
let visitor: ChatClient | undefined;
const extraContexts: BrowserContext[] = [];

const suite = consoleBrowser();
afterEach(async () => {
  visitor?.dispose();
  visitor = undefined;
  await context?.close();
  context = undefined;
  for (const extra of extraContexts.splice(0)) await extra.close();
  await server?.close();
  server = undefined;
});

/** The client's next `name` event passing `accept`. */
function nextEvent<K extends keyof ChatEvents>(
  client: ChatClient,
  name: K,
  accept: (payload: ChatEvents[K]) => boolean = () => true,
): Promise<ChatEvents[K]> {
  return new Promise((resolve) => {
    const stop = client.on(name, (payload) => {
      if (!accept(payload)) return;
      stop();
      resolve(payload);
    });
  });
}

/** Resolves once `read()` is true, checked on every change of the client's signals it reads. */
function until(client: ChatClient, read: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const stop = client.status.subscribe(() => {
      if (read()) {
        queueMicrotask(() => stop());
        resolve();
      }
    });
  });
}

/** Signs in on the console page and waits until it is online. */
async function signInAs(page: Page, firstName: string): Promise<void> {
  await page.getByLabel('Username').fill(firstName.toLowerCase());
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('status').filter({ hasText: 'Online' }).waitFor();
}

/** A visitor's headless client on the server's WebSocket, online. */
async function onlineVisitor(wsUrl: string): Promise<ChatClient> {
  const client = createChatClient({
    transport: createWebSocketTransport({ url: wsUrl, WebSocket }),
    storage: false,
    locale: 'en',
  });
  visitor = client;
  client.connect();
  await until(client, () => client.status.value === 'online');
  return client;
}

/** Opens the console page (in its own browser context), recording console errors and failed requests. */
async function openConsole(url: string): Promise<{ page: Page; problems: string[] }> {
  const own = await suite.browser.newContext({ viewport: { width: 1280, height: 860 } });
  if (context === undefined) context = own;
  else extraContexts.push(own);
  const page = await own.newPage();
  const problems = problemsOf(page);
  await page.goto(`${url}/agent`);
  return { page, problems };
}

describe('the agent console in Chromium', () => {
  it('signs in, takes a waiting conversation and greets: the visitor sees Julie join and the greeting', async () => {
    server = await startServer({
      port: 0,
      database: ':memory:',
      agents: AGENTS,
      consoleDir: suite.consoleDir,
      heartbeatMs: 0,
    });
    const { page, problems } = await openConsole(server.url);

    await page.getByLabel('Username').fill('julie');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('status').filter({ hasText: 'Online' }).waitFor();

    const client = createChatClient({
      transport: createWebSocketTransport({ url: server.widgetWsUrl, WebSocket }),
      storage: false,
      locale: 'en',
    });
    visitor = client;
    client.connect();
    await until(client, () => client.status.value === 'online');
    client.send('My invoice is wrong');

    const entry = page.locator('.queue-entry', { hasText: 'My invoice is wrong' });
    await entry.waitFor();
    await page.screenshot({ path: join(results, 'console-queue.png') });

    const joined = nextEvent(client, 'agent.joined');
    await entry.getByRole('button', { name: /Take the conversation/ }).click();
    expect((await joined).agent).toMatchObject({ firstName: 'Julie', title: 'Customer care' });

    const composer = page.getByLabel('Your answer');
    await expect.poll(() => composer.inputValue()).toBe(GREETING);
    const greeting = nextEvent(client, 'message', (m) => m.author.role === 'agent');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const message = await greeting;
    expect(message).toMatchObject({
      author: { role: 'agent', firstName: 'Julie' },
      content: { kind: 'text', text: GREETING },
    });

    client.setTyping(true);
    await page.getByText('The visitor is typing…').waitFor();
    client.markRead();
    await page.locator('[data-receipt="read"]').waitFor();

    await composer.fill('One moment');
    await page.keyboard.press('Alt+Digit2');
    await expect
      .poll(() => composer.inputValue())
      .toBe("One moment One moment please, I'm checking your file.");

    await page.screenshot({ path: join(results, 'console-conversation.png') });
    expect(problems).toEqual([]);
  }, 30_000);

  it('has no WCAG 2 A/AA violations on the sign-in form and the conversation (axe-core)', async () => {
    server = await startServer({
      port: 0,
      database: ':memory:',
      agents: AGENTS,
      consoleDir: suite.consoleDir,
      heartbeatMs: 0,
    });
    const { page } = await openConsole(server.url);
    const axe = async () => {
      await animationsSettled(page);
      return new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    };
    await page.getByLabel('Password').waitFor();
    expect((await axe()).violations.map((v) => v.id)).toEqual([]);

    await page.getByLabel('Username').fill('julie');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('status').filter({ hasText: 'Online' }).waitFor();
    const client = createChatClient({
      transport: createWebSocketTransport({ url: server.widgetWsUrl, WebSocket }),
      storage: false,
      locale: 'en',
    });
    visitor = client;
    client.connect();
    await until(client, () => client.status.value === 'online');
    client.send('Where is my parcel?');
    await page.getByRole('button', { name: /Take the conversation/ }).click();
    await page.getByLabel('Your answer').waitFor();
    await page.getByRole('button', { name: 'End conversation…' }).click();
    await page.getByLabel('Closing message (the visitor sees it)').waitFor();
    expect(
      (await axe()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
    await page.screenshot({ path: join(results, 'console-closing.png') });
  }, 30_000);

  it('transfers to a second signed-in agent: the visitor sees the new first name, the history is kept', async () => {
    server = await startServer({
      port: 0,
      database: ':memory:',
      agents: AGENTS,
      consoleDir: suite.consoleDir,
      heartbeatMs: 0,
    });
    const julie = await openConsole(server.url);
    const marc = await openConsole(server.url);
    await signInAs(julie.page, 'Julie');
    await signInAs(marc.page, 'Marc');
    const client = await onlineVisitor(server.widgetWsUrl);
    client.send('Can I change my plan?');
    await julie.page.getByRole('button', { name: /Take the conversation/ }).click();
    const greeted = nextEvent(client, 'message', (m) => m.author.role === 'agent');
    await julie.page.getByRole('button', { name: 'Send', exact: true }).click();
    await greeted;

    const transferred = nextEvent(client, 'agent.transferred');
    await julie.page.getByLabel('Transfer to').selectOption({ label: 'Marc' });
    const note = 'Wants the Fibre 500 plan; check the address first.';
    await julie.page.getByLabel('Note for your colleague (not shown to the visitor)').fill(note);
    await julie.page.getByRole('button', { name: 'Transfer', exact: true }).click();
    expect(await transferred).toMatchObject({ agent: { firstName: 'Marc' }, from: { firstName: 'Julie' } });
    expect(client.agent.value?.firstName).toBe('Marc');

    await julie.page.getByRole('heading', { name: /Transferred to Marc/ }).waitFor();
    const transcript = marc.page.getByRole('log', { name: 'Conversation' });
    await transcript.getByText('Can I change my plan?').waitFor();
    await transcript.getByText("Hello, I'm Julie. How can I help you today?").waitFor();
    await marc.page
      .getByRole('complementary', { name: 'Note from your colleague' })
      .getByText(note)
      .waitFor();
    expect(JSON.stringify(client.messages.value)).not.toContain('Fibre 500');
    // Julie greeted already: no greeting is offered to Marc mid-conversation.
    await expect.poll(() => marc.page.getByLabel('Your answer').inputValue()).toBe('');
    await marc.page.screenshot({ path: join(results, 'console-transferred.png') });
    expect([...julie.problems, ...marc.problems]).toEqual([]);
  }, 30_000);

  it('picks the topics it takes with the keyboard; the queue follows the routing (axe-clean)', async () => {
    const topics = ['Billing', 'Technical support'];
    server = await startServer({
      port: 0,
      database: ':memory:',
      agents: AGENTS,
      consoleDir: suite.consoleDir,
      heartbeatMs: 0,
      topics,
    });
    const { page, problems } = await openConsole(server.url);
    await signInAs(page, 'Julie');
    const group = page.getByRole('group', { name: 'My topics' });
    await group.waitFor();
    expect(await group.getByRole('checkbox').count()).toBe(2);

    // Marc takes technical support; a visitor whose page says it is about technical support writes.
    await agent(server, 'Marc', { topics: ['Technical support'] });
    const modem = await connect(server.widgetWsUrl);
    modem.send({ type: 'session.hello', v: '1.0', locale: 'en', attributes: { topic: 'Technical support' } });
    await modem.next('session.welcome');
    modem.send({ type: 'message.send', clientId: 'm1', text: 'My modem blinks' });
    // Julie takes every topic while none is checked.
    const entry = page.locator('.queue-entry', { hasText: 'My modem blinks' });
    await entry.waitFor();

    const billing = group.getByRole('checkbox', { name: 'Billing' });
    await billing.focus();
    await page.keyboard.press('Space');
    expect(await billing.isChecked()).toBe(true);
    // Now a billing specialist: the technical question stays with Marc.
    await entry.waitFor({ state: 'detached' });
    await page.getByText('Nobody is waiting.').waitFor();
    await animationsSettled(page);
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
      [],
    );
    await page.screenshot({ path: join(results, 'console-topics.png') });
    modem.close();
    expect(problems).toEqual([]);
  }, 30_000);
});
