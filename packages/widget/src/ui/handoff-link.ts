// The handoff link the page came through (`?clavard=h_…`: a community manager made it from a public
// post): the first widget of the page takes the token out of the address at once (so that a bookmark, a
// shared address or a Referer does not carry it; the client keeps it in memory), opens on it, and says
// why when it cannot continue the case.
import type { HandoffStatus } from '@clavard/protocol';
import { effect } from '@preact/signals-core';
import type { ChatClient } from '../headless/index.js';

/** An answer that continues no case here: the link was used elsewhere, expired, or not valid. */
export type UnheldHandoff = Extract<HandoffStatus, 'used' | 'expired' | 'invalid'>;

/**
 * `status` when it continues no case here (see {@link UnheldHandoff}), else undefined.
 *
 * @example
 * ```ts
 * unheld(client.handoff.value); // 'expired', or undefined for 'opened'
 * ```
 */
export const unheld = (status: HandoffStatus | undefined): UnheldHandoff | undefined =>
  status === 'used' || status === 'expired' || status === 'invalid' ? status : undefined;

/** Set on the page's window once a widget took the token: the other widgets of the page leave it. */
const TAKEN = Symbol.for('clavard.handoff');

/**
 * The handoff token in the page's address, taken out of it (the history entry is replaced; every other
 * part of the address is kept as it was written), or undefined: none, or another widget of the page
 * took it.
 *
 * @example
 * ```ts
 * takeHandoffToken(window); // 'h_MTIz…' on https://shop.example/?ref=x&clavard=h_MTIz…, now at /?ref=x
 * ```
 */
export function takeHandoffToken(view: Window): string | undefined {
  if (Reflect.get(view, TAKEN) === true) return undefined;
  const { pathname, search, hash } = view.location;
  const pairs = search.slice(1).split('&');
  const token = pairs.find((pair) => pair.startsWith('clavard='))?.slice('clavard='.length);
  if (!token?.startsWith('h_')) return undefined;
  Reflect.set(view, TAKEN, true);
  const rest = pairs.filter((pair) => !pair.startsWith('clavard=')).join('&');
  view.history.replaceState(view.history.state, '', `${pathname}${rest === '' ? '' : `?${rest}`}${hash}`);
  return token;
}

/**
 * Announces an answer other than the conversation itself (`used`, `expired`, `invalid`). Returns what
 * stops watching.
 *
 * @example
 * ```ts
 * cleanup.add(announceHandoff(client, (status) => model.announce(t(`handoff.${status}`))));
 * ```
 */
export function announceHandoff(client: ChatClient, announce: (status: UnheldHandoff) => void): () => void {
  return effect(() => {
    const status = unheld(client.handoff.value);
    if (status) announce(status);
  });
}
