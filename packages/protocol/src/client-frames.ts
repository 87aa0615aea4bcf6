import type { Consent, Seq } from './common.js';

/**
 * The first frame of every connection. Without `token` the server starts a new anonymous session; with a
 * `token` it restores the session, and with `resume` it sends every event after `lastSeq`.
 *
 * @example
 * ```ts
 * const hello: SessionHello = {
 *   type: 'session.hello', v: '1.0', locale: 'fr-CA', token: saved.token,
 *   resume: { conversationId: saved.conversationId, lastSeq: 42, epoch: saved.epoch },
 * };
 * ```
 */
export interface SessionHello {
  type: 'session.hello';
  /** The client's {@link PROTOCOL_VERSION}. */
  v: string;
  /** The session token from a previous `session.welcome`. */
  token?: string;
  /** The conversation to resume and the last seq the client has applied. */
  resume?: { conversationId: string; lastSeq: Seq; epoch?: string };
  /** BCP 47 language tag of the visitor, e.g. `en`, `fr-CA`. */
  locale: string;
  /** The page the visitor is on (clients leave out its query and fragment, which may carry secrets). */
  page?: { url: string; title?: string; referrer?: string };
  /** The visitor's IANA time zone, e.g. `America/Toronto`: agents see their local time. */
  timeZone?: string;
  /**
   * A signed, short-lived identity token minted by the organisation's own server (HMAC or JWT). The
   * protocol only carries it; the server verifies it. Nothing else asserts who the visitor is.
   */
  identity?: string;
  /** Free attributes set by the host page (plan, cart value…), strings only. */
  attributes?: Record<string, string>;
}

/**
 * A visitor's message. `clientId` (a nanoid made when the message is composed) makes sending idempotent:
 * the server stores one message per (conversation, clientId) and answers every resend with the same ack.
 *
 * @example
 * ```ts
 * transport.send({ type: 'message.send', clientId: nanoid(), text: 'Hello!' });
 * transport.send({ type: 'message.send', clientId: nanoid(), text: 'The error', attachmentId: 'f_3kq' });
 * ```
 */
export interface MessageSend {
  type: 'message.send';
  clientId: string;
  /**
   * Plain text, 1 to {@link MAX_TEXT_LENGTH} characters; with `attachmentId`, the file's caption, which
   * may be empty.
   */
  text: string;
  /**
   * A file uploaded beforehand (see "Attachments" in docs/protocol.md): the message carries it, with
   * `text` as its caption. The server refuses an id that is not this visitor's, or not stored yet.
   */
  attachmentId?: string;
  /** Set when the visitor picked a quick reply. */
  quickReplyId?: string;
  /** The consent given, with the first message, when the organisation asks for it. */
  consent?: Consent;
}

/**
 * The visitor started or stopped typing. Throttled by the client; never replayed after a reconnect.
 *
 * @example
 * ```ts
 * transport.send({ type: 'typing', active: true });
 * ```
 */
export interface ClientTyping {
  type: 'typing';
  active: boolean;
}

/**
 * The visitor has seen everything up to `upToSeq`.
 *
 * @example
 * ```ts
 * transport.send({ type: 'read', upToSeq: 57 });
 * ```
 */
export interface ClientRead {
  type: 'read';
  upToSeq: Seq;
}

/**
 * Ask for the conversation's events after `afterSeq`, to fill a gap. The server answers with a `history`
 * frame, or with `discontinuity` when it cannot.
 *
 * @example
 * ```ts
 * transport.send({ type: 'history.since', conversationId, afterSeq: lastSeq });
 * ```
 */
export interface HistorySince {
  type: 'history.since';
  conversationId: string;
  afterSeq: Seq;
  /** At most this many events in the answer; the server may send fewer and set `hasMore`. */
  limit?: number;
}

/**
 * The visitor's answers to a `form.request`. Values of `sensitive` fields travel here and nowhere else.
 *
 * @example
 * ```ts
 * transport.send({ type: 'form.submit', formId: 'verify-1', values: { dob: '1980-02-29' } });
 * ```
 */
export interface FormSubmit {
  type: 'form.submit';
  formId: string;
  /** Field name to value; each value at most {@link MAX_TEXT_LENGTH}. Checkboxes send `"true"`/`"false"`. */
  values: Record<string, string>;
}

/**
 * The visitor's feedback at the end of a conversation.
 *
 * @example
 * ```ts
 * transport.send({ type: 'rating.submit', conversationId, solved: true, score: 5, note: 'Thanks Julie!' });
 * ```
 */
export interface RatingSubmit {
  type: 'rating.submit';
  conversationId: string;
  /** "Was your problem solved?" */
  solved?: boolean;
  /** 1 to 5. */
  score?: 1 | 2 | 3 | 4 | 5;
  /** A thank-you note to the agent. */
  note?: string;
}

/**
 * The visitor ends the conversation.
 *
 * @example
 * ```ts
 * transport.send({ type: 'conversation.end', conversationId });
 * ```
 */
export interface ConversationEnd {
  type: 'conversation.end';
  conversationId: string;
}

/**
 * Present a new identity token mid-session (after the host's `identify()`).
 *
 * @example
 * ```ts
 * transport.send({ type: 'session.identify', identity: tokenFromMyServer });
 * ```
 */
export interface SessionIdentify {
  type: 'session.identify';
  identity: string;
}

/**
 * End the server session (logout on a shared computer): the token stops working.
 *
 * @example
 * ```ts
 * transport.send({ type: 'session.end' });
 * ```
 */
export interface SessionEnd {
  type: 'session.end';
}

/**
 * Ask the server to erase everything it holds about this visitor, then end the session.
 *
 * @example
 * ```ts
 * transport.send({ type: 'session.forget' });
 * ```
 */
export interface SessionForget {
  type: 'session.forget';
}

/**
 * Open a handoff: the page was reached through a handoff link (`?clavard=h_…`), which a community
 * manager made from a public post so that the conversation continues here, privately (protocol 1.2). Sent
 * after `session.welcome`, and after the next ones until the server answered with `handoff.result` (a
 * second opening by the same visitor is answered `resumed`, so sending it again is safe). The token opens a chat, never an
 * account: identity verification still applies.
 *
 * @example
 * ```ts
 * transport.send({ type: 'handoff.open', token: 'h_AbC…' });
 * ```
 */
export interface HandoffOpen {
  type: 'handoff.open';
  /** The link's token, as it came: the server checks its signature, its expiry and its use. */
  token: string;
}

/**
 * A keep-alive probe, or the answer to the server's `ping` (as `pong`).
 *
 * @example
 * ```ts
 * transport.send({ type: 'ping', id: 'p1' });
 * ```
 */
export interface ClientPing {
  type: 'ping' | 'pong';
  /** Echoed back in the answer. */
  id?: string;
}

/** Every frame a client may send, discriminated on `type`. */
export type ClientFrame =
  | SessionHello
  | MessageSend
  | ClientTyping
  | ClientRead
  | HistorySince
  | FormSubmit
  | RatingSubmit
  | ConversationEnd
  | SessionIdentify
  | SessionEnd
  | SessionForget
  | HandoffOpen
  | ClientPing;

/** The `type` of every client frame. */
export type ClientFrameType = ClientFrame['type'];
