import type { AgentClientFrame, AgentConversation, AgentRouting, AgentServerFrame } from '@clavard/agent-api';
import type { AgentInfo, ConversationEvent } from '@clavard/protocol';
import { DEFAULT_PHRASES } from '@clavard/reference-server';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { AgentLink, AgentLinkEvents, LinkStatus } from '../../src/agent-link.js';
import { type Attachments, AttachmentsContext } from '../../src/attachments/context.js';
import { Console } from '../../src/components/Console.js';
import { type ConsoleModel, createConsoleModel } from '../../src/console-model.js';

/** A link that records what the console sends; frames are delivered with `model.receive`. */
export interface FakeLink extends AgentLink {
  readonly sent: AgentClientFrame[];
  /** The frames of `type` sent so far. */
  sentOf<T extends AgentClientFrame['type']>(type: T): (AgentClientFrame & { type: T })[];
}

/** Makes a {@link FakeLink}, open. */
export function createFakeLink(): FakeLink {
  const sent: AgentClientFrame[] = [];
  const status: LinkStatus = 'open';
  return {
    sent,
    sentOf: <T extends AgentClientFrame['type']>(type: T) =>
      sent.filter((frame): frame is AgentClientFrame & { type: T } => frame.type === type),
    get status() {
      return status;
    },
    connect() {},
    send(frame) {
      sent.push(frame);
      return true;
    },
    close() {},
    on<K extends keyof AgentLinkEvents>(_event: K, _listener: (payload: AgentLinkEvents[K]) => void) {
      return () => {};
    },
  };
}

export const julie: AgentInfo = { id: 'a-julie', firstName: 'Julie', title: 'Customer care' };
export const marc: AgentInfo = { id: 'a-marc', firstName: 'Marc' };

/** The clock of every component test: 2026-11-23 09:40:00 UTC. */
export const T0 = Date.parse('2026-11-23T09:40:00.000Z');
export const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

/** A visitor message event. */
export function visitorMessage(seq: number, text: string, seconds = seq): ConversationEvent {
  return {
    type: 'message',
    conversationId: 'c1',
    seq,
    at: at(seconds),
    id: `m${seq}`,
    author: { role: 'visitor' },
    content: { kind: 'text', text },
  };
}

/** A message of Julie's (the greeting by default). */
export function agentMessage(
  seq: number,
  text = "Hello, I'm Julie. How can I help you today?",
): ConversationEvent {
  return {
    type: 'message',
    conversationId: 'c1',
    seq,
    at: at(seq),
    id: `m${seq}`,
    author: { role: 'agent', ...julie },
    content: { kind: 'text', text },
  };
}

/** Conversation c1 as the server hands it over when Julie takes it: the visitor's message, then her join. */
export function takenConversation(events: ConversationEvent[] = []): AgentConversation {
  return {
    id: 'c1',
    status: 'active',
    epoch: 'e1',
    lastSeq: 2 + events.length,
    createdAt: at(0),
    answeredAt: at(30),
    visitorReadSeq: 0,
    agent: julie,
    greeted: events.some((event) => event.type === 'message' && event.author.role === 'agent'),
    hasMore: false,
    earlier: [],
    events: [
      visitorMessage(1, 'My invoice is wrong', 0),
      { type: 'agent.joined', conversationId: 'c1', seq: 2, at: at(30), agent: julie },
      ...events,
    ],
  };
}

/** Julie's welcome: nobody waiting, nothing held, no measures yet, unless `over` says otherwise. */
export function welcomeFrame(
  over: Partial<AgentServerFrame & { type: 'agent.welcome' }> = {},
): AgentServerFrame & { type: 'agent.welcome' } {
  return {
    type: 'agent.welcome',
    agent: julie,
    role: 'agent',
    agents: [julie],
    queue: [],
    queueTotal: 0,
    inbox: [],
    inboxTotal: 0,
    routing: { topics: [], mine: [] },
    rules: { requireGreeting: true, requireClosing: true },
    phrases: [],
    conversations: [],
    heartbeatMs: 25_000,
    stats: {
      conversations: 0,
      waitMs: null,
      firstResponseMs: null,
      handlingMs: null,
      surveyed: 0,
      firstContact: 0,
      rated: 0,
      rating: null,
    },
    ...over,
  };
}

/** A mounted console on a fake link, for happy-dom tests. */
export interface ConsoleHarness {
  link: FakeLink;
  model: ConsoleModel;
  container: HTMLElement;
  /** Runs `change` inside `act()` so the DOM is up to date afterwards. */
  step(change?: () => void): Promise<void>;
  /** Delivers server frames. */
  deliver(...frames: AgentServerFrame[]): Promise<void>;
  get<E extends Element = HTMLElement>(selector: string): E;
  all<E extends Element = HTMLElement>(selector: string): E[];
  /** The button whose text contains `text`. */
  button(text: string): HTMLButtonElement;
  dispose(): void;
}

/**
 * Mounts the console for Julie, signed in with Marc also online, with the organisation's topics and
 * hers when given (none by default); call `dispose()` in `afterEach`.
 */
export async function mountConsole(
  routing: AgentRouting = { topics: [], mine: [] },
  options: { attachments?: (model: ConsoleModel) => Attachments } = {},
): Promise<ConsoleHarness> {
  const link = createFakeLink();
  let id = 0;
  const model = createConsoleModel({
    link,
    me: julie,
    now: () => T0 + 60_000,
    createId: () => `k${++id}`,
  });
  const container = document.createElement('div');
  document.body.append(container);
  const step = async (change?: () => void) => {
    await act(async () => {
      change?.();
    });
  };
  const harness: ConsoleHarness = {
    link,
    model,
    container,
    step,
    deliver: (...frames) =>
      step(() => {
        for (const frame of frames) model.receive(frame);
      }),
    get<E extends Element>(selector: string): E {
      const found = container.querySelector<E>(selector);
      if (!found) throw new Error(`nothing matches ${selector}`);
      return found;
    },
    all: <E extends Element>(selector: string) => [...container.querySelectorAll<E>(selector)],
    button(text: string) {
      const found = [...container.querySelectorAll('button')].find((b) => b.textContent?.includes(text));
      if (!found) throw new Error(`no button with ${text}`);
      return found;
    },
    dispose() {
      render(null, container);
      container.remove();
      attachments?.queue.dispose();
      model.dispose();
    },
  };
  const attachments = options.attachments?.(model);
  await step(() =>
    render(
      <AttachmentsContext.Provider value={attachments}>
        <Console model={model} onSignOut={() => {}} />
      </AttachmentsContext.Provider>,
      container,
    ),
  );
  await harness.deliver(
    welcomeFrame({
      agents: [julie, marc],
      queue: [{ conversationId: 'c1', waitingSince: at(0), waitSeconds: 30, preview: 'My invoice is wrong' }],
      queueTotal: 1,
      routing,
      phrases: [...DEFAULT_PHRASES],
    }),
  );
  return harness;
}

/** Julie takes c1 from the queue: the Take click, then the server's answer. */
export async function takeConversation(h: ConsoleHarness, events: ConversationEvent[] = []): Promise<void> {
  await h.step(() => h.button('Take').click());
  await h.deliver(
    { type: 'agent.conversation', conversation: takenConversation(events) },
    { type: 'agent.queue', queue: [], total: 0 },
  );
}

/** Types into a textarea as a person would (an `input` event). */
export function typeInto(element: HTMLTextAreaElement, text: string): void {
  element.value = text;
  element.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Presses a key on `element`. */
export function press(element: Element, init: KeyboardEventInit): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  element.dispatchEvent(event);
  return event;
}

/** The text of each message the console sent. */
export function sentTexts(link: FakeLink): string[] {
  return link
    .sentOf('agent.message')
    .map((frame) => (frame.content.kind === 'text' ? frame.content.text : ''));
}
