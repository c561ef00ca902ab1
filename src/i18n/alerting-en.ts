/** H6's words in English: the same shape as `alerting-fr.ts`. */
import type { AlertingMessages } from './alerting-fr.ts';

const number = new Intl.NumberFormat('en-GB');
const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

export const alertingEn: AlertingMessages = {
  alertPage: {
    link: 'Get told about new slots',
    linkHint: 'Notification, feed or widget, no account.',
    titleCommune: (place: string, km: number) => `Get alerts: slots within ${km} km of ${place}`,
    titleDepartement: (place: string) => `Get alerts: slots in the département ${place}`,
    whatTitle: 'What is an alert?',
    what: (where: string) =>
      `An alert tells you as soon as vaccination slots appear at a centre ${where}. It books nothing: the slot may be taken in the meantime, so always confirm it on the booking platform.`,
    whereCommune: (place: string, km: number) => `within ${km} km of ${place}`,
    whereDepartement: (place: string) => `in the département ${place}`,
    noAccount: 'No account, no e-mail address, no phone number.',
    radiusLabel: 'Distance around the town',
    radiusSubmit: 'Change the distance',
    pushTitle: 'In this browser: a notification',
    pushBody: 'Your phone or computer shows a notification when slots appear, even when the site is closed.',
    pushOne: 'One alert per browser: choosing another one replaces this one.',
    pushStop: 'Every notification offers “Stop these alerts”: one click is enough. So does the button below.',
    pushPrivacy:
      'Créneau keeps only the technical address your browser gives for notifications (encrypted) and the place you chose.',
    pushSubscribe: 'Get a notification',
    pushUnsubscribe: 'Stop these alerts',
    pushNoScript: 'Notifications need JavaScript. The feed and the widget below work without it.',
    pushOff:
      'Notifications are not enabled on this site (its operator has not configured them). The feed and the widget below work.',
    pushStates: {
      unsupported:
        'This browser cannot receive notifications from websites. Use the feed or the widget below.',
      denied:
        'Notifications are blocked for this site in the browser’s settings: allow them to get the alert.',
      working: 'One moment…',
      subscribed: (where: string) => `Done: this browser will be told about slots ${where}.`,
      already: 'This browser already receives a Créneau alert.',
      unsubscribed: 'Done: this browser will get no more Créneau alerts.',
      failed: 'The alert could not be saved. Please try again in a moment.',
    },
    feedTitle: 'In a feed reader (Atom)',
    feedBody:
      'Copy this address into your feed reader (Thunderbird, Feedly, NetNewsWire…): every new announcement shows up there.',
    feedAddress: 'Feed address',
    feedOpen: 'Open the feed',
    widgetTitle: 'On the town hall’s or the association’s website: the widget',
    widgetBody:
      'A box to paste into a page: it shows the centres and their slots, up to date at every visit.',
    widgetOpen: 'See the widget',
    sheetLink: 'Town sheet: poster to print, widget, CSV',
    back: 'Back to the results',
    notFound: 'This town or département cannot be found.',
    badQuery: 'Invalid page address.',
  },
  push: {
    oneTitle: (slots: number, centre: string) =>
      `${number.format(slots)} ${plural(slots, 'slot', 'slots')} at ${centre}`,
    manyTitle: (where: string) => `New slots ${where}`,
    next: (date: string) => `Next: ${date}.`,
    manyBody: (centres: number, first: string) =>
      `${number.format(centres)} centres have new slots, including ${first}.`,
    confirm: 'To be confirmed on the booking platform: the slot may be taken in the meantime.',
    open: 'See',
    unsubscribe: 'Stop these alerts',
  },
  footer: {
    label: 'Site links',
    helpers: 'For town halls and helpers',
    sheets: 'Town sheets',
    widgets: 'Widgets',
    alerts: 'Get alerts',
    board: 'Call-centre board',
    stats: 'Statistics',
    status: 'Service status',
    openData: 'Open data',
  },
  helpers: {
    title: 'For town halls and helpers',
    intro:
      'Everything Créneau offers to people who help others get vaccinated: a poster for the town hall, a box for your website, lists to print or open in a spreadsheet, alerts, a board for call centres. Free, no account.',
    findTitle: 'Your town',
    findBody:
      'Type the name, the postcode or the département: the next page gives every link for that place.',
    findLabel: 'Town, postcode or département',
    findSubmit: 'Find',
    sheetTitle: 'The town sheet',
    sheetBody:
      'One page per town, made to be printed on A4 and put up: the nearby centres, how to book (online or by phone), a QR code to the live list.',
    widgetsTitle: 'The widget for your website',
    widgetsBody:
      'A box to paste into a page of your website (a plain <iframe>): the nearby centres and their slots, up to date at every visit. The code to copy is on the town sheet.',
    csvTitle: 'The CSV lists',
    csvBody:
      'The centres of a town or of a search as a CSV file, to open in a spreadsheet: name, address, phone, booking link, next slot.',
    alertsTitle: 'Alerts',
    alertsBody:
      'Get told when slots appear near a town or in a département: a notification in the browser, an Atom feed for feed readers, or the widget.',
    boardTitle: 'The call-centre board',
    boardBody:
      'One row per centre of a département or around a town: phone, platform, slots over the next 14 days, age of the information. It updates itself and prints on landscape A4.',
    statsTitle: 'Statistics',
    statsBody: 'Slots and centres available over time, per département, also as CSV.',
    statsLink: 'See the statistics',
    statusTitle: 'Service status',
    statusBody: 'Which booking platforms answer, and how old the information is.',
    statusLink: 'See the service status',
    openDataTitle: 'Open data',
    openDataBody:
      'The same information for developers: ViteMaDose-compatible format per département, SMART Scheduling Links publication, JSON API.',
    forRennes: 'For instance, for Rennes:',
    forIlleEtVilaine: 'For a whole département, for instance Ille-et-Vilaine:',
    openDataVmd: 'Centres and slots of a département, ViteMaDose format',
    openDataInfo: 'Every centre, ViteMaDose format',
    openDataSmart: 'SMART Scheduling Links publication',
    openDataApi: 'JSON API of the centres',
    statsCsv: 'Statistics as CSV',
    linkFeed: 'Atom feed',
    chooseTitle: (query: string) => `Links for “${query}”`,
    chooseNone: (query: string) => `No town, postcode or département matches “${query}”.`,
    chooseEmpty: 'Type the name of a town, a postcode or a département number.',
    chooseIntro: 'Pick the place, then what you need:',
    linkSheet: 'Sheet to print',
    linkWidget: 'Widget',
    linkCsv: 'CSV list',
    linkAlerts: 'Get alerts',
    linkBoard: 'Call-centre board',
    linkResults: 'Centres and slots',
    linkOpenData: 'Open data (JSON)',
    departementLabel: (name: string, code: string) => `Département: ${name} (${code})`,
    back: 'Back to the page for town halls and helpers',
  },
  share: {
    title: 'Share this page',
    copyLabel: 'Link to copy',
    copy: 'Copy the link',
    copied: 'Link copied.',
    copyFailed: 'Cannot copy: select the link and copy it.',
    sms: 'Send by text message',
    email: 'Send by e-mail',
    message: (title: string, url: string) => `${title}: ${url}`,
    subject: (title: string) => `Créneau: ${title}`,
  },
};
