// A placeholder for the demo pages, built with DOM APIs (no HTML strings): the demo store and the agent
// console replace it. It only says where the endpoints are.
const pages = {
  store: {
    title: 'Clavard demo store',
    lines: [
      'The demo store with the chat widget comes here.',
      `Widget WebSocket: ${location.origin.replace(/^http/, 'ws')}/clavard/ws`,
    ],
  },
  agent: {
    title: 'Clavard agent console',
    lines: [
      'The agent console comes here.',
      `Sign in: POST ${location.origin}/agent/login, then ${location.origin.replace(/^http/, 'ws')}/agent/ws`,
    ],
  },
};
const page = pages[document.body.dataset.page] ?? pages.store;
const main = document.createElement('main');
const heading = document.createElement('h1');
heading.textContent = page.title;
main.append(heading);
for (const line of page.lines) {
  const paragraph = document.createElement('p');
  paragraph.textContent = line;
  main.append(paragraph);
}
document.body.append(main);
