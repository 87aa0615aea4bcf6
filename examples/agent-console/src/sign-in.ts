import type { AgentInfo } from '@clavard/protocol';

/**
 * What the agent types to sign in.
 *
 * @example
 * ```ts
 * const form: SignInForm = { password: 'demo', firstName: 'Julie', title: 'Customer care' };
 * ```
 */
export interface SignInForm {
  password: string;
  firstName: string;
  title?: string;
  avatarUrl?: string;
}

/**
 * The outcome of {@link signIn}: the token and the agent, or a message to show.
 *
 * @example
 * ```ts
 * if (result.ok) start(result.token, result.agent); else show(result.message);
 * ```
 */
export type SignInResult = { ok: true; token: string; agent: AgentInfo } | { ok: false; message: string };

const MESSAGES: Record<number, string> = {
  400: 'Please give a first name (and a valid avatar address, if any).',
  401: 'That password is not right.',
  503: 'Agent sign-in is turned off on this server.',
};

/**
 * `POST /agent/login`: the token travels in the response body only.
 *
 * @example
 * ```ts
 * const result = await signIn(location.origin, { password, firstName: 'Julie' });
 * ```
 */
export async function signIn(
  origin: string,
  form: SignInForm,
  fetcher: typeof fetch = fetch,
): Promise<SignInResult> {
  const body: Record<string, string> = { password: form.password, firstName: form.firstName.trim() };
  if (form.title?.trim()) body.title = form.title.trim();
  if (form.avatarUrl?.trim()) body.avatarUrl = form.avatarUrl.trim();
  let response: Response;
  try {
    response = await fetcher(`${origin}/agent/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, message: 'The server cannot be reached. Try again in a moment.' };
  }
  if (response.status !== 201) {
    return { ok: false, message: MESSAGES[response.status] ?? `Sign-in failed (HTTP ${response.status}).` };
  }
  const answer = (await response.json()) as { token?: unknown; agent?: AgentInfo };
  if (typeof answer.token !== 'string' || answer.agent === undefined) {
    return { ok: false, message: 'The server gave an unexpected answer.' };
  }
  return { ok: true, token: answer.token, agent: answer.agent };
}
