/**
 * The team report as CSV (RFC 4180: comma-separated, fields quoted when they hold a comma, a quote or a
 * line break, CRLF between lines), with the column names in the agent's language. A field starting with
 * `=`, `+`, `-` or `@` gets a leading apostrophe so that a spreadsheet never runs it as a formula.
 */
import type { ReportLine } from '@clavard/agent-api';
import type { Translate } from './i18n/translator.js';

const cell = (value: string | number | null): string => {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));

/**
 * The report's lines as a CSV text.
 *
 * @example
 * ```ts
 * reportCsv(lines, t); // 'Day,Agent,Conversations,…\r\n2026-12-04,Julie,12,…\r\n'
 * ```
 */
export function reportCsv(lines: readonly ReportLine[], t: Translate): string {
  const header = [
    t('report.day'),
    t('report.agent'),
    t('report.conversations'),
    t('report.firstResponseS'),
    t('report.handlingS'),
    t('report.surveyed'),
    t('report.firstContact'),
    t('report.rated'),
    t('report.rating'),
    t('report.handoffs'),
    t('report.postToChatS'),
    t('report.postToResolvedS'),
  ];
  const rows = lines.map((line) => [
    line.day,
    line.firstName,
    line.conversations,
    seconds(line.firstResponseMs),
    seconds(line.handlingMs),
    line.surveyed,
    line.firstContact,
    line.rated,
    line.rating === null ? null : Math.round(line.rating * 100) / 100,
    line.handoffs,
    seconds(line.postToChatMs),
    seconds(line.postToResolvedMs),
  ]);
  return `${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
