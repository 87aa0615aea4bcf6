/**
 * The records of handoffs in the agent API: a public post's case carried to a chat, as the advisor sees
 * it beside the conversation, as its community manager follows it, and as they fill it in the console.
 */
import type { Timestamp } from '@clavard/protocol';

/**
 * Where a customer complained in public, before a handoff carried the case to a chat.
 *
 * @example
 * ```ts
 * const channel: HandoffChannel = 'google'; // a Google review
 * ```
 */
export type HandoffChannel = 'x' | 'facebook' | 'instagram' | 'linkedin' | 'google' | 'other';

/**
 * A case a community manager carried from a public post to this conversation (a handoff link), as the
 * agent sees it beside the conversation: so that the customer repeats nothing.
 *
 * @example
 * ```ts
 * ({ id: 'h_1', channel: 'x', handle: '@ana_q', postUrl: 'https://x.com/ana_q/status/1', summary: 'a double charge',
 *   details: [{ label: 'Invoice', value: 'November 2026' }], by: 'Social inbox', createdAt, openedAt });
 * ```
 */
export interface HandoffCase {
  id: string;
  channel: HandoffChannel;
  /** The customer's public handle, as the community manager wrote it. */
  handle: string;
  /** The public post (open it beside the console). */
  postUrl: string;
  /** When the customer posted it, when the community manager said so. */
  postedAt?: Timestamp;
  /** What the customer read in the greeting: the case in a few words. */
  summary: string;
  /** What the community manager collected already, for the agent only. */
  details: { label: string; value: string }[];
  topic?: string;
  /** Who handed it over: a colleague's first name, or the name of the tool's API key. */
  by: string;
  createdAt: Timestamp;
  /** When the customer opened the link. */
  openedAt?: Timestamp;
  /** When an agent took the conversation. */
  takenAt?: Timestamp;
  /**
   * Once the conversation ended: the organisation's reviewed reply to post where the customer wrote, in
   * their language, with nothing of their case (for the community manager).
   */
  publicReply?: string;
}

/**
 * A handoff as its community manager follows it (`agent.handoffs`): the case without its details (those
 * are for the advisor only), when its link expires, and who took its conversation and when it ended. Its status follows: waiting for the customer, opened,
 * taken, resolved, or expired unopened.
 *
 * @example
 * ```ts
 * const status = tracked.resolvedAt ? 'resolved' : tracked.takenAt ? 'taken' : tracked.openedAt ? 'opened' : 'waiting';
 * ```
 */
export interface HandoffTracking extends Omit<HandoffCase, 'details'> {
  expiresAt: Timestamp;
  /** The first name of the agent who took the conversation. */
  takenBy?: string;
  /** When the conversation ended. */
  resolvedAt?: Timestamp;
}

/**
 * A new handoff, as a community manager fills it in the console: the fields of the body of the server's
 * `POST /api/handoffs` that a person fills (channel, handle, `https` post URL, summary of at most 200
 * characters, details as label and value, a topic of the organisation's, an advisor), checked by the
 * same rules. An error names the field.
 *
 * @example
 * ```ts
 * const draft: HandoffDraft = { channel: 'x', handle: '@ana_q', postUrl: 'https://x.com/ana_q/status/1', summary: 'a double charge', details: [{ label: 'Invoice', value: 'November' }], topic: 'Billing' };
 * ```
 */
export type HandoffDraft = Pick<
  HandoffCase,
  'channel' | 'handle' | 'postUrl' | 'postedAt' | 'summary' | 'details' | 'topic'
> & {
  /**
   * The agent who will continue (one of `agent.handoffs`' `advisors`): if they are signed in when the
   * link is opened, the greeting names them and the conversation waits for them first.
   */
  advisorId?: string;
};
