/**
 * H6's words (issue 15, points 6 and 7), French: the "Être prévenu" page, Web Push notifications, the
 * site footer, the page for town halls and helpers, the share links. Spread into `fr` (fr.ts);
 * `alerting-en.ts` has the same shape.
 */
const number = new Intl.NumberFormat('fr-FR');
const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

export const alertingFr = {
  alertPage: {
    link: 'Être prévenu des nouveaux créneaux',
    linkHint: 'Notification, flux ou widget, sans compte.',
    titleCommune: (place: string, km: number) => `Être prévenu : créneaux à moins de ${km} km de ${place}`,
    titleDepartement: (place: string) => `Être prévenu : créneaux dans le département ${place}`,
    whatTitle: 'Qu’est-ce qu’une alerte ?',
    what: (where: string) =>
      `Une alerte vous prévient dès que des créneaux de vaccination apparaissent dans un centre ${where}. Elle ne réserve rien : le créneau peut être pris entre-temps, il est toujours à confirmer sur la plateforme de réservation.`,
    whereCommune: (place: string, km: number) => `à moins de ${km} km de ${place}`,
    whereDepartement: (place: string) => `du département ${place}`,
    noAccount: 'Sans compte, sans adresse e-mail, sans numéro de téléphone.',
    radiusLabel: 'Distance autour de la commune',
    radiusSubmit: 'Changer la distance',
    pushTitle: 'Dans ce navigateur : une notification',
    pushBody:
      'Votre téléphone ou votre ordinateur affiche une notification quand des créneaux apparaissent, même quand le site est fermé.',
    pushOne: 'Une seule alerte par navigateur : en choisir une autre remplace celle-ci.',
    pushStop:
      'Chaque notification propose « Ne plus être prévenu » : un clic suffit pour arrêter. Le bouton ci-dessous aussi.',
    pushPrivacy:
      'Créneau garde seulement l’adresse technique que votre navigateur donne pour les notifications (chiffrée) et le lieu choisi.',
    pushSubscribe: 'Recevoir une notification',
    pushUnsubscribe: 'Ne plus être prévenu',
    pushNoScript:
      'Les notifications demandent JavaScript. Le flux et le widget ci-dessous fonctionnent sans.',
    pushOff:
      'Les notifications ne sont pas activées sur ce site (l’exploitant ne les a pas configurées). Le flux et le widget ci-dessous fonctionnent.',
    pushStates: {
      unsupported:
        'Ce navigateur ne sait pas recevoir de notifications de sites. Utilisez le flux ou le widget ci-dessous.',
      denied:
        'Les notifications sont refusées pour ce site dans les réglages du navigateur : autorisez-les pour recevoir l’alerte.',
      working: 'Un instant…',
      subscribed: (where: string) => `C’est fait : ce navigateur sera prévenu des créneaux ${where}.`,
      already: 'Ce navigateur reçoit déjà une alerte Créneau.',
      unsubscribed: 'C’est fait : ce navigateur ne recevra plus d’alerte Créneau.',
      failed: 'L’alerte n’a pas pu être enregistrée. Réessayez dans un moment.',
    },
    feedTitle: 'Dans un lecteur de flux (Atom)',
    feedBody:
      'Copiez cette adresse dans votre lecteur de flux (Thunderbird, Feedly, NetNewsWire…) : chaque nouvelle annonce y apparaît.',
    feedAddress: 'Adresse du flux',
    feedOpen: 'Ouvrir le flux',
    widgetTitle: 'Sur le site de la mairie ou de l’association : le widget',
    widgetBody:
      'Un encadré à coller dans une page : il montre les centres et leurs créneaux, à jour à chaque visite.',
    widgetOpen: 'Voir le widget',
    sheetLink: 'Fiche de la commune : affiche à imprimer, widget, CSV',
    back: 'Revenir aux résultats',
    notFound: 'Cette commune ou ce département est introuvable.',
    badQuery: 'Adresse de la page invalide.',
  },
  /** What a notification says, in the subscriber's language. Always "to be confirmed". */
  push: {
    oneTitle: (slots: number, centre: string) =>
      `${number.format(slots)} ${plural(slots, 'créneau', 'créneaux')} à ${centre}`,
    manyTitle: (where: string) => `Nouveaux créneaux ${where}`,
    next: (date: string) => `Prochain : ${date}.`,
    manyBody: (centres: number, first: string) =>
      `${number.format(centres)} centres ont de nouveaux créneaux, dont ${first}.`,
    confirm: 'À confirmer sur la plateforme : le créneau peut être pris entre-temps.',
    open: 'Voir',
    unsubscribe: 'Ne plus être prévenu',
  },
  footer: {
    label: 'Liens du site',
    helpers: 'Pour les mairies et les aidants',
    sheets: 'Fiches des communes',
    widgets: 'Widgets',
    alerts: 'Être prévenu',
    board: 'Tableau pour centres d’appels',
    stats: 'Statistiques',
    status: 'État du service',
    openData: 'Données ouvertes',
  },
  helpers: {
    title: 'Pour les mairies et les aidants',
    intro:
      'Tout ce que Créneau donne à ceux qui aident les autres à se faire vacciner : une affiche pour la mairie, un encadré pour votre site, des listes à imprimer ou à ouvrir dans un tableur, des alertes, un tableau pour les centres d’appels. Gratuit, sans compte.',
    findTitle: 'Votre commune',
    findBody:
      'Tapez le nom, le code postal ou le département : la page suivante donne tous les liens pour ce lieu.',
    findLabel: 'Commune, code postal ou département',
    findSubmit: 'Trouver',
    sheetTitle: 'La fiche de la commune',
    sheetBody:
      'Une page par commune, faite pour être imprimée en A4 et affichée : les centres proches, comment réserver (en ligne ou par téléphone), un QR code vers la liste à jour.',
    widgetsTitle: 'Le widget pour votre site',
    widgetsBody:
      'Un encadré à coller dans une page de votre site (un simple <iframe>) : les centres proches et leurs créneaux, à jour à chaque visite. Le code à copier est sur la fiche de la commune.',
    csvTitle: 'Les listes en CSV',
    csvBody:
      'Les centres d’une commune ou d’une recherche en fichier CSV, à ouvrir dans un tableur : nom, adresse, téléphone, lien de réservation, prochain créneau.',
    alertsTitle: 'Les alertes',
    alertsBody:
      'Être prévenu quand des créneaux apparaissent près d’une commune ou dans un département : une notification dans le navigateur, un flux Atom pour les lecteurs de flux, ou le widget.',
    boardTitle: 'Le tableau pour les centres d’appels',
    boardBody:
      'Une ligne par centre d’un département ou autour d’une commune : téléphone, plateforme, créneaux des 14 prochains jours, âge de l’information. Il se met à jour tout seul et s’imprime en A4 paysage.',
    statsTitle: 'Les statistiques',
    statsBody: 'Créneaux et centres disponibles au fil du temps, par département, aussi en CSV.',
    statsLink: 'Voir les statistiques',
    statusTitle: 'L’état du service',
    statusBody: 'Quelles plateformes de réservation répondent, depuis quand l’information date.',
    statusLink: 'Voir l’état du service',
    openDataTitle: 'Les données ouvertes',
    openDataBody:
      'Les mêmes informations pour les développeurs : format compatible ViteMaDose par département, publication SMART Scheduling Links, API JSON.',
    forRennes: 'Par exemple, pour Rennes :',
    forIlleEtVilaine: 'Pour tout un département, par exemple l’Ille-et-Vilaine :',
    openDataVmd: 'Centres et créneaux d’un département, format ViteMaDose',
    openDataInfo: 'Tous les centres, format ViteMaDose',
    openDataSmart: 'Publication SMART Scheduling Links',
    openDataApi: 'API JSON des centres',
    statsCsv: 'Statistiques en CSV',
    linkFeed: 'Flux Atom',
    chooseTitle: (query: string) => `Liens pour « ${query} »`,
    chooseNone: (query: string) =>
      `Aucune commune, aucun code postal ni département ne correspond à « ${query} ».`,
    chooseEmpty: 'Tapez le nom d’une commune, un code postal ou un numéro de département.',
    chooseIntro: 'Choisissez le lieu, puis ce dont vous avez besoin :',
    linkSheet: 'Fiche à imprimer',
    linkWidget: 'Widget',
    linkCsv: 'Liste CSV',
    linkAlerts: 'Être prévenu',
    linkBoard: 'Tableau pour centres d’appels',
    linkResults: 'Centres et créneaux',
    linkOpenData: 'Données ouvertes (JSON)',
    departementLabel: (name: string, code: string) => `Département : ${name} (${code})`,
    back: 'Revenir à la page pour les mairies et les aidants',
  },
  share: {
    title: 'Partager cette page',
    copyLabel: 'Lien à copier',
    copy: 'Copier le lien',
    copied: 'Lien copié.',
    copyFailed: 'Copie impossible : sélectionnez le lien et copiez-le.',
    sms: 'Envoyer par SMS',
    email: 'Envoyer par e-mail',
    message: (title: string, url: string) => `${title} : ${url}`,
    subject: (title: string) => `Créneau : ${title}`,
  },
};

export type AlertingMessages = typeof alertingFr;
