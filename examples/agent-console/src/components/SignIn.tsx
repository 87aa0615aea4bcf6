import type { AgentRole } from '@clavard/agent-api';
import type { AgentInfo } from '@clavard/protocol';
import { useRef, useState } from 'preact/hooks';
import { type MessageKey, useI18n } from '../i18n/translator.js';
import { type SignInResult, signIn } from '../sign-in.js';
import { LanguagePicker } from './LanguagePicker.js';

/**
 * Props of {@link SignIn}.
 *
 * @example
 * ```tsx
 * <SignIn origin={location.origin} onSignedIn={(token, agent) => start(token, agent)} />
 * ```
 */
export interface SignInProps {
  /** The server's origin, for `POST /agent/login`. */
  origin: string;
  onSignedIn(token: string, agent: AgentInfo, role: AgentRole): void;
  /** A message shown above the form (e.g. after a refused token). */
  message?: MessageKey;
  /** @default fetch */
  fetcher?: typeof fetch;
}

/**
 * The sign-in form: the agent's username and password (their first name, title and avatar are their
 * account's).
 *
 * @example
 * ```tsx
 * <SignIn origin={location.origin} onSignedIn={start} />
 * ```
 */
export function SignIn({ origin, onSignedIn, message, fetcher }: SignInProps) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | undefined>(message === undefined ? undefined : t(message));
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const element = form.current;
    if (!element || busy) return;
    const data = new FormData(element);
    const field = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    setBusy(true);
    const result: SignInResult = await signIn(
      origin,
      { login: field('login'), password: field('password') },
      fetcher,
    );
    setBusy(false);
    if (result.ok) onSignedIn(result.token, result.agent, result.role);
    else setProblem(t(result.message, { status: result.status ?? '' }));
  };

  return (
    <main class="sign-in">
      <div class="sign-in-top">
        <h1>{t('app.title')}</h1>
        <LanguagePicker />
      </div>
      <form ref={form} onSubmit={submit} aria-describedby={problem ? 'sign-in-problem' : undefined}>
        {problem ? (
          <p id="sign-in-problem" class="alert" role="alert">
            {problem}
          </p>
        ) : null}
        <label for="sign-in-login">{t('signIn.login')}</label>
        <input
          id="sign-in-login"
          name="login"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          required
          maxLength={64}
        />
        <label for="sign-in-password">{t('signIn.password')}</label>
        <input
          id="sign-in-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
        />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
