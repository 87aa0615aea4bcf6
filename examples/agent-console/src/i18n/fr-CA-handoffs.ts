import type { enHandoffs } from './en-handoffs.js';

/**
 * The Québec French texts of the handoff desk (see en-handoffs.ts). Spread into the French catalogue. A
 * handoff is a « transmission », as the case beside a conversation says (« Transmis depuis X »): a
 * « transfert » is between two agents.
 *
 * @example
 * ```ts
 * export const frCA: Catalogue = { ...frCAHandoffs, … };
 * ```
 */
export const frCAHandoffs: Record<keyof typeof enHandoffs, string> = {
  'accounts.role.community': 'Gestionnaire de communauté',
  'desk.open': 'Liens de transmission',
  'desk.heading': 'Liens de transmission',
  'desk.close': 'Fermer',
  'desk.intro':
    'Répondez à une publication par une conversation privée\u00a0: le client ouvre le lien, et un conseiller poursuit avec le dossier en main.',
  'desk.new': 'Nouveau lien de transmission',
  'desk.channel': 'Où le client a écrit',
  'desk.channel.x': 'X',
  'desk.channel.facebook': 'Facebook',
  'desk.channel.instagram': 'Instagram',
  'desk.channel.linkedin': 'LinkedIn',
  'desk.channel.google': 'Avis Google',
  'desk.channel.other': 'Autre',
  'desk.handle': 'Identifiant public',
  'desk.postUrl': 'Lien de la publication',
  'desk.postUrlHint': 'Commence par https://',
  'desk.summary': 'De quoi il s’agit',
  'desk.summaryHint':
    'Le client lit ceci dans l’accueil\u00a0: quelques mots, rien de privé ({n} caractères au plus).',
  'desk.details': 'Détails pour le conseiller',
  'desk.detailsHint':
    'Ce que vous avez déjà recueilli, comme un numéro de commande. Seul le conseiller les voit.',
  'desk.detailLabel': 'Détail {n}\u00a0: libellé',
  'desk.detailValue': 'Détail {n}\u00a0: valeur',
  'desk.detailLabelExample': 'Commande',
  'desk.detailValueExample': 'A-1042',
  'desk.addDetail': 'Ajouter un détail',
  'desk.removeDetail': 'Retirer le détail {n}',
  'desk.topic': 'Sujet',
  'desk.anyTopic': 'Tous les sujets',
  'desk.advisor': 'Conseiller (facultatif)',
  'desk.anyAdvisor': 'La première personne disponible',
  'desk.advisorHint': 'S’il est connecté, l’accueil le nomme et la conversation l’attend d’abord.',
  'desk.create': 'Créer le lien',
  'desk.made': 'Lien prêt\u00a0: publiez-le dans votre réponse publique.',
  'desk.link': 'Lien de transmission',
  'desk.expires': 'Un seul client, jusqu’au {when}.',
  'desk.copy': 'Copier le lien',
  'desk.copyReply': 'Copier la réponse',
  'desk.copied': 'Copié',
  'desk.list': 'Transmissions',
  'desk.refresh': 'Actualiser',
  'desk.empty': 'Aucun lien de transmission pour l’instant.',
  'desk.more': 'Seuls les {n} plus récents sont affichés.',
  'desk.status.waiting': 'En attente du client',
  'desk.status.opened': 'Ouvert, en attente d’un conseiller',
  'desk.status.taken': 'Avec {name}',
  'desk.status.resolved': 'Réglé',
  'desk.status.expired': 'Expiré sans être ouvert',
  'desk.by': '{name}, {when}',
  'desk.madeBy': 'Créé par',
  'desk.opened': 'Ouvert',
  'desk.taken': 'Pris en charge',
  'desk.resolved': 'Réglé',
  'desk.publicReply': 'Réponse publique à publier',
  'desk.openPost': 'Ouvrir la publication',
};
