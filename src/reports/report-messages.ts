/**
 * The words of residents' reports and of the operators' sign-in, in French and English: sections
 * `reports` and `operatorAccess` of src/i18n/fr.ts and en.ts.
 */
const minutes = (s: number) => Math.max(1, Math.ceil(s / 60));

export const reportsFr = {
  link: 'Signaler une erreur',
  linkHint: 'Centre fermé, mauvais numéro, lien cassé : dites-le nous.',
  title: (name: string) => `Signaler une erreur : ${name}`,
  intro:
    'Dites-nous ce qui ne va pas sur cette fiche ; un exploitant de Créneau la vérifiera. Aucun compte, aucune donnée personnelle : n’écrivez ni nom, ni téléphone, ni e-mail.',
  reasonLegend: 'Quel est le problème ?',
  reasons: {
    closed: 'Le centre est fermé',
    wrong_phone: 'Le numéro de téléphone est faux',
    wrong_address: 'L’adresse est fausse',
    broken_link: 'Le lien de réservation ne marche pas',
    no_slots: 'Aucun créneau, alors que le site en annonce',
    other: 'Autre chose',
  },
  messageLabel: 'Précisions (facultatif, 500 caractères au plus)',
  messageHint: 'Par exemple le bon numéro ou la bonne adresse du centre. Aucune donnée personnelle.',
  honeypot: 'Laissez ce champ vide',
  submit: 'Envoyer le signalement',
  errorTitle: 'Le signalement n’a pas été envoyé',
  errorReason: 'Choisissez ce qui ne va pas.',
  errorOther: 'Pour « Autre chose », dites-nous en quelques mots ce qui ne va pas.',
  errorTooLong: (length: number) => `Le texte fait ${length} caractères : 500 au plus.`,
  errorLimited: (retryAfterS: number) =>
    `Trop de signalements envoyés depuis votre connexion. Réessayez dans ${minutes(retryAfterS)} min.`,
  errorForm: 'Le formulaire reçu est illisible ; réessayez.',
  thanksTitle: 'Merci, votre signalement est enregistré',
  thanksBody:
    'Un exploitant de Créneau va vérifier la fiche. Si d’autres personnes ont signalé la même chose, votre signalement s’ajoute au leur.',
  back: 'Retour à la fiche du centre',
  elsewhere: 'Vous pouvez aussi écrire aux exploitants du site',
};

export const reportsEn: typeof reportsFr = {
  link: 'Report an error',
  linkHint: 'Closed centre, wrong number, broken link: let us know.',
  title: (name: string) => `Report an error: ${name}`,
  intro:
    'Tell us what is wrong on this page; a Créneau operator will check it. No account, no personal data: do not write a name, a phone number or an e-mail address.',
  reasonLegend: 'What is wrong?',
  reasons: {
    closed: 'The centre is closed',
    wrong_phone: 'The phone number is wrong',
    wrong_address: 'The address is wrong',
    broken_link: 'The booking link does not work',
    no_slots: 'No slots, although the site shows some',
    other: 'Something else',
  },
  messageLabel: 'Details (optional, at most 500 characters)',
  messageHint: 'For example the centre’s right number or address. No personal data.',
  honeypot: 'Leave this field empty',
  submit: 'Send the report',
  errorTitle: 'The report was not sent',
  errorReason: 'Choose what is wrong.',
  errorOther: 'For “Something else”, tell us in a few words what is wrong.',
  errorTooLong: (length: number) => `The text is ${length} characters long: 500 at most.`,
  errorLimited: (retryAfterS: number) =>
    `Too many reports sent from your connection. Try again in ${minutes(retryAfterS)} min.`,
  errorForm: 'The form could not be read; please try again.',
  thanksTitle: 'Thank you, your report is recorded',
  thanksBody:
    'A Créneau operator will check the page. If other people reported the same thing, your report is added to theirs.',
  back: 'Back to the centre’s page',
  elsewhere: 'You can also write to the site’s operators',
};

export const operatorAccessFr = {
  title: 'Connexion des exploitants',
  intro: 'Réservé aux exploitants du site. Le public n’a besoin d’aucun compte.',
  name: 'Identifiant',
  password: 'Mot de passe',
  submit: 'Se connecter',
  invalid: 'Identifiant ou mot de passe incorrect.',
  limited: (retryAfterS: number) => `Trop de tentatives. Réessayez dans ${minutes(retryAfterS)} min.`,
  errorForm: 'Le formulaire reçu est illisible ; réessayez.',
  signOut: 'Se déconnecter',
  signedOut: 'Vous êtes déconnecté.',
  signedInAs: (name: string) => `Connecté : ${name}`,
  console: 'Aller à la console',
};

export const operatorAccessEn: typeof operatorAccessFr = {
  title: 'Operator sign-in',
  intro: 'For the site’s operators only. The public needs no account.',
  name: 'Name',
  password: 'Password',
  submit: 'Sign in',
  invalid: 'Wrong name or password.',
  limited: (retryAfterS: number) => `Too many attempts. Try again in ${minutes(retryAfterS)} min.`,
  errorForm: 'The form could not be read; please try again.',
  signOut: 'Sign out',
  signedOut: 'You are signed out.',
  signedInAs: (name: string) => `Signed in: ${name}`,
  console: 'Go to the console',
};
