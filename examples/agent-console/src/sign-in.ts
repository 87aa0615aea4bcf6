import type { AgentRole } from '@clavard/agent-api';
import type { AgentInfo } from '@clavard/protocol';
import type { MessageKey } from './i18n/translator.js';

/**
 * The role the server said, read defensively: anything but `admin` or `community` is an `agent` (the
 * least an account may do).
 *
 * @example
 * ```ts
 * roleOf('community'); // 'community'
 * roleOf('root'); // 'agent'
 * ```
 */
export const roleOf = (value: unknown): AgentRole =>
  value === 'admin' || value === 'community' ? value : 'agent';

/**
 * What the agent types to sign in: their account's username and password.
 *
 * @example
 * ```ts
 * const form: SignInForm = { login: 'julie', password: 'demo' };
 * ```
 */
export interface SignInForm {
  login: string;
  password: string;
}

/**
 * The outcome of {@link signIn}: the token, the agent and their role, or the text to show (a key of the
 * console's catalogues, with the HTTP status for `signIn.error.other`).
 *
 * @example
 * ```ts
 * if (result.ok) start(result.token, result.agent); else show(result.message);
 * ```
 */
export type SignInResult =
  | { ok: true; token: string; agent: AgentInfo; role: AgentRole }
  | { ok: false; message: MessageKey; status?: number };

const MESSAGES: Record<number, MessageKey> = {
  400: 'signIn.error.400',
  401: 'signIn.error.401',
  429: 'signIn.error.429',
};

/**
 * `POST /agent/login`: the token travels in the response body only.
 *
 * @example
 * ```ts
 * const result = await signIn(location.origin, { login: 'julie', password });
 * ```
 */
export async function signIn(
  origin: string,
  form: SignInForm,
  fetcher: typeof fetch = fetch,
): Promise<SignInResult> {
  let response: Response;
  try {
    response = await fetcher(`${origin}/agent/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: form.login.trim(), password: form.password }),
    });
  } catch {
    return { ok: false, message: 'signIn.error.network' };
  }
  if (response.status !== 201) {
    return { ok: false, message: MESSAGES[response.status] ?? 'signIn.error.other', status: response.status };
  }
  const answer = (await response.json()) as { token?: unknown; agent?: AgentInfo; role?: unknown };
  if (typeof answer.token !== 'string' || answer.agent === undefined) {
    return { ok: false, message: 'signIn.error.answer' };
  }
  return {
    ok: true,
    token: answer.token,
    agent: answer.agent,
    role: roleOf(answer.role),
  };
}
