import type { PagesMessages } from './pages-fr.ts';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
const number = new Intl.NumberFormat('en-GB');

/** English for pages-fr.ts: same keys, checked by the type. */
export const pagesEn: PagesMessages = {
  statut: {
    title: 'Platform status',
    heading: 'Status of the booking platforms',
    allGood: 'Everything works: every booking platform is answering normally.',
    noPollYet: 'Créneau has not asked any platform yet: the first answers arrive in a few moments.',
    troubleSince: (platform: string, since: string) => `${platform} has been having trouble since ${since}.`,
    troubleNow: (platform: string) => `${platform} is having trouble right now.`,
    pausedUntil: (platform: string, until: string) => `${platform} has asked us to wait: resuming ${until}.`,
    failingShare: (platform: string, share: string) =>
      `${platform} is answering badly: ${share} of checks failed in the last hour.`,
    disabled: (platform: string) => `${platform} is not being checked (turned off by the operator).`,
    othersFine: 'The other platforms work normally.',
    consequence: 'Centres concerned show their last information with its age, never “no slot”.',
    registryRecovered: (reason: string, from: string, importedAt: string) =>
      `Warning: the centre registry cannot be read (${reason}). Créneau serves the previous registry (${from}, imported on ${importedAt}); run the import again.`,
    intro:
      'Créneau asks each platform at its own pace, within the limit it allows. When a platform stops answering, its “circuit breaker” opens: Créneau stops asking it for a while and shows its last information as old.',
    tableLabel: 'Details per platform',
    caption: 'One row per platform, updated continuously',
    columns: {
      platform: 'Platform',
      enabled: 'Enabled',
      breaker: 'Circuit breaker',
      centres: 'Centres',
      lastSuccess: 'Last success',
      errors: 'Errors (1 h)',
      latency: 'Median latency',
      rate: 'Requests / min (limit)',
    },
    yes: 'yes',
    no: 'no',
    never: 'never',
    breakers: {
      closed: 'closed (normal)',
      half_open: 'half-open (trying)',
      open: 'open (paused)',
    },
    paused: (status: number, when: string) => `paused (${status}, resuming ${when})`,
    at: (p: Record<string, string>, sameDay: boolean) =>
      sameDay ? `at ${p.hour}:${p.minute}` : `on ${p.day} ${p.month} at ${p.hour}:${p.minute}`,
    unpollableTitle: 'Booking links Créneau cannot check',
    allPollable: 'Every booking link of the listed centres can be checked.',
    unpollableIntro:
      'These centres take bookings on a platform, but their link, as the official list gives it and after repair, does not allow checking their availability: it stays “unknown”, never “no slot”.',
    unpollableLabel: (platform: string) => `${platform} links that cannot be checked`,
    unpollableCaption: (platform: string, n: number) => `${platform}: ${n} ${plural(n, 'link', 'links')}`,
    unpollableColumns: { centre: 'Centre', link: 'Link', reason: 'Reason' },
    rawData: 'Raw data:',
  },
  stats: {
    title: 'Statistics',
    titleFor: (scope: string) => `Statistics — ${scope}`,
    description: 'Vaccination centres with slots and available slots over time, by département.',
    france: 'All of France',
    scope: 'Area',
    period: 'Period',
    show: 'Show',
    periods: {
      '24h': 'last 24 hours',
      '7j': 'last 7 days',
      '30j': 'last 30 days',
      tout: 'all the history kept',
    },
    resolutions: {
      sample: 'every sample',
      hour: 'the last sample of each hour',
      day: 'the last sample of each day',
    },
    notDoses:
      'A slot is not a dose: it is a free appointment a booking platform showed when the sample was taken. The same slot may be counted in several samples, be booked then freed, and some platforms offer the second injection with the first. These figures say neither how many doses are delivered nor how many people are vaccinated.',
    badQuery: 'This département or period does not exist.',
    unknownDepartement: (code: string) => `No département has the code ${code}.`,
    noSamples:
      'No sample yet: Créneau takes these figures at regular intervals, the first arrives within a few minutes.',
    latest: (label: string) => `Latest sample: ${label}`,
    figures: {
      centres: 'Centres',
      withSlots: 'Centres with slots',
      slots: 'Available slots',
      unknown: 'Centres in an unknown state',
      stale: 'Centres with old data',
    },
    evolution: (period: string) => `Over time: ${period}`,
    shows: (resolution: string) => `Charts and table show ${resolution}.`,
    chartWithSlots: 'Centres with slots',
    chartSlots: 'Available slots',
    chartCaption: (caption: string, scope: string) =>
      `${caption} (${scope}). The values are in the table below.`,
    chartEmpty: (title: string) => `${title}: no sample in this period.`,
    chartSummary: (
      title: string,
      n: number,
      from: string,
      to: string,
      low: string,
      high: string,
      last: string,
    ) =>
      `${title}, ${number.format(n)} ${plural(n, 'sample', 'samples')} from ${from} to ${to}: lowest ${low}, highest ${high}, ${last} at the latest sample.`,
    tableLabel: 'Table of samples',
    tableCaption: (resolution: string, scope: string) => `Samples of the period, ${resolution} (${scope})`,
    columns: {
      at: 'Sample',
      centres: 'Centres',
      withSlots: 'Centres with slots',
      slots: 'Slots',
      unknown: 'Unknown state',
      stale: 'Old data',
    },
    platformsTitle: 'Share of each booking platform',
    platformsLabel: 'Share of each platform',
    platformsCaption: (scope: string) => `At the latest sample (${scope})`,
    platformColumns: {
      platform: 'Platform',
      centres: 'Centres',
      centresShare: 'Share of centres',
      slots: 'Slots',
      slotsShare: 'Share of slots',
    },
    download: 'Download',
    csv: 'Every sample kept, as CSV',
    csvHint: '(spreadsheet: UTF-8, “;” separator)',
    json: 'The same data as JSON',
    jsonHint: '(API, see the documentation)',
    glossary:
      '“Centres in an unknown state”: the platform has not answered yet or cannot tell. “Old data”: the last answer is too old to be sure. These centres count no slot.',
  },
  embed: {
    notFound: 'Place not found',
    communeTitle: (commune: string) => `Vaccination near ${commune}`,
    departementTitle: (name: string, code: string) => `Vaccination: ${name} (${code})`,
    communeSummary: (total: number, radiusKm: number) =>
      total === 0
        ? `No centre within ${radiusKm} km.`
        : `${number.format(total)} ${plural(total, 'centre', 'centres')} within ${radiusKm} km, nearest first.`,
    departementSummary: (total: number) =>
      `${number.format(total)} ${plural(total, 'centre', 'centres')} open to the public, by town.`,
    demo: 'Demo data',
    demoBody: 'made-up centres, do not call.',
    book: 'Book an appointment',
    bookHidden: (centre: string) => ` at ${centre} (new tab)`,
    call: 'Call',
    phone: 'Tel.',
    noOnline: 'No online booking',
    more: (n: number) => `See the other ${number.format(n)} centres on Créneau`,
    seeOnSite: 'See on Créneau',
    checks: 'Créneau checks availability with the booking platforms.',
    snippetTitle: (place: string) => `Vaccination centres near ${place}`,
  },
  sheet: {
    title: (commune: string) => `Getting vaccinated near ${commune}`,
    notFoundTitle: 'Town not found',
    notFound: 'No town has this INSEE code.',
    searchCommune: 'Search for a town',
    description: (place: string) =>
      `Vaccination centres, phone numbers and availability for the residents of ${place}.`,
    print: 'Print this sheet',
    helperOn: 'Helper mode (booking for someone)',
    helperOff: 'Leave helper mode',
    csv: 'Download the list (CSV)',
    board: 'Call-centre board',
    radius: 'Distance',
    show: 'Show',
    helperTitle: 'Booking for someone',
    helperSeveralTitle: 'Several people (a couple):',
    helperSeveral:
      'each person needs their own appointment. Some platforms let you book two in a row; otherwise book them one after the other, at the same centre. “At least 2 slots” marks the centres showing enough right now.',
    helperDosesTitle: 'First and second injection:',
    helperDoses:
      'they are booked together, with the platform or the centre. Write both dates down for the person.',
    helperPhoneTitle: 'Phone only:',
    helperPhone: (n: number) =>
      n === 0
        ? 'no centre in this list takes bookings by phone only.'
        : `the ${n > 1 ? `${number.format(n)} centres` : 'centre'} taking bookings by phone only ${n > 1 ? 'are' : 'is'} at the top of the list.`,
    helperBringTitle: 'Have at hand:',
    helperBring: 'surname, first name, date of birth and phone number of each person.',
    listLabel: (commune: string) => `Vaccination centres near ${commune}`,
    noPhone: 'No phone number published',
    online: (platform: string) => `Online booking on ${platform}`,
    book: 'book an appointment',
    bookHidden: (centre: string) => ` at ${centre}`,
    orPhone: ' or by phone',
    phoneOnly: 'Booking by phone only',
    nothing: 'No online booking and no phone number published',
    byPhone: 'Availability by phone',
    checked: (when: string) => `checked ${when}`,
    stale: ' (old information)',
    enoughForTwo: 'At least 2 slots',
    hours: 'Opening hours:',
    notListed: (n: number) =>
      `${number.format(n)} other ${plural(n, 'centre', 'centres')} within this distance:`,
    fullSearch: 'see the full search',
    professionalsOnly: (n: number) =>
      n > 1
        ? `${number.format(n)} centres reserved for health professionals are not listed.`
        : '1 centre reserved for health professionals is not listed.',
    printCap: (n: number) =>
      n === 1 ? 'On paper, only the nearest centre.' : `On paper, only the ${n} nearest centres.`,
    printCapMore: 'The full list and up-to-date availability are online:',
    liveUrl: 'Up-to-date availability:',
    printedFooter: 'Créneau checks availability with the booking platforms; it does not book appointments.',
    embedTitle: 'Show this list on the town hall’s website',
    embedBody:
      'Copy this code into a page of your site: the list updates itself and its height follows its content. For a narrow column, add “?compact=1” to the list’s address (one line per centre).',
    copy: 'Copy the code',
    copied: 'Code copied.',
    copyFailed: 'Cannot copy: select the code and copy it.',
    summaryNone: (radiusKm: number, place: string) =>
      `No vaccination centre open to the public within ${radiusKm} km of ${place}.`,
    summaryWidened: (from: number, place: string, n: number, farthest: number) =>
      `Too few centres within ${from} km of ${place}: here are the ${number.format(n)} nearest ${plural(n, 'centre', 'centres')}, up to ${farthest} km.`,
    summary: (n: number, radiusKm: number, place: string) =>
      `${number.format(n)} ${plural(n, 'centre', 'centres')} open to the public within ${radiusKm} km of ${place}, nearest first.`,
  },
  directions: {
    link: 'Directions to the centre',
    hint: '(OpenStreetMap, new tab)',
  },
  errors: {
    busyTitle: 'Very busy right now',
    busyBody: 'The site is receiving a great many visits. Your search is not lost:',
    busyRetry: 'try again in a few seconds',
    busyPhone: 'You can also book by phone:',
    busyFree: '(free number)',
    home: 'Home',
    refusals: {
      400: 'Bad request',
      404: 'Not found',
      405: 'Method not allowed',
      413: 'Request too large',
      500: 'Server error, please retry in a moment',
    },
    other: 'Error',
  },
};
