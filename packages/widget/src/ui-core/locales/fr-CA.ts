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
  'messages.new': 'Nouveaux messages',
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
  'composer.disabled.offline':
    'Vous êtes hors ligne. Vous pourrez écrire de nouveau au retour de la connexion.',
  'composer.disabled.ended':
    'Cette conversation est terminée. Choisissez «\u00a0Nouvelle conversation\u00a0» pour nous écrire de nouveau.',

  // Connexion
  'connection.connecting': 'Connexion en cours…',
  'connection.reconnecting': 'Reconnexion en cours…',
  'connection.offline': 'Vous êtes hors ligne. Vos messages seront envoyés au retour de la connexion.',
  'connection.stillTrying': 'Nous tentons toujours de rétablir la connexion…',
  'connection.restored': 'Connexion rétablie',

  // File d’attente
  'queue.position': 'Votre position dans la file d’attente\u00a0: {position}',
  'queue.eta': 'Attente estimée\u00a0: environ {minutes}\u00a0min',

  // Formulaires
  'form.prechat.title': 'Avant de commencer',
  'form.name': 'Nom',
  'form.email': 'Courriel',
  'form.topic': 'Sujet',
  'form.required': 'obligatoire',
  'form.optional': 'facultatif',
  'form.start': 'Commencer le clavardage',
  'form.submit': 'Envoyer',
  'form.redacted': '(masqué)',
  'form.error.required': 'Ce champ est obligatoire.',
  'form.error.email': 'Entrez une adresse courriel valide, par exemple nom@exemple.com.',
  'form.error.pattern': 'Cette valeur n’est pas dans le format attendu.',
  'form.error.tooLong': {
    plural: 'max',
    one: 'Entrez au plus {max} caractère.',
    other: 'Entrez au plus {max} caractères.',
  },

  // Vérification d’identité
  'verification.title': 'Vérification de votre identité',
  'verification.explanation':
    'Pour protéger votre compte, nous devons confirmer votre identité. Les renseignements entrés ici sont transmis de façon sécurisée, masqués après l’envoi et jamais enregistrés dans ce navigateur.',
  'verification.submit': 'Vérifier',

  // Laisser un message
  'offline.title': 'Laissez-nous un message',
  'offline.intro':
    'Nous sommes absents pour le moment. Laissez-nous un message et nous vous répondrons par courriel.',
  'offline.submit': 'Envoyer le message',
  'offline.sent': 'Merci\u00a0! Nous vous répondrons sous peu.',

  // Fin de la conversation
  'chat.end': 'Terminer le clavardage',
  'chat.endConfirm': 'Voulez-vous vraiment terminer cette conversation\u00a0?',
  'chat.cancel': 'Annuler',
  'conversation.ended': 'Cette conversation est terminée.',
  'end.solved.question': 'Votre problème a-t-il été réglé\u00a0?',
  'end.solved.yes': 'Oui',
  'end.solved.no': 'Non',
  'end.rating.label': 'Évaluez cette conversation',
  'end.rating.value': { plural: 'rating', one: '{rating} étoile sur 5', other: '{rating} étoiles sur 5' },
  'end.rating.1': 'Très mauvais',
  'end.rating.2': 'Mauvais',
  'end.rating.3': 'Correct',
  'end.rating.4': 'Bon',
  'end.rating.5': 'Excellent',
  'end.note.label': 'Laissez un mot à {name}',
  'end.submit': 'Envoyer mes commentaires',
  'end.transcript': 'Télécharger la transcription',
  'end.thanks': 'Merci\u00a0!',
  'end.newChat': 'Nouvelle conversation',
};
