/**
 * Every word the public site says, in French (the default). `en.ts` has the same shape; a page
 * picks one with `messagesFor(locale)`. Functions take what varies; formatting of numbers and
 * dates uses `intl` so each language reads its own way.
 */

import { pairsFr } from '../pairs/messages.ts';
import { BOOKING_PLATFORM_LABELS } from '../platforms/manifest.ts';
import { operatorAccessFr, reportsFr } from '../reports/report-messages.ts';
import { alertingFr } from './alerting-fr.ts';
import { pagesFr } from './pages-fr.ts';

const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);
const number = new Intl.NumberFormat('fr-FR');

export const fr = {
  lang: 'fr',
  intl: 'fr-FR',
  pairs: pairsFr,
  /** Alerts page, push, footer, town halls' page, share links (alerting-fr.ts). */
  ...alertingFr,
  /** /statut, /statistiques, commune sheet, widget, directions, plain error pages (pages-fr.ts). */
  ...pagesFr,
  site: {
    name: 'Créneau',
    tagline: 'Trouver un centre de vaccination et un rendez-vous près de chez soi',
    skip: 'Aller au contenu',
    switchLabel: 'Language',
    switchTo: 'English',
    demoTitle: 'Site de démonstration.',
    demoBody:
      'Les centres, les créneaux et les numéros affichés ici sont inventés : n’appelez pas ces numéros et ne vous déplacez pas. Pour un vrai rendez-vous, passez par sante.fr ou votre médecin.',
    footerPromise:
      'Créneau ne prend pas de rendez-vous : il vous envoie sur la page de réservation du centre. Aucun compte, aucune donnée personnelle, aucun traceur.',
    sources: 'Sources',
    sourceOfficial: (date: string) =>
      `liste des lieux de vaccination, Ministère des Solidarités et de la Santé / Santé.fr, data.gouv.fr (Licence Ouverte 2.0), importée le ${date}`,
    sourceDemo: 'centres de démonstration générés par Créneau',
    sourceOthers:
      'communes : Code officiel géographique de l’INSEE (via @etalab/decoupage-administratif) ; positions des communes : GeoNames (CC BY 4.0) ; fonds de carte : © les contributeurs d’OpenStreetMap.',
    description: 'Trouvez un centre de vaccination près de chez vous et un créneau disponible.',
  },
  eligibility: {
    title: 'Qui peut prendre rendez-vous ?',
    since: (date: string) => `Depuis le ${date}`,
  },
  form: {
    label: 'Votre commune, code postal ou département',
    placeholder: 'Ex. : Rennes ou 35000',
    radius: 'Distance maximale',
    submit: 'Rechercher',
    suggestions: 'Suggestions de lieux',
    hint: 'Tapez les premières lettres, puis choisissez dans la liste avec les flèches et Entrée.',
    locate: 'Autour de moi',
    locating: 'Recherche de votre position…',
    locateFailed:
      'Votre position n’est pas disponible (refusée ou introuvable). Tapez le nom de votre commune ou votre code postal.',
    suggestionsCount: (n: number) =>
      n === 0
        ? 'Aucune suggestion.'
        : `${n} ${plural(n, 'suggestion', 'suggestions')} : flèches haut et bas pour choisir.`,
  },
  home: {
    title: 'Trouver un centre de vaccination',
    heading: 'Trouver un centre de vaccination près de chez vous',
    howTitle: 'Comment ça marche',
    how: [
      'Tapez votre commune ou votre code postal, ou touchez « Autour de moi ».',
      'Les centres qui ont des créneaux viennent en premier, puis les plus proches.',
      '« Prendre rendez-vous » ouvre la page de réservation du centre ; sinon, appelez le numéro indiqué.',
    ],
  },
  results: {
    title: (place: string) => `Centres de vaccination près de ${place}`,
    searchTitle: 'Recherche',
    filtersTitle: 'Affiner',
    /** Shown on the closed filter panel, so a phone sees the results first and still knows a filter holds. */
    activeFilters: (n: number) => (n === 1 ? '1 filtre choisi' : `${n} filtres choisis`),
    sort: 'Ordre',
    sorts: {
      slots_first: 'Créneaux d’abord, puis distance',
      distance: 'Du plus proche au plus lointain',
      next_slot: 'Prochain créneau le plus tôt',
    },
    onlyAvailable: 'Seulement les centres avec des créneaux',
    within24h: 'Un créneau dans les 24 h',
    eveningOrWeekend: 'Un créneau le soir ou le week-end',
    dose: 'Injection',
    doses: { any: 'Toutes', first: '1re injection', second: '2e injection', booster: 'Rappel' },
    vaccine: 'Vaccin',
    anyVaccine: 'Tous',
    platform: 'Plateforme',
    anyPlatform: 'Toutes',
    accessible: 'Accessible en fauteuil roulant',
    phoneBooking: 'Réservation par téléphone possible',
    professionals: 'Inclure les centres réservés aux professionnels de santé',
    apply: 'Appliquer',
    count: (n: number, radiusKm: number | null) =>
      `${number.format(n)} ${plural(n, 'centre', 'centres')}${radiusKm === null ? ' dans le département' : ` à moins de ${radiusKm} km`}`,
    withSlots: (n: number) => `dont ${number.format(n)} avec des créneaux`,
    noCentre: (radiusKm: number | null) =>
      radiusKm === null
        ? 'Aucun centre dans ce département.'
        : `Aucun centre à moins de ${radiusKm} km. Essayez une distance plus grande.`,
    noSlotsTitle: 'Pas de créneau disponible près de chez vous pour l’instant',
    noSlotsBody: (radiusKm: number | null, checked: string | null) =>
      `Aucun des centres ${radiusKm === null ? 'du département' : `à moins de ${radiusKm} km`} n’affiche de créneau libre${checked ? ` (vérifié ${checked})` : ''}. Les créneaux apparaissent souvent en fin de journée : revenez plus tard.`,
    nearestWithSlots: 'Le centre le plus proche qui a des créneaux',
    noneWithin: (km: number) => `Aucun centre n’a de créneau à moins de ${km} km non plus.`,
    refreshStatus: 'Disponibilités vérifiées par Créneau auprès des plateformes de réservation.',
    refreshedAt: (time: string) => `Liste mise à jour à ${time}.`,
    refreshFailed: 'Mise à jour impossible pour le moment : les informations affichées peuvent dater.',
    listLabel: 'Centres de vaccination',
    badQuery: 'Adresse de recherche incomplète ou invalide.',
    notFound: (q: string) => `Aucune commune, aucun code postal ni département ne correspond à « ${q} ».`,
    unknownPlace: 'Ce lieu est introuvable.',
    pageRange: (first: number, last: number, total: number) =>
      `Centres ${number.format(first)} à ${number.format(last)} sur ${number.format(total)}`,
    pagesLabel: 'Pages de résultats',
    more: (n: number) => `Voir plus : ${number.format(n)} ${plural(n, 'centre suivant', 'centres suivants')}`,
    previous: 'Centres précédents',
  },
  card: {
    distance: (km: string) => `à ${km}`,
    bookOn: (platform: string) => `Réservation sur ${platform}`,
    byPhone: 'Réservation par téléphone',
    noOnline: 'Pas de réservation en ligne',
    prosOnly: 'Réservé aux professionnels de santé',
    prosOnlyNotice:
      'Ce centre est réservé aux professionnels de santé : ne prenez rendez-vous que si vous en êtes un.',
    opensOn: (date: string) => `Ouvre le ${date}`,
    closedSince: (date: string | null) => (date ? `Fermé depuis le ${date}` : 'Fermé'),
    hours: 'Horaires',
    book: 'Prendre rendez-vous',
    call: (phone: string) => `Appeler le ${phone}`,
    phone: (phone: string) => `Tél. ${phone}`,
    accessible: 'Accessible en fauteuil roulant',
    details: 'Fiche du centre',
  },
  availability: {
    ago: (ageS: number) => {
      if (ageS < 60) return 'à l’instant';
      const minutes = Math.round(ageS / 60);
      if (minutes < 60) return `il y a ${minutes} min`;
      const hours = Math.round(minutes / 60);
      if (hours < 48) return `il y a ${hours} h`;
      return `il y a ${Math.round(hours / 24)} jours`;
    },
    slotDate: (p: Record<string, string>) =>
      `${p.weekday} ${p.day} ${p.month} à ${Number(p.hour)} h ${p.minute}`,
    checked: (ago: string) => `Vérifié ${ago}`,
    stale: (ago: string) => `Information ancienne : vérifiée ${ago}`,
    next: (date: string) => `Prochain : ${date}`,
    nextAnnounced: (date: string) => `Prochain créneau annoncé : ${date}`,
    notPublished: 'Disponibilités non publiées en ligne',
    unknown: 'Information indisponible',
    providerDown: 'La plateforme de réservation ne répond pas pour le moment',
    notYet: 'Pas encore vérifié',
    phoneOnly: 'Réservation par téléphone uniquement',
    slots: (n: number) => `${number.format(n)} ${plural(n, 'créneau', 'créneaux')}`,
    toConfirm: (headline: string) => `${headline} (à confirmer)`,
    none: 'Aucun créneau pour l’instant',
    /** "10 h 12", or "le 2 décembre à 10 h 12" on another day. */
    clock: (p: Record<string, string>, sameDay: boolean) =>
      sameDay
        ? `${Number(p.hour)} h ${p.minute}`
        : `le ${p.day} ${p.month} à ${Number(p.hour)} h ${p.minute}`,
    failingSince: (since: string, last: string | null) =>
      last === null
        ? `la plateforme ne répond pas depuis ${since}`
        : `la plateforme ne répond pas depuis ${since} ; dernière information de ${last}`,
    expired: (date: string) => `dernière information du ${date} : à vérifier auprès du centre`,
    laterOnly: (day: string, horizonDays: number) =>
      `prochain créneau le ${day}, aucun dans les ${horizonDays} prochains jours`,
    noVaccinationMotive: 'Pas de rendez-vous de vaccination proposé en ligne',
  },
  map: {
    label: 'Carte des centres (la liste contient les mêmes informations)',
    /** Leaflet's own controls, passed to the island (`data-controls`). */
    controls: {
      zoomIn: 'Zoomer',
      zoomOut: 'Dézoomer',
      leaflet: 'Leaflet, bibliothèque de cartes interactives',
      closePopup: 'Fermer la bulle',
    },
    legend: 'Légende de la carte',
    states: {
      slots: 'créneaux disponibles',
      none: 'aucun créneau',
      unknown: 'disponibilités inconnues',
      phone: 'réservation par téléphone',
    },
    show: 'Voir sur la carte',
    groups:
      'Rond chiffré : plusieurs centres proches, en vert si l’un d’eux a des créneaux (zoomez pour les séparer).',
    tilesFailed: 'Le fond de carte ne se charge pas ; les centres restent placés et la liste est complète.',
    markersFailed:
      'Les centres ne peuvent pas être placés sur la carte pour le moment ; la liste les donne tous, page par page.',
  },
  centre: {
    notFoundTitle: 'Centre introuvable',
    notFound: 'Ce centre n’existe pas ou plus dans notre liste.',
    searchOther: 'Chercher un autre centre',
    availabilityTitle: 'Créneaux par jour',
    chartCaption: (days: number) => `Créneaux libres sur les ${days} prochains jours`,
    day: 'Jour',
    slots: 'Créneaux',
    noDays: 'Pas de détail par jour pour ce centre.',
    dosesTitle: 'Injections et vaccins',
    doses: { first: '1re injection', second: '2e injection', booster: 'Rappel', unknown: 'Non précisé' },
    vaccines: 'Vaccins',
    noDoseInfo: 'La plateforme ne précise pas les injections ni les vaccins proposés.',
    howToBook: 'Comment prendre rendez-vous',
    online: (platform: string) => `En ligne, sur ${platform} :`,
    byPhone: 'Par téléphone :',
    noPhone: 'Nous ne connaissons pas de numéro de téléphone pour ce centre.',
    secondDose:
      'Sur cette plateforme, le rendez-vous de la 2e injection se prend en même temps que celui de la 1re.',
    infoTitle: 'Informations pratiques',
    wheelchair: 'Accès en fauteuil roulant',
    yes: 'oui',
    no: 'non',
    unspecified: 'non précisé',
    opens: 'Ouverture',
    closes: 'Fermeture',
    departement: 'Département',
    position: 'Position',
    approximate: 'approximative (centre de la commune)',
    notes: 'Modalités',
    others: (commune: string) => `Autres centres autour de ${commune}`,
    report: 'Signaler une erreur sur ce centre',
    reportHint: 'Lien qui ne marche pas, centre fermé, mauvais numéro : dites-le nous.',
    reportSubject: (id: string, name: string) => `Erreur sur le centre ${id} (${name})`,
    closedTitle: (date: string | null) =>
      date ? `Ce centre est fermé depuis le ${date}.` : 'Ce centre est fermé.',
    closedBody: 'Il ne prend plus de rendez-vous. Centres ouverts les plus proches :',
    closedNoneNear: 'Nous ne connaissons pas de centre ouvert à proximité.',
    opensOnTitle: (date: string) => `Ce centre ouvre le ${date}.`,
    opensOnBody: 'La prise de rendez-vous ouvrira ce jour-là.',
  },
  go: {
    title: 'Réservation en ligne indisponible',
    heading: 'Pas de réservation en ligne pour ce centre',
    noOnline: 'ne propose pas de prise de rendez-vous en ligne.',
    byPhone: 'Vous pouvez réserver par téléphone :',
    noPhone: 'Nous ne connaissons pas de numéro de réservation pour ce centre.',
    seeCentre: 'Voir sa fiche',
    unknown: 'Ce lien de réservation ne correspond à aucun centre connu. Il a peut-être été mal copié.',
    searchNear: 'Chercher un centre près de chez vous',
    leaving: 'Vous quittez Créneau',
    /** The interstitial's one line, before the link to the host. */
    leavingFor: 'Vous quittez Créneau pour',
  },
  notFound: {
    title: 'Page introuvable',
    body: 'Cette page n’existe pas.',
    search: 'Chercher un centre de vaccination',
  },
  /** Brands from the manifest; the two ways of booking that are no platform, in words. */
  platforms: {
    ...BOOKING_PLATFORM_LABELS,
    other: 'site du centre',
    none: 'aucune plateforme',
  },
  /** The call-centre board (/tableau/…): one dense row per centre. */
  board: {
    title: (place: string) => `Tableau des centres : ${place}`,
    intro:
      'Une ligne par centre : créneaux libres des 14 prochains jours, téléphone, plateforme et âge de l’information. « ? » veut dire non vérifié, jamais zéro.',
    summary: (centres: number, withSlots: number, slots: number, unknown: number) =>
      `${number.format(centres)} ${plural(centres, 'centre', 'centres')}, dont ${number.format(withSlots)} avec des créneaux (${number.format(slots)} ${plural(slots, 'créneau', 'créneaux')}) et ${number.format(unknown)} non ${plural(unknown, 'vérifié', 'vérifiés')}.`,
    radiusPlace: (place: string, km: number) => `${place}, à moins de ${km} km`,
    filters: 'Filtres et ordre',
    slotsOnly: 'Seulement avec des créneaux',
    phoneOnly: 'Seulement réservation par téléphone',
    sortBy: 'Trier par',
    order: 'Sens',
    orders: { natural: 'habituel', asc: 'croissant', desc: 'décroissant' },
    show: 'Afficher',
    /** Keyed by the `tri=` values (board-query.ts), plus the unsortable phone. */
    columns: {
      centre: 'Centre',
      commune: 'Commune',
      distance: 'Distance',
      phone: 'Téléphone',
      plateforme: 'Plateforme',
      creneaux: 'Créneaux',
      prochain: 'Prochain créneau',
      fraicheur: 'Vérifié',
    },
    sortColumn: (column: string) => `Trier par ${column}`,
    caption: (days: number) =>
      `Centres et créneaux libres par jour sur ${days} jours. Flèches pour aller d’une case à l’autre, Entrée pour suivre un lien.`,
    /** A next slot in a board cell: "jeu. 3, 10 h 10". */
    nextSlot: (p: Record<string, string>) => `${p.weekday} ${p.day}, ${Number(p.hour)} h ${p.minute}`,
    unknownCell: '?',
    notChecked: 'non vérifié',
    stale: (ago: string) => `${ago}, à confirmer`,
    phoneOnlyCell: 'téléphone uniquement',
    noPhone: 'pas de numéro',
    noNext: 'aucun',
    states: {
      slots: 'créneaux',
      none: 'aucun créneau',
      phone: 'téléphone uniquement',
      unknown: 'non vérifié',
      stale: 'information ancienne',
    },
    empty: 'Aucun centre ne correspond à ces filtres.',
    badQuery: (detail: string) => `Adresse du tableau invalide (${detail}).`,
    notFound: 'Ce département ou cette commune est introuvable.',
    csv: 'Télécharger le tableau (CSV)',
    print: 'Imprimer (A4 paysage)',
    refreshEvery: (seconds: number) =>
      `Le tableau se met à jour tout seul toutes les ${number.format(seconds)} s, sans recharger la page.`,
    refreshedAt: (time: string) => `Tableau mis à jour à ${time}.`,
    refreshFailed: 'Mise à jour impossible pour le moment : les chiffres affichés peuvent dater.',
    printedAt: (time: string) => `Imprimé le ${time}`,
    link: 'Tableau pour centre d’appels (une ligne par centre)',
    csvHeader: {
      centre: 'centre',
      commune: 'commune',
      distance: 'distance km',
      phone: 'téléphone',
      platform: 'plateforme',
      state: 'état',
      creneaux: 'créneaux',
      prochain: 'prochain créneau',
      checked: 'vérifié il y a (s)',
    },
  },
  /** Issue 15: no dead end (widened searches, phone numbers, the helpline), honest distances. */
  searchHelp: {
    widened: (reason: 'no-centre' | 'no-slots', fromKm: number | null, farthest: string | null) => {
      const what = reason === 'no-centre' ? 'Aucun centre' : 'Aucun centre avec des créneaux';
      const where = fromKm === null ? 'dans ce département' : `à moins de ${fromKm} km`;
      return `${what} ${where} : voici les plus proches${farthest ? `, jusqu’à ${farthest}` : ''}.`;
    },
    noneWithSlots: 'Aucun de ces centres n’affiche de créneau libre pour l’instant.',
    noneAnywhere: (radiusKm: number | null) =>
      `Aucun centre n’a de créneau ${radiusKm === null ? 'dans le département' : `à moins de ${radiusKm} km`}, ni dans le département et les départements voisins.`,
    countNeighbours: (n: number) =>
      `${number.format(n)} ${plural(n, 'centre', 'centres')} dans le département et les départements voisins`,
    phonesTitle: 'Prendre rendez-vous par téléphone',
    phonesIntro: 'Les numéros les plus proches :',
    helplineTitle: 'Besoin d’aide pour prendre rendez-vous ?',
    helplineCall: 'Appelez le',
    helplineFree: 'appel gratuit',
    noNumber: 'Ce centre prend les rendez-vous par téléphone, mais son numéro ne nous a pas été communiqué.',
    aroundMe:
      'Pour chercher autour de vous, appuyez sur le bouton « Autour de moi » : votre navigateur vous demandera votre position. Vous pouvez aussi taper votre commune ou votre code postal.',
    call: 'Appeler le',
    about: (km: string) => `environ ${km}`,
    distanceAbout: (km: string) => `à environ ${km}`,
    distanceUnder: (km: string) => `à moins de ${km}`,
    approximate: 'distance approximative',
  },
  /** Residents' reports and the operators' sign-in (src/reports/report-messages.ts). */
  reports: reportsFr,
  operatorAccess: operatorAccessFr,
  weekdays: {
    monday: 'Lundi',
    tuesday: 'Mardi',
    wednesday: 'Mercredi',
    thursday: 'Jeudi',
    friday: 'Vendredi',
    saturday: 'Samedi',
    sunday: 'Dimanche',
  },
};

export type Messages = typeof fr;
