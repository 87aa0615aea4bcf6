import type {
  AgentInfo,
  AgentJoined,
  AgentLeft,
  AgentTransferred,
  AttachmentLimits,
  Author,
  Availability,
  ChatError,
  Consent,
  ConversationEnded,
  FormRequest,
  FormResult,
  HandoffStatus,
  ServerMessage,
  Transport,
  Unsubscribe,
} from '@clavard/protocol';
import type { ReadonlySignal } from '@preact/signals-core';
import type { UploadProgress } from './attachments.js';
import type { BackoffOptions } from './backoff.js';
import type { ConnectionStatus, DocumentLike, WindowLike } from './connection-model.js';
import type {
  ChatEntry,
  ConversationState,
  PendingForm,
  PendingPrechat,
  QueueState,
} from './conversation-model.js';
import type { ChatStorage } from './storage.js';
import type { TabsOptions } from './tab-types.js';

/** Options of {@link createChatClient}. */
export interface ChatClientOptions {
  /**
   * The pipe to the server.
   * @example
   * ```ts
   * createChatClient({ transport: createWebSocketTransport({ url }) });
   * ```
   */
  transport: Transport;
  /**
   * Where resume state is kept; `false` keeps it in memory only.
   * @default localStorage when usable, else memory (with one `storage-unavailable` error)
   * @example
   * ```ts
   * createChatClient({ transport, storage: false });
   * ```
   */
  storage?: ChatStorage | false;
  /**
   * Separates two widgets on one page: state lives under `clavard:<namespace>`.
   * @default 'default'
   * @example
   * ```ts
   * createChatClient({ transport, namespace: 'support' });
   * ```
   */
  namespace?: string;
  /**
   * The visitor's language, sent in `session.hello`.
   * @default 'en'
   * @example
   * ```ts
   * createChatClient({ transport, locale: 'fr-CA' });
   * ```
   */
  locale?: string;
  /**
   * Returns the signed identity token from the organisation's server, read at each hello.
   * @example
   * ```ts
   * createChatClient({ transport, identity: () => myServerToken });
   * ```
   */
  identity?: () => string | undefined;
  /**
   * The consent the visitor gave (when the organisation asks for it), read when a message that starts a
   * conversation is sent, and sent with it.
   * @example
   * ```ts
   * createChatClient({ transport, consent: () => ({ at: agreedAt, version: '2026-11', policyUrl }) });
   * ```
   */
  consent?: () => Consent | undefined;
  /**
   * A number in [0, 1) for backoff jitter. @default Math.random
   * @example
   * ```ts
   * createChatClient({ transport, random: () => 0.5 });
   * ```
   */
  random?: () => number;
  /**
   * The clock, in ms; used for ages only, never to order messages. @default Date.now
   * @example
   * ```ts
   * createChatClient({ transport, now: () => Date.now() });
   * ```
   */
  now?: () => number;
  /**
   * Reconnect backoff. @default { baseMs: 1000, maxMs: 30000 }
   * @example
   * ```ts
   * createChatClient({ transport, backoff: { maxMs: 10_000 } });
   * ```
   */
  backoff?: BackoffOptions;
  /**
   * Silence after which the connection is dead. @default 35000
   * @example
   * ```ts
   * createChatClient({ transport, heartbeatTimeoutMs: 35_000 });
   * ```
   */
  heartbeatTimeoutMs?: number;
  /**
   * Longest wait from connect to `session.welcome`. @default 10000
   * @example
   * ```ts
   * createChatClient({ transport, connectTimeoutMs: 10_000 });
   * ```
   */
  connectTimeoutMs?: number;
  /**
   * Wait for `message.ack` before re-sending with the same clientId. @default 10000
   * @example
   * ```ts
   * createChatClient({ transport, ackTimeoutMs: 10_000 });
   * ```
   */
  ackTimeoutMs?: number;
  /**
   * Most messages waiting in the outbox; the next is refused with `outbox-full`. @default 200
   * @example
   * ```ts
   * createChatClient({ transport, outboxLimit: 200 });
   * ```
   */
  outboxLimit?: number;
  /**
   * Age after which an unsent message turns `failed`. @default 86400000 (24 h)
   * @example
   * ```ts
   * createChatClient({ transport, outboxMaxAgeMs: 86_400_000 });
   * ```
   */
  outboxMaxAgeMs?: number;
  /**
   * Confirmed events kept in storage for an instant view after reload. @default 200
   * @example
   * ```ts
   * createChatClient({ transport, messageCacheLimit: 50 });
   * ```
   */
  messageCacheLimit?: number;
  /**
   * Source of `online`/`offline`/`pageshow`/`pagehide` and `navigator.onLine`.
   * @default globalThis.window when present
   * @example
   * ```ts
   * createChatClient({ transport, window: iframe.contentWindow });
   * ```
   */
  window?: WindowLike & { readonly localStorage?: Storage };
  /**
   * Source of `visibilitychange`. @default globalThis.document when present
   * @example
   * ```ts
   * createChatClient({ transport, document });
   * ```
   */
  document?: DocumentLike;
  /**
   * Several tabs of one site share one conversation through one connection: a leader tab holds the
   * transport and the outbox, the others mirror it. `false` turns it off; an object injects
   * `BroadcastChannel` and `locks` (tests) and turns it on even with a custom `storage`, which must then
   * be shared by the tabs. A tab runs alone (a plain client) until a second tab appears, and only then
   * runs (and, in the script tag, downloads) the code that coordinates them; with Web Locks it connects
   * once it knows it is the leader.
   * @default on when `BroadcastChannel` exists and storage is the default localStorage
   * @example
   * ```ts
   * createChatClient({ transport, tabs: false });
   * ```
   */
  tabs?: boolean | TabsOptions;
  /**
   * The server's HTTP base for attachments (its `…/uploads` and `…/files` paths; see "Attachments" in
   * docs/protocol.md): with it, and a server whose welcome offers attachments, the visitor can send files
   * and read those of the conversation. `mount()` derives it from its `url`. A file's bytes wait in the
   * site's IndexedDB (database `clavard-files`) until its message is sent, so that they outlive a reload;
   * in the page's memory when IndexedDB is not usable.
   * @default none: no files
   * @example
   * ```ts
   * createChatClient({ transport, filesUrl: 'https://chat.example/clavard' });
   * ```
   */
  filesUrl?: string;
  /**
   * The most bytes of files that may wait in the outbox at once (offline), in all; the next file is
   * refused with `outbox-full`. @default 52428800 (50 MiB)
   * @example
   * ```ts
   * createChatClient({ transport, filesUrl, outboxFileBytes: 20 * 1024 * 1024 });
   * ```
   */
  outboxFileBytes?: number;
}

/** The discontinuity event: the client could not recover history and reloaded the conversation. */
export interface DiscontinuityInfo {
  conversationId: string;
  epoch: string;
  reason: 'epoch-changed' | 'history-unavailable';
}

/** The events of a {@link ChatClient}. */
export interface ChatEvents {
  /** A message newly applied to the timeline (from anyone). */
  message: ServerMessage;
  'agent.joined': AgentJoined;
  'agent.left': AgentLeft;
  'agent.transferred': AgentTransferred;
  'form.request': FormRequest;
  /** The server's answer to a submitted form (accepted, refused, verified). */
  'form.result': FormResult;
  'conversation.ended': ConversationEnded;
  discontinuity: DiscontinuityInfo;
  status: ConnectionStatus;
  error: ChatError;
  /** `shutdown()` or `forget()` wiped everything local (in this tab, or in the tab that holds the connection). */
  shutdown: { forgotten: boolean };
}

/** The visitor's feedback. */
export interface RatingInput {
  solved?: boolean;
  score?: 1 | 2 | 3 | 4 | 5;
  note?: string;
}

/**
 * The headless chat client: state as read-only signals, actions, typed events.
 *
 * @example
 * ```ts
 * const client = createChatClient({ transport });
 * client.on('message', (m) => announce(m));
 * client.connect();
 * client.send('Hello');
 * ```
 */
export interface ChatClient {
  readonly status: ReadonlySignal<ConnectionStatus>;
  /** When the connection was lost (client ms); after 2 minutes the UI should say so plainly. */
  readonly disconnectedSince: ReadonlySignal<number | undefined>;
  readonly conversation: ReadonlySignal<ConversationState | undefined>;
  /** The agent in charge, first name as the server sent it. */
  readonly agent: ReadonlySignal<AgentInfo | undefined>;
  readonly availability: ReadonlySignal<Availability | undefined>;
  /**
   * The pre-chat form the server asks before the first message (answered with
   * {@link ChatClient.submitForm}), `accepted` once the server took the answer; undefined when it asks
   * none (or asks it later, inside the conversation), once a conversation starts, and after a shutdown.
   */
  readonly prechat: ReadonlySignal<PendingPrechat | undefined>;
  readonly queue: ReadonlySignal<QueueState | undefined>;
  /**
   * What became of the handoff link given to {@link ChatClient.openHandoff}: `opened` or `resumed` (its
   * conversation is the current one), `used` (another browser opened it), `expired` or `invalid`;
   * undefined until the server answered.
   */
  readonly handoff: ReadonlySignal<HandoffStatus | undefined>;
  /**
   * Confirmed events in seq order, then pending visitor messages in compose order. Reading `value` always
   * gives the rows as they are now: a new array after each change, with the unchanged rows the same
   * objects. What depends on it (`subscribe`, effects, computed values) is told of the visitor's own
   * messages at once, and of the server's events once per burst: the events handled in one task make one
   * notification, on the next microtask, with all of them.
   *
   * @example
   * ```ts
   * client.messages.subscribe((rows) => render(rows));
   * ```
   */
  readonly messages: ReadonlySignal<readonly ChatEntry[]>;
  /** Who else is typing. */
  readonly typing: ReadonlySignal<readonly Author[]>;
  /** Messages from others after the visitor's read mark. */
  readonly unread: ReadonlySignal<number>;
  /** Forms asked and not accepted yet. */
  readonly forms: ReadonlySignal<readonly PendingForm[]>;
  /**
   * Whether this tab holds the connection (true without multi-tab). The sound rule: play a sound only
   * where this is true, so one message makes one sound across every open tab, visible or not; the other
   * tabs show the same (shared) unread count silently.
   */
  readonly isLeader: ReadonlySignal<boolean>;
  on<K extends keyof ChatEvents>(name: K, listener: (payload: ChatEvents[K]) => void): Unsubscribe;
  /** Queue a message (stored before any network); returns its clientId. Throws `outbox-full`, `text-too-long`. */
  send(text: string, options?: { quickReplyId?: string }): string;
  /**
   * The server's limits on files (`maxBytes`, `perConversation`); undefined when it takes none, or the
   * client was made without `filesUrl`: then offer no way to attach.
   */
  readonly attachments: ReadonlySignal<AttachmentLimits | undefined>;
  /** The uploads under way, by the clientId of their message: `{ loaded, total }` bytes. */
  readonly uploads: ReadonlySignal<ReadonlyMap<string, UploadProgress>>;
  /**
   * Queue a file, with `caption` as its message's text; its bytes are kept (IndexedDB) before anything
   * touches the network, uploaded when the connection allows, then its message is sent, in order with the
   * texts around it. Resolves with the message's clientId. Rejects with `attachment-too-large` (over the
   * server's `maxBytes`), `outbox-full` (too many messages, or too many bytes of files waiting),
   * `text-too-long`, or `invalid-option` (no `filesUrl`, or the server takes no files).
   *
   * @example
   * ```ts
   * input.addEventListener('change', () => { for (const file of input.files ?? []) void client.attach(file); });
   * ```
   */
  attach(file: Blob & { readonly name?: string }, options?: { caption?: string }): Promise<string>;
  /**
   * Take back a message not sent yet (a file still uploading, or failed): its upload stops, its bytes are
   * dropped. Returns whether there was one to take back.
   *
   * @example
   * ```ts
   * cancelButton.onclick = () => client.cancel(entry.clientId);
   * ```
   */
  cancel(clientId: string): boolean;
  /**
   * The bytes of a file of the conversation, or of its thumbnail (`content.thumbnailId`), read with the
   * session's token (never in a URL): make an object URL of it to show it.
   *
   * @example
   * ```ts
   * img.src = URL.createObjectURL(await client.fetchFile(content.thumbnailId ?? content.id));
   * ```
   */
  fetchFile(id: string): Promise<Blob>;
  /** Send a failed message again; returns its (possibly new) clientId, or undefined when unknown. */
  retry(clientId: string): string | undefined;
  /** The visitor typing (throttled; not replayed after reconnect). */
  setTyping(active: boolean): void;
  /** The visitor has seen everything shown. */
  markRead(): void;
  /** Answer a form; values live in memory only until sent. */
  submitForm(formId: string, values: Record<string, string>): void;
  rate(rating: RatingInput): void;
  /** End the conversation. */
  end(): void;
  /**
   * Say who the visitor is with a short-lived identity token signed by the organisation's server (the
   * server verifies it; the browser asserts nothing). Kept in memory only and sent with every hello from
   * now on. Throws `invalid-option` for an empty token.
   * @example
   * ```ts
   * client.identify(await (await fetch('/my/chat-token')).text());
   * ```
   */
  identify(token: string): void;
  /**
   * Continue here the case a community manager handed over from a public post: `token` is the handoff
   * link's `clavard` parameter. Sent once the session is open (again after a drop, until the server
   * answered); the answer is {@link ChatClient.handoff}. Kept in memory only. A token that is not a
   * handoff token (`h_…`, at most 512 characters) is reported as `invalid-option` and not sent.
   * @example
   * ```ts
   * const token = new URL(location.href).searchParams.get('clavard');
   * if (token) client.openHandoff(token);
   * ```
   */
  openHandoff(token: string): void;
  /**
   * Logout on a shared computer: ends the server session and wipes everything local (the conversation,
   * the outbox, the stored state, the session token), in every tab. The next message starts afresh.
   * @example
   * ```ts
   * signOutButton.addEventListener('click', () => client.shutdown());
   * ```
   */
  shutdown(): void;
  /**
   * Asks the server to erase everything it holds about the visitor, then wipes everything local as
   * {@link ChatClient.shutdown} does.
   * @example
   * ```ts
   * client.forget();
   * ```
   */
  forget(): void;
  connect(): void;
  /** Same as {@link ChatClient.connect}. */
  start(): void;
  disconnect(): void;
  /** Remove every listener and timer and close the transport. */
  dispose(): void;
}
