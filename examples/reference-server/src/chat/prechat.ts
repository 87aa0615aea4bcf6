import type { FormField } from '@clavard/protocol';
import { formLanguage } from './language.js';

const TEXTS = {
  en: {
    title: 'Before we start',
    reason: 'So that the right person answers you.',
    name: 'Name',
    email: 'Email',
    topic: 'Topic',
  },
  fr: {
    title: 'Avant de commencer',
    reason: 'Pour que la bonne personne vous réponde.',
    name: 'Nom',
    email: 'Courriel',
    topic: 'Sujet',
  },
} as const;

/**
 * The pre-chat form the server asks when a conversation starts and the organisation has topics: name and
 * email (optional) and the topic (required, one of `topics`), in the visitor's language (French for any
 * `fr*` locale, English otherwise; the topics from `labels.fr` for French, in the order of `topics`). The
 * answer sets the conversation's topic, which routes it to the
 * agents of that topic. Not asked of identified visitors: the organisation already knows who they are.
 *
 * @example
 * ```ts
 * prechatForm(['Billing', 'Technical support'], 'en').fields[2]?.options?.length; // 2
 * prechatForm(['Billing'], 'fr-CA', { fr: ['Facturation'] }).fields[2]?.options?.[0]; // { value: 'Billing', label: 'Facturation' }
 * ```
 */
export function prechatForm(
  topics: readonly string[],
  locale: string | null,
  labels: { readonly fr?: readonly string[] } = {},
): { title: string; reason: string; fields: FormField[] } {
  const language = formLanguage(locale);
  const texts = TEXTS[language];
  // The topic's name is the value (routing, agents, reports); the visitor reads it in their language.
  const translated = language === 'fr' ? labels.fr : undefined;
  return {
    title: texts.title,
    reason: texts.reason,
    fields: [
      { name: 'name', type: 'text', label: texts.name, maxLength: 100 },
      { name: 'email', type: 'email', label: texts.email, maxLength: 254 },
      {
        name: 'topic',
        type: 'select',
        label: texts.topic,
        required: true,
        options: topics.map((topic, index) => ({ value: topic, label: translated?.[index] ?? topic })),
      },
    ],
  };
}
