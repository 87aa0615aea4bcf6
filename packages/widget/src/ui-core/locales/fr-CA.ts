import type { Messages } from '../messages.js';

/**
 * The Quebec French catalogue, in natural Quebec usage (« clavardage », « courriel ») and French
 * typography: a no-break space (U+00A0) before `:`, `?` and `!` and inside « ».
 *
 * @example
 * ```ts
 * frCA['launcher.open']; // 'Ouvrir le clavardage'
 * ```
 */
export const frCA: Messages = {
  // Lanceur et fenêtre
  'launcher.open': 'Ouvrir le clavardage',
  'launcher.close': 'Fermer le clavardage',
  'launcher.unread': { plural: 'count', one: '{count} message non lu', other: '{count} messages non lus' },
  'panel.label': 'Clavardage avec {organisation}',
  'panel.close': 'Réduire la fenêtre de clavardage',

  // En-tête et disponibilité
  'header.availability.online': 'Nous répondons habituellement en quelques minutes',
  'header.availability.offline': 'Nous sommes absents pour le moment. Laissez-nous un message.',

  // Agents
  'agent.joined': '{name} participe maintenant à la conversation',
  'agent.transferred': 'Vous clavardez maintenant avec {name}',
  'agent.typing': '{name} est en train d’écrire…',
  'agent.left': '{name} a quitté la conversation',

  // Messages
  'message.you': 'Vous',
  'message.status.sending': 'Envoi en cours…',
  'message.status.sent': 'Envoyé',
  'message.status.delivered': 'Remis',
  'message.status.read': 'Lu',
  'message.status.failed': 'Non envoyé',
  'message.retry': 'Réessayer',
  'message.announce': '{name}\u00a0: {text}',
  'history.discontinuity': 'Certains messages précédents n’ont pas pu être chargés',
  'link.newTab': 's’ouvre dans un nouvel onglet',
  'greeting.default': 'Bonjour\u00a0! Comment pouvons-nous vous aider aujourd’hui\u00a0?',

  // Zone de rédaction
  'composer.label': 'Message',
  'composer.placeholder': 'Écrivez votre message…',
  'composer.remaining': {
    plural: 'remaining',
    one: '{remaining} caractère restant',
    other: '{remaining} caractères restants',
  },
  'composer.send': 'Envoyer',
  'composer.disabled.ended':
    'Cette conversation est terminée. Choisissez «\u00a0Nouvelle conversation\u00a0» pour nous écrire de nouveau.',
  'composer.newConversation': 'Nouvelle conversation',
  'composer.startsNew': 'Votre prochain message commencera une nouvelle conversation.',

  // Connexion
  'connection.connecting': 'Connexion en cours…',
  'connection.reconnecting': 'Reconnexion en cours…',
  'connection.offline': 'Vous êtes hors ligne. Vos messages seront envoyés au retour de la connexion.',
  'connection.stillTrying': 'Nous tentons toujours de rétablir la connexion…',
  'connection.restored': 'Connexion rétablie',

  // Fin de la conversation
  'conversation.ended': 'Cette conversation est terminée.',
};
