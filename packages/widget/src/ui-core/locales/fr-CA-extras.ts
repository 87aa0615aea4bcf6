import type { ExtrasMessages } from '../messages.js';

/**
 * The Quebec French texts of the lazily loaded parts (see ./en-extras.ts), with the typography of
 * ./fr-CA.ts.
 *
 * @example
 * ```ts
 * frCAExtras['end.title']; // 'Comment ça s’est passé ?'
 * ```
 */
export const frCAExtras: ExtrasMessages = {
  // Formulaires
  'form.prechat.title': 'Avant de commencer',
  'form.prechat.start': 'Commencer la conversation',
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

  // Laisser un message
  'offline.title': 'Laissez-nous un message',
  'offline.submit': 'Envoyer le message',
  'offline.sent': 'Merci\u00a0! Nous avons bien reçu votre message et vous répondrons par courriel.',

  // Fin de la conversation
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

  // Fichiers
  'file.privacy': 'Les données de localisation et d’appareil photo sont retirées des photos.',
  'file.attachment-too-large': 'Ce fichier dépasse {size}, la taille maximale acceptée ici.',
  'file.attachment-type-refused':
    'Seuls les images (PNG, JPEG, WebP, GIF), les PDF et le texte brut peuvent être envoyés.',
  'file.attachment-limit': 'Cette conversation a atteint sa limite de fichiers.',
  'file.outbox-full': 'Les fichiers en attente d’envoi sont limités à 50 Mo; attendez qu’ils partent.',
  'file.storage-unavailable':
    'Ce fichier a été perdu au rechargement de la page\u00a0: choisissez-le de nouveau.',
  'file.network': 'Le fichier n’a pas pu être envoyé\u00a0: vérifiez la connexion et réessayez.',
  'file.failed': 'Ce fichier n’a pas pu être envoyé.',
  'file.uploading': 'Envoi de {name}',
  'file.uploaded': '{name} envoyé',
  'file.notSent': '{name} non envoyé\u00a0: {error}',
  'file.cancel': 'Annuler',
  'file.retry': 'Réessayer',
  'file.download': 'Télécharger',
  'file.close': 'Fermer',
  'file.downloadFailed': 'Le téléchargement a échoué. Réessayez.',
  'file.image': 'Image {type}',
  'file.pdf': 'Document PDF',
  'file.text': 'Fichier texte',
  'file.file': 'Fichier',
  'file.units': 'o ko Mo Go',
};
