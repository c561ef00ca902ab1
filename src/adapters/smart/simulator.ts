import { z } from 'zod';
import type { Wire } from '../../platforms/wire.ts';
import type { Centre } from '../../registry/centre.ts';
import { SMART_CENTRE_ID_SYSTEM } from '../../registry/identifier-systems.ts';
import { DAY_MS, isoWithOffset, localDay, MINUTE_MS } from '../../shared/time.ts';

import { hash53, hexId, unit } from '../../simulator/hash.ts';
import type { ProviderApi, SimRequest, SimResponse } from '../../simulator/http-types.ts';
import { defineSimulator, json } from '../../simulator/http-types.ts';
import {
  type DayTable,
  type Dose,
  dayColumns,
  type SiteAgenda,
  type SiteProfile,
  siteProfile,
  type Vaccine,
} from '../../simulator/supply.ts';
import type { SmartLocation, SmartManifest, SmartSchedule, SmartSlot } from './schemas.ts';

/**
 * A SMART Scheduling Links publisher (github.com/smart-on-fhir/smart-scheduling-links,
 * `specification.md`): a `$bulk-publish` manifest pointing at Location, Schedule and weekly Slot
 * NDJSON files. It publishes the registry's centres that book on other sites (platform `other`).
 * Files are regenerated once per publication interval; between two publications they are identical,
 * so `ETag`/`Last-Modified` let clients revalidate with 304s, as the spec asks publishers to allow.
 */

/** Identifier system under which each Location carries the registry centre id it publishes. */
export { SMART_CENTRE_ID_SYSTEM };
export const SMART_EXTENSION = 'http://fhir-registry.smarthealthit.org/StructureDefinition';
const FHIR_NDJSON = 'application/fhir+ndjson';

type Extensions = NonNullable<Wire<typeof SmartSlot>['extension']>;

interface Published {
  locationId: string;
  centre: Centre;
  profile: SiteProfile;
}

/** ISO 8601 week of a UTC day number: `2021-W09`. */
export function isoWeek(day: number): { label: string; monday: number } {
  const weekday = (day + 3) % 7;
  const monday = day - weekday;
  const thursday = monday + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const firstThursday = Math.floor(Date.UTC(year, 0, 4) / DAY_MS);
  const firstMonday = firstThursday - ((firstThursday + 3) % 7);
  const week = Math.floor((monday - firstMonday) / 7) + 1;
  return { label: `${year}-W${String(week).padStart(2, '0')}`, monday };
}

/** The simulator's `options.smart`. */
export const SmartOptions = z.strictObject({
  /** How often the feed is regenerated, in seconds; also its `Cache-Control: max-age`. */
  publishEverySeconds: z.number().positive().optional(),
  /** How many weeks of slots, from the publication's week. */
  weeks: z.int().positive().optional(),
});
export type SmartOptions = z.infer<typeof SmartOptions>;

export function createSmartApi(
  centres: readonly Centre[],
  seed: string,
  options: SmartOptions = {},
): ProviderApi {
  const publishMs = (options.publishEverySeconds ?? 60) * 1000;
  const weeks = options.weeks ?? 4;
  const published: Published[] = centres
    .filter((c) => c.booking.platform === 'other' && c.booking.url)
    .map((centre) => ({
      locationId: hexId(12, seed, 'location', centre.id),
      centre,
      profile: siteProfile(centre, seed),
    }));

  function location({ locationId, centre }: Published): Wire<typeof SmartLocation> {
    const telecom: Array<{ system: string; value: string }> = centre.phones.map((value) => ({
      system: 'phone',
      value,
    }));
    if (centre.booking.url) telecom.push({ system: 'url', value: centre.booking.url });
    return {
      resourceType: 'Location',
      id: locationId,
      name: centre.name,
      telecom,
      address: {
        line: centre.address.lines,
        city: centre.commune.name ?? undefined,
        postalCode: centre.address.postcode ?? undefined,
        district: centre.departement ?? undefined,
        country: 'FR',
      },
      ...(centre.location
        ? { position: { latitude: centre.location.lat, longitude: centre.location.lon } }
        : {}),
      // Some publishers carry no identifier we know: those locations are matched by name and distance.
      ...(unit(seed, centre.id, 'smart-identifier') < 0.85
        ? { identifier: [{ system: SMART_CENTRE_ID_SYSTEM, value: centre.id }] }
        : {}),
    };
  }

  /**
   * One schedule per motive and agenda, the agenda as its Practitioner actor: a slot that several
   * motives list is then the same (practitioner, start) in each, which is what lets a client count it once.
   */
  function schedules(
    p: Published,
  ): Array<{ id: string; motiveKey: string; agenda: SiteAgenda; resource: Wire<typeof SmartSchedule> }> {
    return p.profile.motives.flatMap((m, index) =>
      p.profile.agendas
        .filter((agenda) => agenda.motiveKeys.includes(m.key))
        .map((agenda) => {
          const id = `${p.locationId}-${index}-${agenda.index}`;
          const dose = smartDose(m.dose);
          const extension: Extensions = [];
          if (dose !== null) extension.push({ url: `${SMART_EXTENSION}/vaccine-dose`, valueInteger: dose });
          if (m.vaccine)
            extension.push({
              url: `${SMART_EXTENSION}/vaccine-product`,
              valueCoding: { system: 'http://hl7.org/fhir/sid/cvx', ...CVX[m.vaccine] },
            });
          return {
            id,
            motiveKey: m.key,
            agenda,
            resource: {
              resourceType: 'Schedule',
              id,
              serviceType: [
                {
                  coding: [
                    {
                      system: 'http://terminology.hl7.org/CodeSystem/service-type',
                      code: '57',
                      display: 'Immunization',
                    },
                    {
                      system: 'http://fhir-registry.smarthealthit.org/CodeSystem/service-type',
                      code: 'covid19-immunization',
                      display: 'COVID-19 Immunization Appointment',
                    },
                  ],
                },
              ],
              actor: [
                { reference: `Location/${p.locationId}` },
                { reference: `Practitioner/${hexId(12, seed, 'practitioner', p.centre.id, agenda.index)}` },
              ],
              extension,
            },
          };
        }),
    );
  }

  /**
   * Hour-long slots with a capacity, as the spec's examples publish them: per bookable schedule, its
   * agenda's published slots of the week counted by hour. Schedules of one agenda share its hours, so
   * each agenda's week is read once from the supply model's day columns.
   */
  function* slots(p: Published, monday: number, at: number): Generator<Wire<typeof SmartSlot>> {
    const { profile, centre } = p;
    const hoursByAgenda = new Map<number, HourCount[]>();
    const firstDay = localDay(monday * DAY_MS, profile.zone);
    const days = Array.from({ length: 7 }, (_, i) => dayColumns(centre, profile, seed, firstDay + i));
    const deepLink = deepLinkOf(centre.booking.url);
    for (const schedule of schedules(p)) {
      if (schedule.agenda.bookingDisabled) continue;
      let hours = hoursByAgenda.get(schedule.agenda.index);
      if (!hours) {
        hours = hourCounts(days, schedule.agenda.index, at, profile.zone);
        hoursByAgenda.set(schedule.agenda.index, hours);
      }
      for (const { hour, free, start, end } of hours) {
        const id = `${schedule.id}-${(hour / MINUTE_MS).toString(36)}`;
        const extension: Extensions = [];
        if (deepLink) extension.push({ url: `${SMART_EXTENSION}/booking-deep-link`, valueUrl: deepLink(id) });
        if (centre.phones[0])
          extension.push({ url: `${SMART_EXTENSION}/booking-phone`, valueString: centre.phones[0] });
        if (free > 0) extension.push({ url: `${SMART_EXTENSION}/slot-capacity`, valueInteger: free });
        yield {
          resourceType: 'Slot',
          id,
          schedule: { reference: `Schedule/${schedule.id}` },
          status: free > 0 ? 'free' : 'busy',
          start,
          end,
          extension,
        };
      }
    }
  }

  function weeksOf(at: number): Array<{ label: string; monday: number }> {
    const first = isoWeek(Math.floor(at / DAY_MS));
    return Array.from({ length: weeks }, (_, i) => isoWeek(first.monday + 7 * i));
  }

  function bulkPublish(at: number, origin: string): Wire<typeof SmartManifest> {
    return {
      transactionTime: new Date(at).toISOString(),
      request: `${origin}/$bulk-publish`,
      output: [
        { type: 'Location', url: `${origin}/locations.ndjson` },
        { type: 'Schedule', url: `${origin}/schedules.ndjson` },
        ...weeksOf(at).map((w) => ({ type: 'Slot', url: `${origin}/slots-${w.label}.ndjson` })),
      ],
      error: [],
    };
  }

  /**
   * A file of the publication at `at`, as a pass over the published centres that yields its lines:
   * nothing is kept between requests. Locations and schedules do not change between publications.
   */
  function ndjsonFile(
    path: string,
    at: number,
  ): { lines: () => Iterable<unknown>; changesWithPublication: boolean } | null {
    if (path === '/locations.ndjson')
      return { lines: () => eachOf(published, (p) => [location(p)]), changesWithPublication: false };
    if (path === '/schedules.ndjson')
      return {
        lines: () => eachOf(published, (p) => schedules(p).map((s) => s.resource)),
        changesWithPublication: false,
      };
    const week = weeksOf(at).find((w) => path === `/slots-${w.label}.ndjson`);
    if (!week) return null;
    return {
      lines: () => eachOf(published, (p) => slots(p, week.monday, at)),
      changesWithPublication: true,
    };
  }

  // What the files are made of besides the instant: a change of registry or of options is a new version.
  let version = hash53(`${seed}\u001f${weeks}`);
  for (const p of published) version = hash53(`${version}\u001f${JSON.stringify(p.centre)}`);
  /**
   * A strong ETag without reading the file: its bytes are a function of the seed, the published centres,
   * the path and, for the manifest (which also names the origin) and the slot files, the publication.
   */
  const etagOf = (...parts: ReadonlyArray<string | number>) =>
    `"${hash53([version, ...parts].join('\u001f')).toString(36)}"`;

  return {
    driftRenames: { output: 'outputs', start: 'startTime', schedule: 'scheduleRef', extension: 'extensions' },
    handle(request: SimRequest, now: number): SimResponse {
      const at = Math.floor(now / publishMs) * publishMs;
      // `$` arrives percent-encoded from some clients.
      const path = decodeURIComponent(request.url.pathname).replace(/^\/_bulk-publish$/, '/$bulk-publish');
      const file = path === '/$bulk-publish' ? null : ndjsonFile(path, at);
      if (path !== '/$bulk-publish' && !file)
        return json(404, {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'not-found' }],
        });
      const headers = {
        etag: file
          ? etagOf(path, file.changesWithPublication ? at : '')
          : etagOf(path, at, request.url.origin),
        'last-modified': new Date(at).toUTCString(),
        'cache-control': `public, max-age=${Math.round(publishMs / 1000)}`,
      };
      if (notModified(request, headers.etag, at)) return { status: 304, headers, body: { kind: 'empty' } };
      return file
        ? {
            status: 200,
            headers,
            body: { kind: 'ndjson-stream', lines: file.lines, contentType: FHIR_NDJSON },
          }
        : { status: 200, headers, body: { kind: 'json', value: bulkPublish(at, request.url.origin) } };
    },
    describe() {
      return published.map((p) => ({ centre_id: p.centre.id, location_id: p.locationId }));
    },
  };
}

/** The lines of each item in turn, computed when the writer gets to it. */
function* eachOf<T, L>(items: readonly T[], linesOf: (item: T) => Iterable<L>): Generator<L> {
  for (const item of items) yield* linesOf(item);
}

interface HourCount {
  hour: number;
  /** Free slots in the hour: its `slot-capacity`. */
  free: number;
  start: string;
  end: string;
}

/** One agenda's hours of a week that hold a published slot, by start, with the free slots of each. */
function hourCounts(
  days: readonly Readonly<DayTable>[],
  agenda: number,
  at: number,
  zone: string,
): HourCount[] {
  const free = new Map<number, number>();
  for (const day of days) {
    if (day.publishedAt > at) continue;
    for (let i = 0; i < day.starts.length; i++) {
      if (day.agendas[i] !== agenda) continue;
      const start = day.starts[i] as number;
      const hour = Math.floor(start / HOUR_MS) * HOUR_MS;
      const isFree = at < (day.bookedAt[i] as number) && at < start;
      free.set(hour, (free.get(hour) ?? 0) + (isFree ? 1 : 0));
    }
  }
  return [...free]
    .sort((a, b) => a[0] - b[0])
    .map(([hour, count]) => ({
      hour,
      free: count,
      start: isoWithOffset(hour, zone),
      end: isoWithOffset(hour + HOUR_MS, zone),
    }));
}

const HOUR_MS = 60 * MINUTE_MS;
const SLOT_MARK = 'creneauslotmark';

/**
 * The booking link with `slot=<id>`, as `URL.searchParams.set` writes it, without parsing the URL for
 * every slot: ids are letters, digits and dashes, which the query serializer leaves as they are.
 */
function deepLinkOf(bookingUrl: string | null | undefined): ((slotId: string) => string) | null {
  if (!bookingUrl) return null;
  const marked = new URL(bookingUrl);
  marked.searchParams.set('slot', SLOT_MARK);
  const [before, after, ...more] = marked.href.split(SLOT_MARK);
  if (before === undefined || after === undefined || more.length > 0)
    return (slotId) => {
      const link = new URL(bookingUrl);
      link.searchParams.set('slot', slotId);
      return link.href;
    };
  return (slotId) => `${before}${slotId}${after}`;
}

function notModified(request: SimRequest, etag: string, lastModified: number): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch) {
    // RFC 9110 §13.1.2: weak comparison, and If-None-Match wins over If-Modified-Since.
    const tags = ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(etag);
  }
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && Math.floor(lastModified / 1000) * 1000 <= since;
}

/** CVX codes, as SMART Scheduling Links' vaccine-product extension carries them. */
const CVX: Record<Vaccine, { code: string; display: string }> = {
  pfizer: { code: '208', display: 'Pfizer-BioNTech COVID-19 Vaccine' },
  moderna: { code: '207', display: 'Moderna COVID-19 Vaccine' },
  astrazeneca: { code: '210', display: 'AstraZeneca COVID-19 Vaccine' },
  janssen: { code: '212', display: 'Janssen COVID-19 Vaccine' },
};

function smartDose(dose: Dose): number | null {
  return dose === 'first' ? 1 : dose === 'second' ? 2 : dose === 'booster' ? 3 : null;
}

export default defineSimulator({
  name: 'smart',
  createApi: (centres, seed, options) => createSmartApi(centres, seed, SmartOptions.parse(options ?? {})),
});
