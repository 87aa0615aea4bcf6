// The page side of long-log.bench.ts: one long conversation in the widget (mount() on the in-page memory
// chat server) and the same rows in the floor (plain-list.tsx), each action timed inside the page with
// performance.now() from the action until the DOM holds its result and layout is done.
import { createMemoryChatServer } from '@clavard/adapters/memory';
import { mount, type WidgetHandle } from '@clavard/widget';
import { type PlainRow, plainList } from './plain-list.js';

/** A zero-delay macrotask (no setTimeout clamping after nested calls, which would add 4 ms steps). */
const tick = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(undefined);
  });

const shadow = (): ShadowRoot | null | undefined => document.querySelector('clavard-widget')?.shadowRoot;
const bubbles = (): number => shadow()?.querySelectorAll('.bubble').length ?? 0;
const lastBubble = (): string | undefined =>
  [...(shadow()?.querySelectorAll('.bubble') ?? [])].at(-1)?.textContent;

/** Every node (elements, text) under `root`. */
function countNodes(root: Node): number {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
  let count = 0;
  while (walker.nextNode()) count += 1;
  return count;
}

/** Waits macrotask by macrotask until `ready()` holds, then forces layout so the time includes it. */
async function settle(ready: () => boolean): Promise<void> {
  while (!ready()) await tick();
  const root = shadow();
  root?.querySelector('.log')?.getBoundingClientRect();
  root?.querySelector('.log')?.scrollTop;
}

let widget: WidgetHandle | undefined;
let chat: ReturnType<typeof createMemoryChatServer> | undefined;
let conversationId = '';
let sent = 0;

/** A conversation of `size` messages (the visitor's hello, then Julie's), the panel closed. */
async function widgetPrepare(size: number): Promise<void> {
  chat = createMemoryChatServer({ heartbeatMs: 0, historyPageSize: 100_000 });
  widget = mount({ transport: chat.createTransport(), brand: { name: 'Bench' }, storage: false });
  widget.send('hello');
  const server = chat;
  await new Promise<void>((resolve) => {
    const stop = server.on('message', () => {
      stop();
      resolve();
    });
  });
  const [first] = server.conversations();
  if (!first) throw new Error('no conversation');
  conversationId = first.id;
  server.agents.join(first.id, { id: 'a1', firstName: 'Julie' });
  for (let index = 1; index < size; index++) server.agents.send(first.id, 'a1', `Message number ${index}`);
  while (widget.client.messages.value.length < size) await tick();
}

async function widgetOpen(): Promise<number> {
  const started = performance.now();
  widget?.open();
  await settle(() => bubbles() > 0);
  return performance.now() - started;
}

async function widgetClose(): Promise<void> {
  widget?.close();
  await settle(() => bubbles() === 0);
}

async function widgetAppend(): Promise<number> {
  sent += 1;
  const text = `Appended ${sent}`;
  const started = performance.now();
  chat?.agents.send(conversationId, 'a1', text);
  await settle(() => lastBubble() === text);
  return performance.now() - started;
}

function widgetDispose(): void {
  widget?.unmount();
  chat?.dispose();
  widget = chat = undefined;
}

let floor: ReturnType<typeof plainList> | undefined;
let rows: PlainRow[] = [];
const time = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(new Date());

/** The floor's rows: the same messages as {@link widgetPrepare}'s, as text. */
function floorPrepare(size: number): void {
  rows = [{ id: 'c1', author: 'You', text: 'hello', time }];
  for (let index = 1; index < size; index++)
    rows.push({ id: `e${index}`, author: 'Julie', text: `Message number ${index}`, time });
}

function floorOpen(): number {
  const started = performance.now();
  floor = plainList(document.body);
  floor.show(rows);
  return performance.now() - started;
}

function floorClose(): void {
  floor?.dispose();
  floor = undefined;
}

function floorAppend(): number {
  sent += 1;
  const started = performance.now();
  rows = [...rows, { id: `a${sent}`, author: 'Julie', text: `Appended ${sent}`, time }];
  floor?.show(rows);
  return performance.now() - started;
}

const api = {
  widgetPrepare,
  widgetOpen,
  widgetClose,
  widgetAppend,
  widgetNodes: () => countNodes(shadow() as ShadowRoot),
  widgetDispose,
  floorPrepare,
  floorOpen,
  floorClose,
  floorAppend,
  floorNodes: () => (floor ? countNodes(floor.root) : 0),
};

/** What long-log.bench.ts calls in the page. */
export type LongLogApi = typeof api;

Object.defineProperty(window, 'clavardLongLog', { value: api });
