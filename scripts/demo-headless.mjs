#!/usr/bin/env node
// The headless demo (npm run demo:headless): a visitor's headless chat client talks to an in-memory chat server where "Julie" answers.
// The connection is cut twice on the way; every message still arrives once, in order.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureDependencies, PNPM } from './setup.mjs';

ensureDependencies();
if (
  !existsSync('packages/widget/dist/headless/index.js') ||
  !existsSync('packages/adapters/dist/memory/index.js')
) {
  const { status } = spawnSync(PNPM[0], [...PNPM[1], 'run', 'build'], { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}

const { createMemoryChatServer } = await import('../packages/adapters/dist/memory/index.js');
const { createChatClient } = await import('../packages/widget/dist/headless/index.js');

const julie = { id: 'agent-julie', firstName: 'Julie', title: 'Customer care' };
const marc = { id: 'agent-marc', firstName: 'Marc', title: 'Billing' };
const server = createMemoryChatServer({ heartbeatMs: 0 });
const transport = server.createTransport();
const client = createChatClient({ transport, storage: false, locale: 'en' });

const say = (who, text) => console.log(`${who.padStart(10)} │ ${text}`);
const waitFor = (predicate) =>
  new Promise((resolve) => {
    const check = () => (predicate() ? resolve() : setTimeout(check, 5));
    check();
  });

client.on('message', (message) => {
  const author = message.author.role === 'agent' ? message.author.firstName : message.author.role;
  const text = message.content.kind === 'text' ? message.content.text : `[${message.content.kind}]`;
  say(author, `${text}   (seq ${message.seq})`);
});
client.on('agent.joined', (event) => say('·', `${event.agent.firstName} has joined`));
client.on('agent.transferred', (event) => say('·', `You are now chatting with ${event.agent.firstName}`));
client.on('status', (status) => say('·', `connection: ${status}`));
client.on('conversation.ended', (event) => say('·', `conversation ended: ${event.closing ?? ''}`));

client.connect();
await waitFor(() => client.status.value === 'online');
client.send('Hello, my internet is down since this morning.');
await waitFor(() => client.conversation.value?.id !== undefined);
const conversationId = client.conversation.value.id;
server.agents.join(conversationId, julie);
server.agents.send(conversationId, julie.id, 'Hi, I am Julie. One moment please, I am checking your file.');
await waitFor(() => client.messages.value.length >= 3);

say('·', 'the connection drops while the visitor types two more messages');
server.restart();
client.send('It is the modem in the living room.');
client.send('The light is blinking orange.');
await waitFor(() => client.messages.value.every((entry) => entry.kind === 'event'));
server.agents.transfer(conversationId, marc);
server.agents.send(conversationId, marc.id, 'Marc here: I reset your line, it should be green now.');
server.agents.end(conversationId, 'Thank you for chatting with us. Have a good day!');
await waitFor(() => client.conversation.value?.status === 'ended');

const stored = server.messages(conversationId).filter((m) => m.author.role === 'visitor').length;
say(
  '·',
  `the server stored ${stored} visitor messages for 3 sent; the visitor sees ${client.messages.value.length} events`,
);
client.dispose();
server.dispose();
