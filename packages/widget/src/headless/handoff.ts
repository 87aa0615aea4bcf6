// The handoff link the page came through (a community manager made it from a public post): its token
// waits until a session is open, goes in a `handoff.open`, again after a drop until the server answered,
// and the answer is kept for the UI (`client.handoff`).
import { ChatError, type HandoffResult } from '@clavard/protocol';
import type { CoreContext } from './client-context.js';

/** A handoff token as servers make them: `h_`, then URL-safe characters and dots, at most 512. */
const HANDOFF_TOKEN = /^h_[\w.-]{1,510}$/;

/**
 * Whether `token` has the shape of a handoff token (`h_`, URL-safe characters, at most 512).
 *
 * @example
 * ```ts
 * isHandoffToken('h_MTIz.c2ln'); // true
 * ```
 */
export const isHandoffToken = (token: unknown): token is string =>
  typeof token === 'string' && HANDOFF_TOKEN.test(token);

/**
 * Take a handoff token (see `ChatClient.openHandoff`): sent now if the session is open, else after the
 * next welcome. A token already answered, or already waiting, is not taken again; another one replaces
 * the answer of the last (its own comes next).
 *
 * @example
 * ```ts
 * openHandoff(context, 'h_MTIz.c2ln');
 * ```
 */
export function openHandoff(context: CoreContext, token: string): void {
  const { session, connection, handoff } = context;
  if (!isHandoffToken(token)) {
    context.reportError(new ChatError('invalid-option', 'openHandoff: not a handoff token'));
    return;
  }
  if (session.handoff === token || session.handoffAnswered.has(token)) return;
  session.handoff = token;
  handoff.value = undefined;
  if (connection.isReady) sendHandoff(context);
}

/**
 * Send the waiting handoff token, if any: on each welcome until the server answered (it answers the same
 * visitor's second opening with `resumed`).
 *
 * @example
 * ```ts
 * sendHandoff(context); // after session.welcome
 * ```
 */
export function sendHandoff({ session, connection }: CoreContext): void {
  if (session.handoff !== undefined) connection.send({ type: 'handoff.open', token: session.handoff });
}

/**
 * The server's answer: the token is done with; the status is kept.
 *
 * @example
 * ```ts
 * onHandoffResult(context, { type: 'handoff.result', status: 'expired' });
 * ```
 */
export function onHandoffResult(context: CoreContext, frame: HandoffResult): void {
  const { session } = context;
  if (session.handoff === undefined) return; // not asked by this core
  session.handoffAnswered.add(session.handoff);
  session.handoff = undefined;
  context.handoff.value = frame.status;
}
