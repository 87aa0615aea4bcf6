/**
 * What the console keeps across a reload of the page, in the tab's `sessionStorage`: the sign-in (token
 * and agent), and per conversation the draft and the messages sent but not yet acknowledged. Nothing of
 * the visitor's. `sessionStorage` is per tab and gone when the tab closes; the token travels only in the
 * first frame of the WebSocket, never in a cookie, so no other site can make the browser use it (no
 * CSRF), and the console's strict CSP with Trusted Types is what keeps scripts from reading it.
 */

import type { AgentRole } from '@clavard/agent-api';
import type { AgentInfo } from '@clavard/protocol';
import { isRecord, isString } from '@clavard/protocol/internal';
import { roleOf } from './sign-in.js';

/**
 * A message of this agent's, sent and not yet acknowledged (re-sent with the same clientId after a
 * reconnect or a reload).
 *
 * @example
 * ```ts
 * const pending: PendingMessage = { clientId: 'k3', text: 'One moment please.' };
 * ```
 */
export interface PendingMessage {
  clientId: string;
  /** The text, or a file's caption. */
  text: string;
  /** The upload the message carries (sent as `attachmentId`), stored on the server already. */
  attachmentId?: string;
  /** That file's name, shown while the message is pending. */
  fileName?: string;
}

/**
 * The per-conversation work in progress of one agent.
 *
 * @example
 * ```ts
 * const kept: WorkInProgress = { drafts: { c1: 'Your refund…' }, pending: {} };
 * ```
 */
export interface WorkInProgress {
  drafts: Record<string, string>;
  pending: Record<string, PendingMessage[]>;
}

/** The signed-in agent, as kept for the tab. */
export interface SavedSession {
  token: string;
  agent: AgentInfo;
  role: AgentRole;
}

const SESSION_KEY = 'clavard-console:session';
const workKey = (agentId: string) => `clavard-console:work:${agentId}`;

const read = (storage: Storage | undefined, key: string): unknown => {
  try {
    const text = storage?.getItem(key);
    return text ? JSON.parse(text) : undefined;
  } catch {
    // Unreadable (blocked storage, a hand-edited value): start without it.
    return undefined;
  }
};

const write = (storage: Storage | undefined, key: string, value: unknown): void => {
  try {
    if (value === undefined) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or blocked: the console works on without keeping it.
  }
};

/**
 * The tab's `sessionStorage`, or undefined where there is none (tests, a blocked page).
 *
 * @example
 * ```ts
 * createConsoleModel({ link, me, storage: tabStorage() });
 * ```
 */
export function tabStorage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

/**
 * The sign-in kept for this tab, if any.
 *
 * @example
 * ```ts
 * const saved = loadSession(tabStorage());
 * ```
 */
export function loadSession(storage: Storage | undefined): SavedSession | undefined {
  const value = read(storage, SESSION_KEY);
  if (!isRecord(value) || !isString(value.token) || !isRecord(value.agent)) return undefined;
  const agent = value.agent as unknown as AgentInfo;
  if (!isString(agent.id) || !isString(agent.firstName)) return undefined;
  return { token: value.token, agent, role: roleOf(value.role) };
}

/**
 * Keeps the sign-in for this tab, or forgets it (`undefined`, at sign-out or when the token is refused).
 *
 * @example
 * ```ts
 * saveSession(tabStorage(), { token, agent, role });
 * ```
 */
export function saveSession(storage: Storage | undefined, session: SavedSession | undefined): void {
  write(storage, SESSION_KEY, session);
}

/**
 * The agent's drafts and unacknowledged messages kept for this tab.
 *
 * @example
 * ```ts
 * const { drafts, pending } = loadWork(storage, me.id);
 * ```
 */
export function loadWork(storage: Storage | undefined, agentId: string): WorkInProgress {
  const value = read(storage, workKey(agentId));
  const drafts: Record<string, string> = {};
  const pending: Record<string, PendingMessage[]> = {};
  if (isRecord(value) && isRecord(value.drafts)) {
    for (const [id, text] of Object.entries(value.drafts)) if (typeof text === 'string') drafts[id] = text;
  }
  if (isRecord(value) && isRecord(value.pending)) {
    for (const [id, list] of Object.entries(value.pending)) {
      if (!Array.isArray(list)) continue;
      pending[id] = list.filter(
        (item): item is PendingMessage =>
          isRecord(item) &&
          typeof item.clientId === 'string' &&
          typeof item.text === 'string' &&
          (item.attachmentId === undefined || typeof item.attachmentId === 'string'),
      );
    }
  }
  return { drafts, pending };
}

/**
 * Keeps the agent's work in progress (undefined forgets it, at sign-out).
 *
 * @example
 * ```ts
 * saveWork(storage, me.id, { drafts, pending });
 * ```
 */
export function saveWork(
  storage: Storage | undefined,
  agentId: string,
  work: WorkInProgress | undefined,
): void {
  write(storage, workKey(agentId), work);
}
