/**
 * The words of `/statut`, `/statistiques`, the commune sheet, the town-hall widget, the centre
 * page's directions and the plain error pages (issue 15, points 9 and 10), spread into `fr`.
 * `pages-en.ts` has the same shape, checked by its type.
 */
const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);
const number = new Intl.NumberFormat('fr-FR');

export const pagesFr = {
  statut: {
    title: 'État des plateformes',
    heading: 'État des plateformes de réservation',
    /** The page's first sentence, before anything technical. */
    allGood: 'Tout fonctionne : chaque plateforme de réservation répond normalement.',
    noPollYet:
      'Créneau n’a encore interrogé aucune plateforme : les premières réponses arrivent dans quelques instants.',
    troubleSince: (platform: string, since: string) => `${platform} a des difficultés depuis ${since}.`,
    troubleNow: (platform: string) => `${platform} a des difficultés en ce moment.`,
    pausedUntil: (platform: string, until: string) =>
      `${platform} nous demande de patienter : reprise ${until}.`,
    failingShare: (platform: string, share: string) =>
      `${platform} répond mal : ${share} des interrogations ont échoué dans la dernière heure.`,
    disabled: (platform: string) => `${platform} n’est pas interrogée (désactivée par l’exploitant).`,
    othersFine: 'Les autres plateformes fonctionnent normalement.',
    consequence:
      'Les centres concernés affichent leur dernière information avec son âge, jamais « aucun créneau ».',
    registryRecovered: (reason: string, from: string, importedAt: string) =>
      `Attention : le registre des centres est illisible (${reason}). Créneau sert le registre précédent (${from}, importé le ${importedAt}) ; relancez l’import.`,
    intro:
      'Créneau interroge chaque plateforme à son rythme, dans la limite qu’elle autorise. Quand une plateforme ne répond plus, sa « coupure » s’ouvre : Créneau cesse de l’interroger un moment et affiche ses dernières informations comme anciennes.',
    tableLabel: 'Détail par plateforme',
    caption: 'Une ligne par plateforme, mise à jour en continu',
    columns: {
      platform: 'Plateforme',
      enabled: 'Active',
      breaker: 'Coupure',
      centres: 'Centres',
      lastSuccess: 'Dernier succès',
      errors: 'Erreurs (1 h)',
      latency: 'Latence médiane',
      rate: 'Requêtes / min (limite)',
    },
    yes: 'oui',
    no: 'non',
    never: 'jamais',
    breakers: {
      closed: 'fermé (normal)',
      half_open: 'semi-ouvert (essai)',
      open: 'ouvert (en pause)',
    },
    paused: (status: number, when: string) => `en pause (${status}, reprise ${when})`,
    /** "à 10 h 42", or "le 3 décembre à 10 h 42" on another day. */
    at: (p: Record<string, string>, sameDay: boolean) =>
      sameDay
        ? `à ${Number(p.hour)} h ${p.minute}`
        : `le ${p.day} ${p.month} à ${Number(p.hour)} h ${p.minute}`,
    unpollableTitle: 'Liens de réservation que Créneau ne peut pas interroger',
    allPollable: 'Tous les liens de réservation des centres listés peuvent être interrogés.',
    unpollableIntro:
      'Ces centres prennent rendez-vous sur une plateforme, mais leur lien, tel que la liste officielle le donne et après réparation, ne permet pas d’interroger leurs disponibilités : elles restent « inconnues », jamais « aucun créneau ».',
    unpollableLabel: (platform: string) => `Liens ${platform} non interrogeables`,
    unpollableCaption: (platform: string, n: number) => `${platform} : ${n} ${plural(n, 'lien', 'liens')}`,
    unpollableColumns: { centre: 'Centre', link: 'Lien', reason: 'Raison (en anglais)' },
    rawData: 'Données brutes :',
  },
  stats: {
    title: 'Statistiques',
    titleFor: (scope: string) => `Statistiques — ${scope}`,
    description:
      'Centres de vaccination avec des créneaux et créneaux disponibles au fil du temps, par département.',
    france: 'France entière',
    scope: 'Territoire',
    period: 'Période',
    show: 'Afficher',
    periods: {
      '24h': 'dernières 24 heures',
      '7j': '7 derniers jours',
      '30j': '30 derniers jours',
      tout: 'tout l’historique conservé',
    },
    resolutions: {
      sample: 'tous les relevés',
      hour: 'le dernier relevé de chaque heure',
      day: 'le dernier relevé de chaque jour',
    },
    notDoses:
      'Un créneau n’est pas une dose : c’est un rendez-vous libre qu’une plateforme de réservation affichait au moment du relevé. Un même créneau peut être compté à plusieurs relevés, être réservé puis libéré, et certaines plateformes proposent la seconde injection avec la première. Ces chiffres ne disent ni combien de doses sont livrées, ni combien de personnes sont vaccinées.',
    badQuery: 'Ce département ou cette période n’existe pas.',
    unknownDepartement: (code: string) => `Aucun département n’a le code ${code}.`,
    noSamples:
      'Aucun relevé pour l’instant : Créneau relève ces chiffres à intervalle régulier, le premier arrive dans quelques minutes.',
    latest: (label: string) => `Dernier relevé : ${label}`,
    figures: {
      centres: 'Centres',
      withSlots: 'Centres avec des créneaux',
      slots: 'Créneaux disponibles',
      unknown: 'Centres à l’état inconnu',
      stale: 'Centres aux données anciennes',
    },
    evolution: (period: string) => `Évolution : ${period}`,
    shows: (resolution: string) => `Graphiques et tableau montrent ${resolution}.`,
    chartWithSlots: 'Centres avec des créneaux',
    chartSlots: 'Créneaux disponibles',
    chartCaption: (caption: string, scope: string) =>
      `${caption} (${scope}). Les valeurs sont dans le tableau ci-dessous.`,
    chartEmpty: (title: string) => `${title} : aucun relevé sur la période.`,
    chartSummary: (
      title: string,
      n: number,
      from: string,
      to: string,
      low: string,
      high: string,
      last: string,
    ) =>
      `${title}, ${number.format(n)} ${plural(n, 'relevé', 'relevés')} du ${from} au ${to} : au plus bas ${low}, au plus haut ${high}, ${last} au dernier relevé.`,
    tableLabel: 'Tableau des relevés',
    tableCaption: (resolution: string, scope: string) => `Relevés de la période, ${resolution} (${scope})`,
    columns: {
      at: 'Relevé',
      centres: 'Centres',
      withSlots: 'Centres avec des créneaux',
      slots: 'Créneaux',
      unknown: 'État inconnu',
      stale: 'Données anciennes',
    },
    platformsTitle: 'Part de chaque plateforme de réservation',
    platformsLabel: 'Part de chaque plateforme',
    platformsCaption: (scope: string) => `Au dernier relevé (${scope})`,
    platformColumns: {
      platform: 'Plateforme',
      centres: 'Centres',
      centresShare: 'Part des centres',
      slots: 'Créneaux',
      slotsShare: 'Part des créneaux',
    },
    download: 'Télécharger',
    csv: 'Tous les relevés conservés, en CSV',
    csvHint: '(tableur : UTF-8, séparateur « ; »)',
    json: 'Les mêmes données en JSON',
    jsonHint: '(API, voir la documentation)',
    glossary:
      '« Centres à l’état inconnu » : la plateforme n’a pas encore répondu ou ne sait pas dire. « Données anciennes » : la dernière réponse date de trop longtemps pour être sûre. Ces centres ne comptent aucun créneau.',
  },
  embed: {
    notFound: 'Lieu introuvable',
    communeTitle: (commune: string) => `Vaccination près de ${commune}`,
    departementTitle: (name: string, code: string) => `Vaccination : ${name} (${code})`,
    communeSummary: (total: number, radiusKm: number) =>
      total === 0
        ? `Aucun centre à moins de ${radiusKm} km.`
        : `${number.format(total)} ${plural(total, 'centre', 'centres')} à moins de ${radiusKm} km, du plus proche au plus lointain.`,
    departementSummary: (total: number) =>
      `${number.format(total)} ${plural(total, 'centre ouvert', 'centres ouverts')} au public, par commune.`,
    demo: 'Données de démonstration',
    demoBody: 'centres fictifs, ne pas appeler.',
    book: 'Prendre rendez-vous',
    bookHidden: (centre: string) => ` à ${centre} (nouvel onglet)`,
    call: 'Appeler le',
    phone: 'Tél.',
    noOnline: 'Pas de réservation en ligne',
    more: (n: number) => `Voir les ${number.format(n)} autres centres sur Créneau`,
    seeOnSite: 'Voir sur Créneau',
    checks: 'Créneau vérifie les disponibilités auprès des plateformes de réservation.',
    /** The `<iframe>`'s title in the snippet a town hall copies. */
    snippetTitle: (place: string) => `Centres de vaccination près de ${place}`,
  },
  sheet: {
    title: (commune: string) => `Se faire vacciner près de ${commune}`,
    notFoundTitle: 'Commune introuvable',
    notFound: 'Aucune commune n’a ce code INSEE.',
    searchCommune: 'Chercher une commune',
    description: (place: string) =>
      `Centres de vaccination, téléphones et disponibilités pour les habitants de ${place}.`,
    print: 'Imprimer cette fiche',
    helperOn: 'Mode accompagnant (réserver pour quelqu’un)',
    helperOff: 'Quitter le mode accompagnant',
    csv: 'Télécharger la liste (CSV)',
    board: 'Tableau pour centre d’appels',
    radius: 'Distance',
    show: 'Afficher',
    helperTitle: 'Réserver pour quelqu’un',
    helperSeveralTitle: 'Plusieurs personnes (un couple) :',
    helperSeveral:
      'chaque personne a besoin de son propre rendez-vous. Certaines plateformes permettent d’en réserver deux à la suite ; sinon, réservez-les l’un après l’autre, dans le même centre. « Au moins 2 créneaux » signale les centres qui en affichent assez en ce moment.',
    helperDosesTitle: 'Première et seconde injection :',
    helperDoses:
      'elles se réservent ensemble, auprès de la plateforme ou du centre. Notez les deux dates pour la personne.',
    helperPhoneTitle: 'Téléphone uniquement :',
    helperPhone: (n: number) =>
      n === 0
        ? 'aucun centre de cette liste ne se réserve seulement par téléphone.'
        : `les ${n > 1 ? `${number.format(n)} centres` : 'centres'} qui ne prennent les rendez-vous que par téléphone sont en tête de liste.`,
    helperBringTitle: 'À avoir sous la main :',
    helperBring: 'nom, prénom, date de naissance et numéro de téléphone de chaque personne.',
    listLabel: (commune: string) => `Centres de vaccination près de ${commune}`,
    noPhone: 'Pas de téléphone publié',
    online: (platform: string) => `Réservation en ligne sur ${platform}`,
    book: 'prendre rendez-vous',
    bookHidden: (centre: string) => ` à ${centre}`,
    orPhone: ' ou par téléphone',
    phoneOnly: 'Réservation par téléphone uniquement',
    nothing: 'Pas de réservation en ligne ni de téléphone publié',
    byPhone: 'Disponibilités par téléphone',
    checked: (when: string) => `vérifié ${when}`,
    stale: ' (information ancienne)',
    enoughForTwo: 'Au moins 2 créneaux',
    hours: 'Horaires :',
    notListed: (n: number) =>
      `${number.format(n)} ${plural(n, 'autre centre', 'autres centres')} dans ce rayon :`,
    fullSearch: 'voir la recherche complète',
    professionalsOnly: (n: number) =>
      n > 1
        ? `${number.format(n)} centres réservés aux professionnels de santé ne sont pas listés.`
        : '1 centre réservé aux professionnels de santé n’est pas listé.',
    printCap: (n: number) =>
      n === 1
        ? 'Sur papier, le centre le plus proche seulement.'
        : `Sur papier, les ${n} centres les plus proches seulement.`,
    printCapMore: 'La liste complète et les disponibilités à jour sont en ligne :',
    liveUrl: 'Disponibilités à jour :',
    printedFooter:
      'Créneau vérifie les disponibilités auprès des plateformes de réservation ; il ne prend pas de rendez-vous.',
    embedTitle: 'Afficher cette liste sur le site de la mairie',
    embedBody:
      'Copiez ce code dans une page de votre site : la liste se met à jour toute seule et sa hauteur s’adapte à son contenu. Pour une colonne étroite, ajoutez « ?compact=1 » à l’adresse de la liste (une ligne par centre).',
    copy: 'Copier le code',
    copied: 'Code copié.',
    copyFailed: 'Copie impossible : sélectionnez le code et copiez-le.',
    summaryNone: (radiusKm: number, place: string) =>
      `Aucun centre de vaccination ouvert au public à moins de ${radiusKm} km de ${place}.`,
    summaryWidened: (from: number, place: string, n: number, farthest: number) =>
      `Trop peu de centres à moins de ${from} km de ${place} : voici les ${number.format(n)} ${plural(n, 'centre', 'centres')} les plus proches, jusqu’à ${farthest} km.`,
    summary: (n: number, radiusKm: number, place: string) =>
      `${number.format(n)} ${plural(n, 'centre ouvert', 'centres ouverts')} au public à moins de ${radiusKm} km de ${place}, du plus proche au plus lointain.`,
  },
  directions: {
    link: 'Itinéraire jusqu’au centre',
    hint: '(OpenStreetMap, nouvel onglet)',
  },
  /** The plain pages the server writes without Astro (src/responses/plain-pages.ts). */
  errors: {
    busyTitle: 'Beaucoup de monde en ce moment',
    busyBody: 'Le site reçoit énormément de visites. Votre recherche n’est pas perdue :',
    busyRetry: 'réessayez dans quelques secondes',
    busyPhone: 'Vous pouvez aussi prendre rendez-vous par téléphone :',
    busyFree: '(numéro vert, gratuit)',
    home: 'Accueil',
    refusals: {
      400: 'Requête invalide',
      404: 'Page introuvable',
      405: 'Méthode non autorisée',
      413: 'Envoi trop volumineux',
      500: 'Erreur du serveur, réessayez dans un instant',
    } as Record<number, string>,
    other: 'Erreur',
  },
};

export type PagesMessages = typeof pagesFr;
