/**
 * Email for answers to left messages, through the organisation's SMTP server (`CLAVARD_SMTP_URL`) with
 * nodemailer. Text only: nothing the visitor or the agent wrote is ever put in HTML.
 */
import { createTransport } from 'nodemailer';

/**
 * One email to a visitor.
 *
 * @example
 * ```ts
 * const mail: OutgoingMail = { to: 'ana@example.com', subject: 'Our answer', text: 'Your refund left today.' };
 * ```
 */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends mail; resolves once the SMTP server accepted it, rejects with why it did not.
 *
 * @example
 * ```ts
 * await mailer.send({ to, subject, text });
 * ```
 */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * A {@link Mailer} over an SMTP URL (`smtp://user:pass@host:587`, `smtps://…`), from `from`.
 *
 * @example
 * ```ts
 * const mailer = createMailer('smtp://127.0.0.1:2525', 'Fibre Nord <support@fibrenord.example>');
 * ```
 */
export function createMailer(url: string, from: string): Mailer {
  const transport = createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}

const TEXTS = {
  en: {
    subject: (brand: string) => `${brand}: an answer to your message`,
    body: (brand: string, answer: string, agent: string) =>
      `Hello,\n\nYou left us a message on our website. ${agent} answered:\n\n${answer}\n\n` +
      `You will also find this answer in the chat the next time you visit us.\n\n${brand}\n`,
  },
  fr: {
    subject: (brand: string) => `${brand} : une réponse à votre message`,
    body: (brand: string, answer: string, agent: string) =>
      `Bonjour,\n\nVous nous avez laissé un message sur notre site. ${agent} vous répond :\n\n${answer}\n\n` +
      `Vous retrouverez aussi cette réponse dans le clavardage lors de votre prochaine visite.\n\n${brand}\n`,
  },
} as const;

/**
 * The email answering a left message, in the visitor's language (French for any `fr` locale).
 *
 * @example
 * ```ts
 * replyMail({ to: 'ana@example.com', locale: 'fr-CA', brand: 'Fibre Nord', agentFirstName: 'Julie', answer: 'Votre remboursement…' });
 * ```
 */
export function replyMail(input: {
  to: string;
  locale: string | null;
  brand: string;
  agentFirstName: string;
  answer: string;
}): OutgoingMail {
  const texts = input.locale?.toLowerCase().startsWith('fr') ? TEXTS.fr : TEXTS.en;
  return {
    to: input.to,
    subject: texts.subject(input.brand),
    text: texts.body(input.brand, input.answer, input.agentFirstName),
  };
}
