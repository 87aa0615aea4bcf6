import type { FormField } from '@clavard/protocol';
import { formLanguage } from './language.js';

const TEXTS = {
  en: {
    title: 'Leave a message',
    reason:
      'Nobody is available right now. Leave your email address and we will answer your message by email.',
    email: 'Email',
    name: 'Name',
  },
  fr: {
    title: 'Laissez-nous un message',
    reason:
      'Personne n’est disponible pour le moment. Laissez votre adresse courriel et nous répondrons à votre message par courriel.',
    email: 'Courriel',
    name: 'Nom',
  },
} as const;

/**
 * The leave-a-message form the server asks when a visitor writes while nobody is available: an email
 * (required, to answer by email) and a name (optional), in the visitor's language (French for any `fr*`
 * locale, English otherwise). The visitor's message itself is already stored in the conversation.
 *
 * @example
 * ```ts
 * offlineForm('fr-CA').fields[0]?.label; // 'Courriel'
 * ```
 */
export function offlineForm(locale: string | null): { title: string; reason: string; fields: FormField[] } {
  const texts = TEXTS[formLanguage(locale)];
  return {
    title: texts.title,
    reason: texts.reason,
    fields: [
      { name: 'email', type: 'email', label: texts.email, required: true, maxLength: 254 },
      { name: 'name', type: 'text', label: texts.name, maxLength: 100 },
    ],
  };
}
