/**
 * The community manager's desk in the console (`agent.handoffs`): make a handoff link for a public post,
 * and follow the team's handoffs, from the link made to the customer's opening, an agent taking it, and
 * its end, when the public reply is there to post. Community managers and admins only.
 */
import type {
  AgentClientFrame,
  AgentHandoffs,
  AgentHandoffsRequest,
  HandoffDraft,
  HandoffTracking,
} from '@clavard/agent-api';
import { type AgentInfo, ChatError } from '@clavard/protocol';
import { agentInfo } from '../accounts/accounts.js';
import type { HandoffRow } from '../db/handoff-store.js';
import { handoffCase } from './handoff-view.js';
import type { AgentConn, AgentSession, Hub } from './hub.js';
import { iso } from './iso-time.js';
import { fitting, HISTORY_PAGE_BYTES } from './paging.js';

/**
 * The most handoffs the desk lists, newest first (fewer when they do not fit a frame).
 *
 * @example
 * ```ts
 * store.recentHandoffs(HANDOFF_DESK_SIZE);
 * ```
 */
export const HANDOFF_DESK_SIZE = 50;

/** Looks each id up once however often it is asked (a desk's handoffs share their agents). */
const once = <T>(load: (id: string) => Promise<T>) => {
  const asked = new Map<string, Promise<T>>();
  return (id: string): Promise<T> => {
    const known = asked.get(id) ?? load(id);
    asked.set(id, known);
    return known;
  };
};

/**
 * The handoffs as the desk follows them: each case without its details (for the advisor only, and
 * perhaps collected by another tool), its expiry, who took it and when it ended.
 */
const trackings = (hub: Hub, rows: readonly HandoffRow[]): Promise<HandoffTracking[]> => {
  const agent = once((id) => hub.store.agent(id));
  const locale = once((id) => hub.visitorLocale(id));
  const replies = hub.options.handoffs?.publicReply;
  return Promise.all(
    rows.map(async (row) => {
      const visitorLocale = row.visitor_id === null ? null : await locale(row.visitor_id);
      const takenBy = row.taken_by === null ? undefined : await agent(row.taken_by);
      const { details: _forTheAdvisor, ...handoff } = await handoffCase(
        { agent },
        row,
        visitorLocale,
        replies,
      );
      return {
        ...handoff,
        expiresAt: iso(row.expires_at),
        ...(takenBy ? { takenBy: takenBy.first_name } : {}),
        ...(row.resolved_at === null ? {} : { resolvedAt: iso(row.resolved_at) }),
      };
    }),
  );
};

/**
 * `agent.handoffs`: the newest handoffs, after making the one asked for. A draft is checked as the body
 * of `POST /api/handoffs` is, and counts against the same limit per caller (here, the account).
 *
 * @example
 * ```ts
 * await handoffDesk(hub, conn, session, { type: 'agent.handoffs', create: draft });
 * ```
 */
export async function handoffDesk(
  hub: Hub,
  conn: AgentConn,
  session: AgentSession,
  frame: AgentHandoffsRequest,
): Promise<void> {
  if (session.role !== 'community' && session.role !== 'admin') {
    throw new ChatError('forbidden', 'handoff links are made by community managers and admins');
  }
  const maker = hub.options.handoffMaker;
  if (!maker) throw new ChatError('forbidden', 'this server makes no handoff links');
  let created: { id: string; url: string; expiresAt: string } | undefined;
  if (frame.create) {
    const made = await maker.make(await apiBody(hub, frame.create), session.agent.id);
    // Said by id, as the desk named them: never a login.
    if (!made.ok && made.error.code === 'unknown-advisor') throw unknownAdvisor(frame.create.advisorId);
    if (!made.ok) {
      const options = 'retryAfterMs' in made ? { retryAfterMs: made.retryAfterMs } : {};
      const code = made.error.code === 'rate-limited' ? 'rate-limited' : 'invalid-frame';
      throw new ChatError(code, made.error.message, options);
    }
    created = { ...made.value, expiresAt: iso(made.value.expiresAt) };
  }
  let listed: Omit<AgentHandoffs, 'type' | 'created'>;
  try {
    listed = await deskList(hub);
  } catch (error) {
    // The link just made is shown only now (only its hash is kept): it goes out, the list later.
    if (!created) throw error;
    hub.options.report(new ChatError('server-error', 'the handoffs could not be listed', { cause: error }));
    listed = { handoffs: [], hasMore: true, advisors: [] };
  }
  conn.send({ type: 'agent.handoffs', ...listed, ...(created ? { created } : {}) });
}

/** The desk's list: the newest handoffs that fit a frame, and who may be named as advisor. */
const deskList = async (hub: Hub): Promise<Omit<AgentHandoffs, 'type' | 'created'>> => {
  const [rows, accounts] = await Promise.all([
    hub.store.recentHandoffs(HANDOFF_DESK_SIZE + 1),
    hub.store.accounts(),
  ]);
  const { kept, cut } = fitting(await trackings(hub, rows.slice(0, HANDOFF_DESK_SIZE)), HISTORY_PAGE_BYTES);
  const advisors = accounts
    .filter((account) => account.role !== 'community' && account.login !== null)
    .map(agentInfo);
  return { handoffs: kept, hasMore: cut || rows.length > HANDOFF_DESK_SIZE, advisors };
};

/** What a desk's draft may hold: the API's fields a person fills, and the advisor by id. */
const DRAFT_FIELDS = new Set(['channel', 'handle', 'postUrl', 'postedAt', 'summary', 'details', 'topic']);

/**
 * A draft as the API's body: only the fields a person fills (not the API's `advisor` login nor its
 * `landingUrl`: logins are not for community managers), and the advisor, picked by id, named by login.
 */
const apiBody = async (hub: Hub, draft: HandoffDraft): Promise<Record<string, unknown>> => {
  const { advisorId, ...fields } = draft as HandoffDraft & Record<string, unknown>;
  const extra = Object.keys(fields).find((key) => !DRAFT_FIELDS.has(key));
  if (extra !== undefined) throw new ChatError('invalid-frame', `create has no field ${extra}`);
  if (advisorId === undefined) return fields;
  const advisor = typeof advisorId === 'string' ? await hub.store.agent(advisorId) : undefined;
  if (!advisor?.login || advisor.role === 'community') throw unknownAdvisor(advisorId);
  return { ...fields, advisor: advisor.login };
};

const unknownAdvisor = (advisorId: unknown) =>
  new ChatError('invalid-frame', `advisorId: no agent has the id ${String(advisorId)}`);

/**
 * A community manager's console says hello: never present, so never routed, transferred to or counted
 * as available; its welcome carries no queue, inbox or conversation, only the topics its links may name.
 *
 * @example
 * ```ts
 * if (row.role === 'community') return communityHello(hub, conn, agent);
 * ```
 */
export async function communityHello(hub: Hub, conn: AgentConn, agent: AgentInfo): Promise<void> {
  const { rules } = hub.options;
  desksOf(hub).add(conn);
  conn.send({
    type: 'agent.welcome',
    agent,
    role: 'community',
    agents: [],
    queue: [],
    queueTotal: 0,
    inbox: [],
    inboxTotal: 0,
    routing: { topics: [...hub.options.topics], mine: [] },
    rules: { requireGreeting: rules.requireGreeting, requireClosing: rules.requireClosing },
    phrases: [],
    conversations: [],
    heartbeatMs: hub.options.heartbeatMs,
    stats: await hub.store.agentStats(agent.id),
  });
}

/** The community managers' connections on this node (never in the presence, which is for agents). */
const desks = new WeakMap<Hub, Set<AgentConn>>();
const desksOf = (hub: Hub): Set<AgentConn> => {
  const open = desks.get(hub) ?? new Set<AgentConn>();
  desks.set(hub, open);
  return open;
};

/**
 * A community manager's connection closed: it is forgotten.
 *
 * @example
 * ```ts
 * closed(conn) { deskClosed(hub, conn); }
 * ```
 */
export const deskClosed = (hub: Hub, conn: AgentConn): void => void desks.get(hub)?.delete(conn);

/**
 * The connections of a community manager's session on this node (the tab that signs out, and any other
 * tab that shares its sign-in), to close when it signs out.
 *
 * @example
 * ```ts
 * for (const other of deskConnections(hub, session.tokenHash)) other.close('normal');
 * ```
 */
export const deskConnections = (hub: Hub, tokenHash: string): AgentConn[] =>
  [...(desks.get(hub) ?? [])].filter((conn) => conn.session?.tokenHash === tokenHash);

const COMMUNITY_FRAMES: ReadonlySet<AgentClientFrame['type']> = new Set(['agent.handoffs', 'agent.signout']);

/**
 * Whether a community manager's console may send this frame: the handoff desk and signing out only.
 *
 * @example
 * ```ts
 * if (session.role === 'community' && !isCommunityFrame(frame.type)) throw new ChatError('forbidden', '…');
 * ```
 */
export const isCommunityFrame = (type: AgentClientFrame['type']): boolean => COMMUNITY_FRAMES.has(type);
