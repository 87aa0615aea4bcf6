import type { AgentInfo } from '@clavard/protocol';

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
 * The outcome of {@link signIn}: the token, the agent and their role, or a message to show.
 *
 * @example
 * ```ts
 * if (result.ok) start(result.token, result.agent); else show(result.message);
 * ```
 */
export type SignInResult =
  | { ok: true; token: string; agent: AgentInfo; role: 'agent' | 'admin' }
  | { ok: false; message: string };

const MESSAGES: Record<number, string> = {
  400: 'Please give your username and password.',
  401: 'That username or password is not right.',
  429: 'Too many attempts: wait a few minutes, then try again.',
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
    return { ok: false, message: 'The server cannot be reached. Try again in a moment.' };
  }
  if (response.status !== 201) {
    return { ok: false, message: MESSAGES[response.status] ?? `Sign-in failed (HTTP ${response.status}).` };
  }
  const answer = (await response.json()) as { token?: unknown; agent?: AgentInfo; role?: unknown };
  if (typeof answer.token !== 'string' || answer.agent === undefined) {
    return { ok: false, message: 'The server gave an unexpected answer.' };
  }
  return {
    ok: true,
    token: answer.token,
    agent: answer.agent,
    role: answer.role === 'admin' ? 'admin' : 'agent',
  };
}
