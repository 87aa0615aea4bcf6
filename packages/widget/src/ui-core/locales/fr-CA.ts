import type { PanelMessages } from '../messages.js';

/**
 * The Quebec French catalogue of the panel (the lazily loaded parts' texts are in ./fr-CA-extras.ts), in natural Quebec usage (« clavardage », « courriel ») and French
 * typography: a no-break space (U+00A0) before `:`, `?` and `!` and inside « ».
 *
 * @example
 * ```ts
 * frCA['launcher.open']; // 'Ouvrir le clavardage'
 * ```
 */
export const frCA: PanelMessages = {
  // Lanceur et fenêtre
  'launcher.open': 'Ouvrir le clavardage',
  'launcher.close': 'Fermer le clavardage',
  'launcher.unread': { plural: 'count', one: '{count} message non lu', other: '{count} messages non lus' },
  'panel.label': 'Clavardage avec {organisation}',
  'panel.close': 'Réduire la fenêtre de clavardage',
  'proactive.dismiss': 'Fermer le message',

  // En-tête et disponibilité
  'header.availability.online': 'Nous répondons habituellement en quelques minutes',
  'header.availability.offline': 'Nous sommes absents pour le moment. Laissez-nous un message.',
  'header.availability.back': 'Nous sommes absents jusqu’à {when}. Laissez-nous un message.',

  // Qui est là, avant le premier message
  'presence.reply': {
    plural: 'count',
    one: '{names} répond habituellement {when}',
    other: '{names} répondent habituellement {when}',
  },
  'presence.when.minute': 'en moins d’une minute',
  'presence.when.minutes': 'en quelques minutes',

  // Agents
  'agent.joined': '{name} participe maintenant à la conversation',
  'agent.transferred': 'Vous clavardez maintenant avec {name}',
  'agent.typing': '{name} est en train d’écrire…',
  'agent.left': '{name} a dû s’absenter; un autre membre de l’équipe vous répondra sous peu',

  // Messages
  'log.newMessages': 'Nouveaux messages',
  'message.you': 'Vous',
  'message.status.sending': 'Envoi en cours…',
  'message.status.sent': 'Envoyé',
  'message.status.delivered': 'Remis',
  'message.status.read': 'Lu',
  'message.status.failed': 'Non envoyé',
  'message.retry': 'Réessayer',
  'message.announce': '{name}\u00a0: {text}',
  'message.announceFile': '{name} a envoyé un fichier\u00a0: {file}',
  'history.discontinuity': 'Certains messages précédents n’ont pas pu être chargés',
  'part.loading': 'Chargement…',
  'part.failed': 'Cette partie du clavardage n’a pas pu être chargée.',
  'link.newTab': 's’ouvre dans un nouvel onglet',
  'greeting.default': 'Bonjour\u00a0! Comment pouvons-nous vous aider aujourd’hui\u00a0?',

  // Un lien de suivi qui ne reprend pas de dossier ici
  'handoff.used':
    'Ce lien a déjà été ouvert dans un autre navigateur. Écrivez-nous ici pour commencer une nouvelle conversation.',
  'handoff.expired': 'Ce lien a expiré. Écrivez-nous ici pour commencer une nouvelle conversation.',
  'handoff.invalid': 'Ce lien n’est pas valide. Écrivez-nous ici pour commencer une nouvelle conversation.',

  // Zone de rédaction
  'composer.label': 'Message',
  'composer.placeholder': 'Écrivez votre message…',
  'composer.remaining': {
    plural: 'remaining',
    one: '{remaining} caractère restant',
    other: '{remaining} caractères restants',
  },
  'composer.send': 'Envoyer',
  'composer.attach': 'Joindre des fichiers',
  'composer.drop': 'Déposez vos fichiers ici pour les envoyer',
  'composer.newConversation': 'Nouvelle conversation',
  'composer.startsNew': 'Votre prochain message commencera une nouvelle conversation.',

  // Connexion
  'connection.connecting': 'Connexion en cours…',
  'connection.reconnecting': 'Reconnexion en cours…',
  'connection.offline': 'Vous êtes hors ligne. Vos messages seront envoyés au retour de la connexion.',
  'connection.stillTrying': 'Nous tentons toujours de rétablir la connexion…',
  'connection.restored': 'Connexion rétablie',

  // Consent
  'consent.text':
    'Avant de clavarder\u00a0: nous conservons vos messages et renseignements pour vous répondre. Vous pouvez nous demander de les effacer en tout temps.',
  'consent.policy': 'Politique de confidentialité',
  'consent.agree': 'J’accepte',

  // File d’attente
  'queue.position': 'Votre position dans la file d’attente\u00a0: {position}',
  'queue.eta': 'Attente estimée\u00a0: environ {minutes}\u00a0min',

  // Formulaires
  'form.prechat.thanks': 'Merci. Écrivez votre question ci-dessous.',

  // Vérification d’identité
  'verification.verified': 'Identité vérifiée',
  'verification.failed': 'Nous n’avons pas pu vérifier votre identité.',

  // Laisser un message
  'offline.intro':
    'Nous sommes absents pour le moment. Laissez-nous un message et nous vous répondrons par courriel.',

  // Fin de la conversation
  'conversation.ended': 'Cette conversation est terminée.',
  'chat.end': 'Terminer le clavardage',
  'chat.endConfirm': 'Voulez-vous vraiment terminer cette conversation\u00a0?',
  'chat.cancel': 'Annuler',
};
