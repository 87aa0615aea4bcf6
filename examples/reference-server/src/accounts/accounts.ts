import { parseTopics } from '@clavard/agent-api';
import type { AgentInfo } from '@clavard/protocol';
import type { AgentRole } from '../db/account-store.js';
import type { AgentRow } from '../db/rows.js';
import type { Store } from '../db/store.js';
import { hashPassword, MAX_PASSWORD_LENGTH } from './password.js';

/**
 * A new agent account as an admin, the `agents add` command or a seed gives it: the password in clear,
 * hashed before it is stored.
 *
 * @example
 * ```ts
 * const julie: NewAgentAccount = { login: 'julie', firstName: 'Julie', password: 'a long passphrase', role: 'admin' };
 * ```
 */
export interface NewAgentAccount {
  /** 2–64 characters among a–z, 0–9, `.`, `_`, `-` (upper case is folded). */
  login: string;
  /** What visitors see. */
  firstName: string;
  title?: string;
  /** An http(s) URL. */
  avatarUrl?: string;
  /** At least {@link MIN_PASSWORD_LENGTH} characters. */
  password: string;
  /** @default 'agent' */
  role?: AgentRole;
  /** Among the organisation's topics; none: every topic. @default [] */
  topics?: readonly string[];
}

/** The shortest password an account may have. */
export const MIN_PASSWORD_LENGTH = 8;
const LOGIN = /^[a-z0-9._-]{2,64}$/;
const MAX_FIRST_NAME = 64;
const MAX_TITLE = 120;

const trimmed = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' && value.trim() !== '' && value.trim().length <= max ? value.trim() : undefined;

/**
 * A stored agent as the protocol shows it: first name, title and avatar (never the login or role).
 *
 * @example
 * ```ts
 * hub.toVisitor(visitorId, { type: 'agent.joined', agent: agentInfo(row), … });
 * ```
 */
export function agentInfo(row: AgentRow): AgentInfo {
  return {
    id: row.id,
    firstName: row.first_name,
    ...(row.title === null ? {} : { title: row.title }),
    ...(row.avatar_url === null ? {} : { avatarUrl: row.avatar_url }),
  };
}

/**
 * Checks a new account and says what is wrong with it first, or undefined when it may be created.
 * `minPassword` lowers the password's minimum for the demo's seeded accounts only.
 *
 * @example
 * ```ts
 * accountProblem({ login: 'Julie!', firstName: 'Julie', password: 'x' }, ['Billing']); // 'login: …'
 * ```
 */
export function accountProblem(
  account: NewAgentAccount,
  topics: readonly string[],
  minPassword = MIN_PASSWORD_LENGTH,
): string | undefined {
  if (typeof account.login !== 'string' || !LOGIN.test(account.login.toLowerCase())) {
    return 'login: 2 to 64 characters among a–z, 0–9, ".", "_" and "-"';
  }
  if (trimmed(account.firstName, MAX_FIRST_NAME) === undefined) return 'firstName: 1 to 64 characters';
  if (account.title !== undefined && trimmed(account.title, MAX_TITLE) === undefined) {
    return 'title: 1 to 120 characters';
  }
  if (account.avatarUrl !== undefined && !/^https?:\/\//i.test(account.avatarUrl)) {
    return 'avatarUrl: an http or https address';
  }
  if (
    typeof account.password !== 'string' ||
    account.password.length < minPassword ||
    account.password.length > MAX_PASSWORD_LENGTH
  ) {
    return `password: ${minPassword} to ${MAX_PASSWORD_LENGTH} characters`;
  }
  if (account.role !== undefined && !['agent', 'admin', 'community'].includes(account.role)) {
    return 'role: agent, admin or community';
  }
  const checked = parseTopics(account.topics ?? [], topics);
  return checked.ok ? undefined : `topics: ${checked.error}`;
}

/**
 * Creates an agent account: checked ({@link accountProblem}), the password hashed with scrypt, the login
 * unique. Throws an `Error` saying what is wrong.
 *
 * @example
 * ```ts
 * const row = await createAccount(store, { login: 'marc', firstName: 'Marc', password: 'a long passphrase' }, []);
 * ```
 */
export async function createAccount(
  store: Store,
  account: NewAgentAccount,
  topics: readonly string[],
  minPassword = MIN_PASSWORD_LENGTH,
): Promise<AgentRow> {
  const problem = accountProblem(account, topics, minPassword);
  if (problem !== undefined) throw new Error(problem);
  const login = account.login.toLowerCase();
  if (await store.accountByLogin(login)) throw new Error(`login: ${login} is taken`);
  const passwordHash = await hashPassword(account.password);
  // Checked again after the hash: another creation of the same login may have finished meanwhile.
  if (await store.accountByLogin(login)) throw new Error(`login: ${login} is taken`);
  const title = trimmed(account.title, MAX_TITLE);
  return store.createAccount({
    login,
    firstName: account.firstName.trim(),
    ...(title === undefined ? {} : { title }),
    ...(account.avatarUrl === undefined ? {} : { avatarUrl: account.avatarUrl }),
    role: account.role ?? 'agent',
    passwordHash,
    topics: parseTopics(account.topics ?? [], topics).ok ? [...(account.topics ?? [])] : [],
  });
}
