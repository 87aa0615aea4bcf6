import { useRef } from 'preact/hooks';
import type { ConsoleModel } from '../console-model.js';
import { useI18n } from '../i18n/translator.js';
import { roleOf } from '../sign-in.js';

/**
 * Admins: the team's accounts in a dialog, and a form to create one (the server checks and hashes the
 * password; a taken username or a short password comes back as a notice).
 *
 * @example
 * ```tsx
 * {model.role.value === 'admin' ? <AccountsDialog model={model} /> : null}
 * ```
 */
export function AccountsDialog({ model }: { model: ConsoleModel }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const accounts = model.accounts.value;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const element = form.current;
    if (!element) return;
    const data = new FormData(element);
    const field = (name: string) => String(data.get(name) ?? '').trim();
    const title = field('title');
    const sent = model.requestAccounts({
      login: field('login'),
      firstName: field('firstName'),
      ...(title === '' ? {} : { title }),
      role: roleOf(field('role')),
      password: String(data.get('password') ?? ''),
    });
    if (sent) element.reset();
  };
  return (
    <>
      <button
        type="button"
        onClick={() => {
          model.requestAccounts();
          dialog.current?.showModal();
        }}
      >
        {t('accounts.open')}
      </button>
      <dialog ref={dialog} class="report accounts" aria-labelledby="accounts-heading">
        <div class="report-top">
          <h2 id="accounts-heading">{t('accounts.heading')}</h2>
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('accounts.close')}
          </button>
        </div>
        {accounts?.created ? (
          <p role="status" class="created">
            {t('accounts.created', { login: accounts.created })}
          </p>
        ) : null}
        <table>
          <thead>
            <tr>
              <th scope="col">{t('accounts.login')}</th>
              <th scope="col">{t('accounts.firstName')}</th>
              <th scope="col">{t('accounts.role')}</th>
            </tr>
          </thead>
          <tbody>
            {(accounts?.list ?? []).map((account) => (
              <tr key={account.id}>
                <td>{account.login}</td>
                <th scope="row">
                  {account.firstName}
                  {account.title ? ` · ${account.title}` : ''}
                </th>
                <td>{t(`accounts.role.${account.role}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <form ref={form} class="new-account" onSubmit={submit}>
          <h3>{t('accounts.add')}</h3>
          <label for="account-login">{t('accounts.login')}</label>
          <input id="account-login" name="login" required maxLength={64} autocomplete="off" />
          <label for="account-first-name">{t('accounts.firstName')}</label>
          <input id="account-first-name" name="firstName" required maxLength={64} autocomplete="off" />
          <label for="account-title">{t('accounts.title')}</label>
          <input id="account-title" name="title" maxLength={120} autocomplete="off" />
          <label for="account-role">{t('accounts.role')}</label>
          <select id="account-role" name="role">
            <option value="agent">{t('accounts.role.agent')}</option>
            <option value="admin">{t('accounts.role.admin')}</option>
            <option value="community">{t('accounts.role.community')}</option>
          </select>
          <label for="account-password">{t('accounts.password')}</label>
          <input
            id="account-password"
            name="password"
            type="password"
            required
            minLength={8}
            maxLength={256}
            autocomplete="new-password"
          />
          <button type="submit" class="primary">
            {t('accounts.create')}
          </button>
        </form>
      </dialog>
    </>
  );
}
