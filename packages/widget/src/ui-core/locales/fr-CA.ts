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
  'form.prechat.title': 'Avant de commencer',
  'form.prechat.start': 'Commencer la conversation',
  'form.prechat.thanks': 'Merci. Écrivez votre question ci-dessous.',
  'form.custom.title': 'Quelques précisions',
  'form.optional': '(facultatif)',
  'form.submit': 'Envoyer',
  'form.sending': 'Envoi en cours…',
  'form.sent': 'Merci, vos réponses ont été envoyées.',
  'form.choose': 'Choisissez…',
  'form.hidden': 'Masqué pendant la saisie et jamais enregistré dans ce navigateur.',
  'form.datePlaceholder': 'AAAA-MM-JJ',
  'form.error.required': 'Ce champ est obligatoire.',
  'form.error.email': 'Entrez une adresse courriel valide, par exemple nom@exemple.com.',
  'form.error.pattern': 'Cette valeur n’est pas dans le format attendu.',
  'form.error.number': 'Entrez un nombre.',
  'form.error.date': 'Entrez une date au format AAAA-MM-JJ.',
  'form.error.tooLong': {
    plural: 'max',
    one: 'Entrez au plus {max}\u00a0caractère.',
    other: 'Entrez au plus {max}\u00a0caractères.',
  },
  'form.error.summary': {
    plural: 'count',
    one: '{count}\u00a0champ demande votre attention.',
    other: '{count}\u00a0champs demandent votre attention.',
  },
  'form.error.notSent': 'Vos réponses n’ont pas pu être envoyées. Vérifiez la connexion et réessayez.',

  // Vérification d’identité
  'verification.title': 'Vérification de votre identité',
  'verification.explanation':
    'Les renseignements entrés ici servent uniquement à confirmer votre identité. Ils sont masqués pendant la saisie, transmis de façon sécurisée et jamais enregistrés dans ce navigateur ni dans la transcription.',
  'verification.submit': 'Vérifier',
  'verification.verified': 'Identité vérifiée',
  'verification.failed': 'Nous n’avons pas pu vérifier votre identité.',

  // Laisser un message
  'offline.title': 'Laissez-nous un message',
  'offline.intro':
    'Nous sommes absents pour le moment. Laissez-nous un message et nous vous répondrons par courriel.',
  'offline.submit': 'Envoyer le message',
  'offline.sent': 'Merci\u00a0! Nous avons bien reçu votre message et vous répondrons par courriel.',

  // Fin de la conversation
  'conversation.ended': 'Cette conversation est terminée.',
  'chat.end': 'Terminer le clavardage',
  'chat.endConfirm': 'Voulez-vous vraiment terminer cette conversation\u00a0?',
  'chat.cancel': 'Annuler',
  'end.title': 'Comment cela s’est-il passé\u00a0?',
  'end.solved.question': 'Votre problème a-t-il été réglé\u00a0?',
  'end.solved.yes': 'Oui',
  'end.solved.no': 'Non',
  'end.rating.label': 'Évaluez cette conversation',
  'end.rating.1': '1 – Très mauvais',
  'end.rating.2': '2 – Mauvais',
  'end.rating.3': '3 – Correct',
  'end.rating.4': '4 – Bon',
  'end.rating.5': '5 – Excellent',
  'end.note.label': 'Un mot pour {name} (facultatif)',
  'end.note.labelTeam': 'Un mot pour l’équipe (facultatif)',
  'end.submit': 'Envoyer mes commentaires',
  'end.thanks': 'Merci de vos commentaires\u00a0!',
  'end.transcript': 'Télécharger la transcription',
  'end.offer': 'Cela pourrait aussi vous intéresser',
  'transcript.title': 'Conversation avec {organisation}',
  'transcript.form': '[Formulaire\u00a0: {title}. Réponses non incluses.]',
};
