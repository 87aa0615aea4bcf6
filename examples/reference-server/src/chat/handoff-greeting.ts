/**
 * The first words of a handoff's conversation, in the visitor's language: where they wrote, what about,
 * and who continues here, privately.
 */
import type { HandoffChannel } from '../db/handoff-store.js';
import { formLanguage } from './language.js';

/** A no-break space: French puts one before `:` `;` `?` `!` and inside guillemets. */
const NBSP = '\u00a0';

const WHERE: Record<'en' | 'fr', Record<HandoffChannel, string>> = {
  en: {
    x: 'on X',
    facebook: 'on Facebook',
    instagram: 'on Instagram',
    linkedin: 'on LinkedIn',
    google: 'in a Google review',
    other: 'in public',
  },
  fr: {
    x: 'sur X',
    facebook: 'sur Facebook',
    instagram: 'sur Instagram',
    linkedin: 'sur LinkedIn',
    google: 'dans un avis Google',
    other: 'publiquement',
  },
};

/**
 * What the greeting says of a handoff: its channel, its summary (as the community manager wrote it),
 * the advisor's first name and the topic's name in the visitor's language, when there are.
 *
 * @example
 * ```ts
 * const about: HandoffGreeting = { channel: 'x', summary: 'a double charge', advisorFirstName: 'Julie', topicLabel: 'Billing' };
 * ```
 */
export interface HandoffGreeting {
  channel: HandoffChannel;
  summary: string;
  advisorFirstName?: string;
  topicLabel?: string;
}

const who = (language: 'en' | 'fr', about: HandoffGreeting): string => {
  const { advisorFirstName: name, topicLabel: topic } = about;
  if (language === 'fr') {
    if (name !== undefined && topic !== undefined) return `${name}, de l’équipe ${topic}, poursuivra`;
    if (name !== undefined) return `${name} poursuivra`;
    if (topic !== undefined) return `Une personne de l’équipe ${topic} poursuivra`;
    return 'Un membre de notre équipe poursuivra';
  }
  if (name !== undefined && topic !== undefined) return `${name} from ${topic} will continue`;
  if (name !== undefined) return `${name} will continue`;
  if (topic !== undefined) return `Someone from ${topic} will continue`;
  return 'One of our advisors will continue';
};

/**
 * The greeting, in French for any `fr*` locale (French typography: a no-break space before `:` and
 * inside guillemets), in English otherwise.
 *
 * @example
 * ```ts
 * handoffGreeting({ channel: 'x', summary: 'a double charge', advisorFirstName: 'Julie', topicLabel: 'Billing' }, 'en');
 * // 'You wrote to us on X about a double charge. Julie from Billing will continue here, privately.'
 * handoffGreeting({ channel: 'x', summary: 'un double prélèvement' }, 'fr-CA');
 * // 'Vous nous avez écrit sur X au sujet de ceci : « un double prélèvement ». Un membre de notre équipe poursuivra ici, en privé.'
 * ```
 */
export function handoffGreeting(about: HandoffGreeting, locale: string | null): string {
  const language = formLanguage(locale);
  // The summary ends the sentence: its own final punctuation would double the period.
  const summary = about.summary.trim().replace(/[\s.!?…]+$/u, '');
  if (language === 'fr') {
    return `Vous nous avez écrit ${WHERE.fr[about.channel]} au sujet de ceci${NBSP}: «${NBSP}${summary}${NBSP}». ${who('fr', about)} ici, en privé.`;
  }
  return `You wrote to us ${WHERE.en[about.channel]} about ${summary}. ${who('en', about)} here, privately.`;
}
