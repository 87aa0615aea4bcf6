/**
 * Building blocks shared by client and server frames. Every string in them comes from a party the other
 * side must not trust: render it as text, never as HTML.
 */

/**
 * A conversation event's position: a positive integer, gap-free and increasing per conversation,
 * starting at 1. `0` means "nothing yet" in `lastSeq` and `afterSeq`.
 */
export type Seq = number;

/**
 * A moment as an ISO 8601 string in UTC, e.g. `"2026-11-23T09:41:00.000Z"`. Always the server's clock for
 * server frames; the client orders by `seq`, never by time.
 */
export type Timestamp = string;

/**
 * An agent as the visitor sees them. The server decides `firstName`; the widget shows it as given, and
 * nothing in the protocol carries an agent's last name.
 *
 * @example
 * ```ts
 * const julie: AgentInfo = { id: 'a-17', firstName: 'Julie', title: 'Billing' };
 * ```
 */
export interface AgentInfo {
  /** Stable id of the agent, opaque to the widget. */
  id: string;
  /** The first name shown in the header, on messages, in typing and transfer notices. */
  firstName: string;
  /** An https or http URL of the agent's picture; without it the widget shows the initial. */
  avatarUrl?: string;
  /** A short role line, e.g. "Billing specialist". */
  title?: string;
}

/** Who wrote a message or is typing: the visitor, an agent (with a first name), a bot, or the system. */
export type Author =
  | { role: 'visitor' }
  | ({ role: 'agent' } & AgentInfo)
  | { role: 'bot'; id: string; name: string }
  | { role: 'system' };

/** A button under an agent's message; picking it sends its `label` as the visitor's message. */
export interface QuickReply {
  /** Id echoed back in `message.send.quickReplyId`. */
  id: string;
  /** The text on the button, sent as the message text. */
  label: string;
}

/** A price in minor units of an ISO 4217 currency: `{ amount: 1999, currency: 'CAD' }` is $19.99. */
export interface Price {
  /** Integer amount in the currency's minor unit. */
  amount: number;
  /** ISO 4217 code, three upper-case letters. */
  currency: string;
}

/**
 * What a message says. Plain text, text with quick replies, or a card; there is no HTML anywhere in the
 * protocol. URLs are limited to http, https, mailto and tel by the parser.
 *
 * @example
 * ```ts
 * const content: MessageContent = {
 *   kind: 'product', title: 'Fibre 1 Gbit', url: 'https://shop.example/fibre', price: { amount: 6500, currency: 'CAD' },
 * };
 * ```
 */
export type MessageContent =
  | { kind: 'text'; text: string }
  | { kind: 'quick-replies'; text: string; replies: QuickReply[] }
  | {
      kind: 'link';
      url: string;
      title: string;
      description?: string;
      imageUrl?: string;
      /** `same-tab` keeps the chat through the navigation (the client restores it). @default 'new-tab' */
      target?: LinkTarget;
    }
  | {
      kind: 'product';
      url: string;
      title: string;
      description?: string;
      imageUrl?: string;
      price?: Price;
      /** @default 'new-tab' */
      target?: LinkTarget;
    }
  | AttachmentContent;

/**
 * A file in a message, as the server stored it: the server fills every field from the bytes it received
 * (see "Attachments" in docs/protocol.md), never from what a client claimed. The bytes are fetched over
 * HTTP from the server's `files/{id}` path with the reader's token in a header; `thumbnailId` names a small
 * WebP of an image, fetched the same way.
 *
 * @example
 * ```ts
 * const content: AttachmentContent = {
 *   kind: 'attachment', id: 'f_3kq', name: 'invoice.jpg', size: 48213, mediaType: 'image/jpeg',
 *   width: 1200, height: 1600, thumbnailId: 'f_3kq_t', caption: 'The double charge',
 * };
 * ```
 */
export interface AttachmentContent {
  kind: 'attachment';
  /** The file's id, as the upload answered it. */
  id: string;
  /** A safe file name, its extension matching `mediaType`. */
  name: string;
  /** In bytes, as stored (after the server removed a photo's metadata). */
  size: number;
  /** Decided by the server from the file's first bytes: one of {@link ATTACHMENT_MEDIA_TYPES}. */
  mediaType: string;
  /** An image's width in pixels, upright. */
  width?: number;
  /** An image's height in pixels, upright. */
  height?: number;
  /** The id of a small preview of an image (at most 320 px on its longest side). */
  thumbnailId?: string;
  /** What the sender wrote with the file; also its alternative text. */
  caption?: string;
}

/**
 * The media types a Clavard server accepts for an attachment, decided from the file's first bytes: PNG,
 * JPEG, WebP and GIF images, PDF, and plain UTF-8 text that is not markup. SVG and HTML never are.
 *
 * @example
 * ```ts
 * const accept = ATTACHMENT_MEDIA_TYPES.join(','); // for <input type="file" accept>
 * ```
 */
export const ATTACHMENT_MEDIA_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'application/pdf',
  'text/plain',
] as const;

/** Where a card's link opens. */
export type LinkTarget = 'same-tab' | 'new-tab';

/** The kind of content, the discriminant of {@link MessageContent}. */
export type MessageContentKind = MessageContent['kind'];

/** Why a form is asked. */
export type FormKind = 'prechat' | 'verification' | 'offline' | 'custom';

/** The input a form field asks for. */
export type FormFieldType = 'text' | 'textarea' | 'email' | 'tel' | 'date' | 'number' | 'select' | 'checkbox';

/**
 * One field of a form the server asks the visitor to fill in.
 *
 * @example
 * ```ts
 * const dob: FormField = { name: 'dob', type: 'date', label: 'Date of birth', required: true, sensitive: true };
 * ```
 */
export interface FormField {
  /** Key of the value in `form.submit.values`. */
  name: string;
  type: FormFieldType;
  /** The visible label, in the visitor's language (the server localises it). */
  label: string;
  /** @default false */
  required?: boolean;
  /** A regular expression (JavaScript syntax, whole value) the value must match. */
  pattern?: string;
  /** Short help shown under the field. */
  hint?: string;
  /** Longest value accepted, at most {@link MAX_TEXT_LENGTH}. */
  maxLength?: number;
  /** Choices of a `select` field. */
  options?: { value: string; label: string }[];
  /**
   * A sensitive value (identity verification): the widget masks it, never stores or logs it, shows it
   * redacted in the transcript, and the server never echoes it back. @default false
   */
  sensitive?: boolean;
}

/** Whether the organisation is reachable now. */
export interface Availability {
  /** Some agent can answer now. */
  online: boolean;
  /** When agents are back, when `online` is false and the schedule says. */
  nextOpenAt?: Timestamp;
  /** Typical wait before an agent answers, in seconds. */
  expectedWaitSeconds?: number;
  /**
   * Up to three (`MAX_PRESENCE_AGENTS`) online agents who take this visitor's topic, shown before the first
   * message; absent or empty when `online` is false. A parser keeps the first three and drops a picture
   * that is not http(s).
   */
  agents?: PresenceAgent[];
}

/**
 * An online agent as the visitor sees them before the conversation: a first name only (never a surname)
 * and maybe a picture.
 *
 * @example
 * ```ts
 * const julie: PresenceAgent = { firstName: 'Julie', avatarUrl: 'https://cdn.example/julie.jpg' };
 * ```
 */
export interface PresenceAgent {
  /** The first name, as the agent signs their messages. */
  firstName: string;
  /** An https or http URL of the agent's picture; without it the widget shows the initial. */
  avatarUrl?: string;
}

/** Where a conversation stands. */
export type ConversationStatus = 'queued' | 'active' | 'ended';

/** What the visitor agreed to, sent with the first message when the organisation asks for consent. */
export interface Consent {
  /** When the visitor agreed. */
  at: Timestamp;
  /** Version of the text the visitor agreed to. */
  version: string;
  /** The privacy policy shown with it. */
  policyUrl?: string;
}

/**
 * Why a connection is closed or a reconnect asked, on the wire and in WebSocket close codes
 * ({@link CLOSE_CODES}).
 */
export type CloseReason =
  | 'normal'
  | 'going-away'
  | 'server-restart'
  | 'idle-timeout'
  | 'replaced'
  | 'unauthorized'
  | 'unsupported-version'
  | 'protocol-error'
  | 'rate-limited';

/**
 * WebSocket close codes for each {@link CloseReason} (4000–4999 are the application's range).
 *
 * @example
 * ```ts
 * socket.close(CLOSE_CODES['server-restart'], 'server-restart');
 * ```
 */
export const CLOSE_CODES: Readonly<Record<CloseReason, number>> = {
  normal: 1000,
  'going-away': 1001,
  'server-restart': 1012,
  'idle-timeout': 4000,
  replaced: 4001,
  unauthorized: 4401,
  'unsupported-version': 4426,
  'protocol-error': 4400,
  'rate-limited': 4429,
};
