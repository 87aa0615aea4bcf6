import { useRef, useState } from 'preact/hooks';
import type { ConsoleModel } from '../console-model.js';
import { useI18n } from '../i18n/translator.js';
import { reportCsv } from '../report-csv.js';
import { formatDuration } from '../timing.js';

const PERIODS = [7, 30, 90] as const;

/** Saves a text as a file through a temporary link (no server round trip, nothing inline for the CSP). */
const download = (name: string, text: string) => {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

/**
 * The team report for admins, in a modal dialog: per agent and per day, conversations, average first
 * response and handling, first-contact resolution and ratings, and of the conversations handed over from
 * public posts, the time from the post to the chat and to the end, over 7, 30 or 90 days; exported as CSV.
 *
 * @example
 * ```tsx
 * {model.role.value === 'admin' ? <TeamReport model={model} /> : null}
 * ```
 */
export function TeamReport({ model }: { model: ConsoleModel }) {
  const { t, locale } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [days, setDays] = useState<number>(7);
  const report = model.report.value;
  const number = (value: number | null, digits = 0) =>
    value === null ? '—' : value.toLocaleString(locale, { maximumFractionDigits: digits });
  return (
    <>
      <button
        type="button"
        onClick={() => {
          model.requestReport(days);
          dialog.current?.showModal();
        }}
      >
        {t('report.open')}
      </button>
      <dialog ref={dialog} class="report" aria-labelledby="report-heading">
        <div class="report-top">
          <h2 id="report-heading">{t('report.heading')}</h2>
          <label>
            {t('report.days')}{' '}
            <select
              value={days}
              onChange={(event) => {
                const next = Number(event.currentTarget.value);
                setDays(next);
                model.requestReport(next);
              }}
            >
              {PERIODS.map((count) => (
                <option key={count} value={count}>
                  {t('report.last', { count })}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={!report || report.lines.length === 0}
            onClick={() =>
              report && download(`clavard-report-${report.to.slice(0, 10)}.csv`, reportCsv(report.lines, t))
            }
          >
            {t('report.export')}
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('report.close')}
          </button>
        </div>
        {report && report.lines.length === 0 ? <p class="muted">{t('report.empty')}</p> : null}
        {report && report.lines.length > 0 ? (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('report.day')}</th>
                <th scope="col">{t('report.agent')}</th>
                <th scope="col">{t('report.conversations')}</th>
                <th scope="col">{t('report.firstResponse')}</th>
                <th scope="col">{t('report.handling')}</th>
                <th scope="col">{t('report.firstContact')}</th>
                <th scope="col">{t('report.rating')}</th>
                <th scope="col">{t('report.handoffs')}</th>
                <th scope="col">{t('report.postToChat')}</th>
                <th scope="col">{t('report.postToResolved')}</th>
              </tr>
            </thead>
            <tbody>
              {report.lines.map((line) => (
                <tr key={`${line.day}:${line.agentId}`}>
                  <td>{line.day}</td>
                  <th scope="row">{line.firstName}</th>
                  <td>{line.conversations}</td>
                  <td>{formatDuration(line.firstResponseMs ?? undefined)}</td>
                  <td>{formatDuration(line.handlingMs ?? undefined)}</td>
                  <td>
                    {line.firstContact} / {line.surveyed}
                  </td>
                  <td>
                    {number(line.rating, 1)} ({line.rated})
                  </td>
                  <td>{line.handoffs}</td>
                  <td>{formatDuration(line.postToChatMs ?? undefined)}</td>
                  <td>{formatDuration(line.postToResolvedMs ?? undefined)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </dialog>
    </>
  );
}
