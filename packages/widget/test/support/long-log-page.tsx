/**
 * The script of the long-conversation test page (bundled by browser-long-log.test.ts): a widget on a
 * memory chat server in the page, opened on a conversation of `size` messages, and the message list
 * alone on a stand-in client whose messages the test sets (the headless client only ever appends, so
 * older history coming in above is played by setting the same entries with more of them first).
 */
import { createMemoryChatServer } from '@clavard/adapters/memory';
import { mount, type WidgetHandle } from '@clavard/widget';
import type { ChatEntry } from '@clavard/widget/headless';
import { signal } from '@preact/signals';
import { render } from 'preact';
import { WidgetContext, type WidgetContextValue } from '../../src/ui/context.js';
import { LAUNCHER_CSS } from '../../src/ui/launcher-styles.js';
import { MessageList } from '../../src/ui/MessageList.js';
import { WIDGET_CSS } from '../../src/ui/styles.js';
import { adoptStyles } from '../../src/ui/stylesheets.js';
import { themeColors, themeCss } from '../../src/ui/theme.js';
import { createTranslator } from '../../src/ui-core/i18n.js';

const frames = (): Promise<void> =>
  new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

let chat: ReturnType<typeof createMemoryChatServer>;
let widget: WidgetHandle;
let conversationId = '';

/** A conversation of `size` messages (the visitor's hello, then Julie's), the panel closed. */
async function converse(size: number): Promise<void> {
  chat = createMemoryChatServer({ heartbeatMs: 0, historyPageSize: 100_000 });
  widget = mount({
    transport: chat.createTransport(),
    brand: { name: 'Fibre Nord' },
    storage: false,
    locale: 'en',
  });
  widget.send('hello');
  await new Promise<void>((resolve) => {
    const stop = chat.on('message', () => {
      stop();
      resolve();
    });
  });
  const [first] = chat.conversations();
  if (!first) throw new Error('no conversation');
  conversationId = first.id;
  chat.agents.join(first.id, { id: 'a1', firstName: 'Julie' });
  // Some long ones, so that rows differ in height.
  for (let index = 1; index < size; index++)
    chat.agents.send(
      first.id,
      'a1',
      `Message number ${index}${index % 7 ? '' : ' that is long enough to wrap onto a second line or a third'}`,
    );
  while (widget.client.messages.value.length < size + 1) await frames();
}

/** The widget, open on a conversation of `size` messages, the newest shown. */
async function open(size: number): Promise<void> {
  await converse(size);
  widget.open();
  await frames();
  await frames();
}

/** The agent writes `text`; resolves once the client has it and the page has drawn twice. */
async function agentSays(text: string): Promise<void> {
  chat.agents.send(conversationId, 'a1', text);
  while (widget.client.messages.value.at(-1)?.kind !== 'event') await frames();
  while (!JSON.stringify(widget.client.messages.value.at(-1)).includes(text)) await frames();
  await frames();
}

let shown: ReturnType<typeof signal<readonly ChatEntry[]>> | undefined;
let entries: readonly ChatEntry[] = [];

/**
 * The message list alone on a stand-in client, showing the last `shown` of a conversation of `size`
 * messages (entries made by the real client).
 */
async function standIn(size: number, last: number): Promise<void> {
  await converse(size);
  entries = widget.client.messages.value;
  shown = signal(entries.slice(-last));
  const host = document.createElement('div');
  host.id = 'stand-in';
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, [LAUNCHER_CSS, WIDGET_CSS, themeCss(themeColors())]);
  const client = {
    messages: shown,
    conversation: signal({ id: conversationId, epoch: 'e', status: 'active' }),
    availability: signal(undefined),
    prechat: signal(undefined),
    handoff: signal(undefined),
  };
  const model = { discontinuity: signal(false), startedOver: signal(undefined) };
  const context = {
    client,
    model,
    translator: createTranslator({ locale: 'en' }),
    brand: { name: 'Fibre Nord', logoUrl: undefined },
    greeting: undefined,
  } as unknown as WidgetContextValue;
  const container = document.createElement('div');
  container.className = 'root';
  root.append(container);
  render(
    <WidgetContext.Provider value={context}>
      <div className="panel">
        <MessageList />
      </div>
    </WidgetContext.Provider>,
    container,
  );
  await frames();
  await frames();
}

/** The older entries come in above the ones shown. */
async function prepend(): Promise<void> {
  if (shown) shown.value = entries;
  await frames();
  await frames();
}

const api = { open, agentSays, standIn, prepend, frames };

/** What browser-long-log.test.ts calls in the page. */
export type LongLogPage = typeof api;

Object.defineProperty(window, 'clavardLongLog', { value: api });
