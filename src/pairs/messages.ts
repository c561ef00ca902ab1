/**
 * The words of "pour deux personnes", the appointment card and the helpers' print (issue 15, points 4
 * and 8), in French and English: `fr.pairs` and `en.pairs` in src/i18n.
 */
const frNumber = new Intl.NumberFormat('fr-FR');
const enNumber = new Intl.NumberFormat('en-GB');

export const pairsFr = {
  filter: 'Pour deux personnes (2 créneaux le même jour, même demi-journée)',
  periods: { morning: 'le matin', afternoon: 'l’après-midi', evening: 'le soir' },
  pairDay: (day: string, period: string, slots: number) =>
    `Pour deux personnes : ${day}, ${period} (${frNumber.format(slots)} créneaux)`,
  noPairDay: 'Pas deux créneaux le même jour et la même demi-journée en ce moment.',
  second: {
    platform: (date: string, days: number) =>
      `Seconde injection à prévoir vers le ${date} (${frNumber.format(days)} jours après, selon la plateforme)`,
    vaccine: (date: string, days: number, vaccine: string) =>
      `Seconde injection à prévoir vers le ${date} (${frNumber.format(days)} jours après : délai documenté du vaccin ${vaccine})`,
    window: (date: string, latest: string, vaccine: string) =>
      `Seconde injection à prévoir entre le ${date} et le ${latest} (délai documenté du vaccin ${vaccine})`,
    single: 'Vaccin à dose unique : pas de seconde injection.',
    unknown: 'Date de la seconde injection : le centre la donne à la réservation.',
  },
  cardLink: 'Carte de rendez-vous à imprimer',
  toggleOn: 'Pour deux personnes',
  toggleOff: 'Pour une personne',
  sheetForTwo: (n: number) =>
    n === 0
      ? 'Aucun centre de cette liste n’a en ce moment deux créneaux le même jour et la même demi-journée.'
      : `Seuls les centres qui ont deux créneaux le même jour et la même demi-journée sont listés (${frNumber.format(n)}).`,
  card: {
    title: 'Carte de rendez-vous',
    titleFor: (name: string) => `Carte de rendez-vous : ${name}`,
    intro:
      'Remplissez la carte puis imprimez-la. Les noms que vous tapez restent dans ce navigateur : ils ne sont envoyés nulle part.',
    datesLegend: 'Date du premier rendez-vous',
    firstDate: 'Date de la première injection',
    twoPeople: 'Deux personnes',
    update: 'Mettre à jour les dates',
    person: (n: number) => `Personne ${n}`,
    name: 'Nom et prénom',
    time: 'Heure',
    first: 'Première injection',
    second: 'Seconde injection',
    centre: 'Centre',
    address: 'Adresse',
    phone: 'Téléphone',
    noPhone: 'pas de téléphone publié',
    bringTitle: 'À apporter',
    bring: [
      'une pièce d’identité',
      'la carte Vitale (ou une attestation de droits)',
      'le justificatif demandé pour ce rendez-vous (ordonnance, attestation), s’il y en a un',
      'la liste des traitements en cours',
    ],
    cancel: 'En cas d’empêchement, annulez le rendez-vous : le créneau servira à quelqu’un d’autre.',
    print: 'Imprimer la carte',
    notFound: 'Centre introuvable',
    notFoundBody: 'Aucun centre n’a cet identifiant.',
    badDate: 'Date non reconnue : écrivez-la jour/mois/année ou choisissez-la dans le calendrier.',
  },
  print: {
    largeOn: 'Grands caractères',
    largeOff: 'Caractères normaux',
    townHall: 'Téléphone de la mairie (tapez-le avant d’imprimer)',
    townHallPrinted: 'Mairie',
    morePhonesTitle: 'Autres numéros à appeler',
    morePhonesIntro: (km: number) =>
      `Les centres listés ci-dessus n’ont pas publié de téléphone : voici les plus proches qui en ont un (jusqu’à ${frNumber.format(km)} km).`,
  },
};

export type PairsMessages = typeof pairsFr;

export const pairsEn: PairsMessages = {
  filter: 'For two people (2 slots on the same day, same half-day)',
  periods: { morning: 'in the morning', afternoon: 'in the afternoon', evening: 'in the evening' },
  pairDay: (day: string, period: string, slots: number) =>
    `For two people: ${day}, ${period} (${enNumber.format(slots)} slots)`,
  noPairDay: 'No two slots on the same day and half-day at the moment.',
  second: {
    platform: (date: string, days: number) =>
      `Second injection expected around ${date} (${enNumber.format(days)} days later, as the booking platform says)`,
    vaccine: (date: string, days: number, vaccine: string) =>
      `Second injection expected around ${date} (${enNumber.format(days)} days later: the documented interval for ${vaccine})`,
    window: (date: string, latest: string, vaccine: string) =>
      `Second injection expected between ${date} and ${latest} (the documented interval for ${vaccine})`,
    single: 'Single-dose vaccine: no second injection.',
    unknown: 'Second injection date: the centre gives it when you book.',
  },
  cardLink: 'Printable appointment card',
  toggleOn: 'For two people',
  toggleOff: 'For one person',
  sheetForTwo: (n: number) =>
    n === 0
      ? 'No centre on this list has two slots on the same day and half-day at the moment.'
      : `Only centres with two slots on the same day and half-day are listed (${enNumber.format(n)}).`,
  card: {
    title: 'Appointment card',
    titleFor: (name: string) => `Appointment card: ${name}`,
    intro: 'Fill in the card, then print it. The names you type stay in this browser: they are sent nowhere.',
    datesLegend: 'Date of the first appointment',
    firstDate: 'First injection date',
    twoPeople: 'Two people',
    update: 'Update the dates',
    person: (n: number) => `Person ${n}`,
    name: 'Full name',
    time: 'Time',
    first: 'First injection',
    second: 'Second injection',
    centre: 'Centre',
    address: 'Address',
    phone: 'Phone',
    noPhone: 'no phone number published',
    bringTitle: 'What to bring',
    bring: [
      'an identity document',
      'the Carte Vitale (or a health insurance certificate)',
      'the document asked for this appointment (prescription, certificate), if any',
      'the list of current medicines',
    ],
    cancel: 'If you cannot come, cancel the appointment: the slot will go to someone else.',
    print: 'Print the card',
    notFound: 'Centre not found',
    notFoundBody: 'No centre has this identifier.',
    badDate: 'Date not recognised: write it day/month/year or pick it in the calendar.',
  },
  print: {
    largeOn: 'Large print',
    largeOff: 'Normal print',
    townHall: 'Town hall phone number (type it before printing)',
    townHallPrinted: 'Town hall',
    morePhonesTitle: 'Other numbers to call',
    morePhonesIntro: (km: number) =>
      `The centres listed above published no phone number: here are the nearest that did (up to ${enNumber.format(km)} km).`,
  },
};
