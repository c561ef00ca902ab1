import { Centre, type CentreLocation, type CentrePhone, type Weekday } from '../centre.ts';
import { departementOf } from '../departement.ts';
import { parseBookingField } from './booking-field.ts';
import { parseCoordinates } from './coordinates.ts';
import { type CommuneLookup, findCommune } from './find-commune.ts';
import type { FieldIssue } from './import-report.ts';
import type { OfficialColumn, OfficialHeader } from './official-columns.ts';
import {
  type Parsed,
  parseBoolean,
  parseDate,
  parseInsee,
  parsePostcode,
  parseTimestamp,
} from './parse-fields.ts';
import { parsePhones } from './phone.ts';
import { reservedWording } from './reserved.ts';

export type OfficialRowResult =
  | { kind: 'centre'; centre: Centre; warnings: FieldIssue[] }
  | { kind: 'rejected'; rejection: FieldIssue; gid: string | null };

const HOURS_COLUMNS: ReadonlyArray<readonly [Weekday, OfficialColumn]> = [
  ['monday', 'rdv_lundi'],
  ['tuesday', 'rdv_mardi'],
  ['wednesday', 'rdv_mercredi'],
  ['thursday', 'rdv_jeudi'],
  ['friday', 'rdv_vendredi'],
  ['saturday', 'rdv_samedi'],
  ['sunday', 'rdv_dimanche'],
];

// The booking line first: it is the one a visitor without internet access needs.
const PHONE_COLUMNS: readonly OfficialColumn[] = ['rdv_tel', 'rdv_tel2', 'lieu_tel'];

/** `gid` as an id part: digits as the list writes them, `12.0` as some spreadsheet re-exports do. */
function sourceId(gid: string): string | null {
  const id = gid.replace(/^(\d+)\.0+$/, '$1').toLowerCase();
  return /^[a-z0-9][a-z0-9-]*$/.test(id) ? id : null;
}

export interface OfficialRowContext {
  header: OfficialHeader;
  communes: CommuneLookup;
}

/** One row of the official list → a centre and what was doubtful in it, or the reason it cannot be one. */
export function mapOfficialRow(
  values: readonly string[],
  { header, communes }: OfficialRowContext,
): OfficialRowResult {
  const get = (column: OfficialColumn) => header.get(values, column);
  const gidText = get('gid');
  if (!gidText) return { kind: 'rejected', gid: null, rejection: { kind: 'no-id', message: 'no gid' } };
  const gid = sourceId(gidText);
  if (!gid) {
    return {
      kind: 'rejected',
      gid: gidText,
      rejection: { kind: 'bad-id', message: `gid "${gidText}" is not an id` },
    };
  }
  const name = get('nom');
  if (!name)
    return { kind: 'rejected', gid, rejection: { kind: 'no-name', message: 'no name (nom is empty)' } };

  const warnings: FieldIssue[] = [];
  const take = <T>(parsed: Parsed<T>): T => {
    if (parsed.issue) warnings.push(parsed.issue);
    return parsed.value;
  };

  const insee = take(parseInsee(get('com_insee')));
  const postcode = take(parsePostcode(get('com_cp')));
  const communeName = get('com_nom') || null;
  const booking = parseBookingField(get('rdv_site_web'));
  warnings.push(...booking.issues);
  const modalities = get('rdv_modalites');

  const phoneDetails: CentrePhone[] = [];
  for (const column of PHONE_COLUMNS) {
    const { numbers, issues } = parsePhones(get(column), column);
    warnings.push(...issues);
    for (const phone of numbers)
      if (!phoneDetails.some((known) => known.number === phone.number)) phoneDetails.push(phone);
  }
  const phones = phoneDetails.map((phone) => phone.number);

  const openingHours: Partial<Record<Weekday, string>> = {};
  for (const [day, column] of HOURS_COLUMNS) {
    const hours = get(column);
    if (hours) openingHours[day] = hours;
  }

  const candidate: Centre = {
    id: `sante-${gid}`,
    name,
    address: {
      lines: [[get('adr_num'), get('adr_voie')].filter(Boolean).join(' ')].filter(Boolean),
      postcode,
    },
    commune: { insee, name: communeName },
    departement: departementOf(insee, postcode),
    location: locate(
      get('lat_coor1'),
      get('long_coor1'),
      { insee, postcode, name: communeName },
      communes,
      warnings,
    ),
    booking: {
      url: booking.url,
      platform: booking.platform,
      ...(booking.originalUrl ? { original_url: booking.originalUrl, repairs: booking.repairs } : {}),
    },
    phones,
    phone_details: phoneDetails,
    opening_hours: openingHours,
    accessible: take(parseBoolean(get('lieu_accessibilite'), 'lieu_accessibilite')),
    opens_on: take(parseDate(get('date_ouverture'), 'date_ouverture')),
    closes_on: take(parseDate(get('date_fermeture'), 'date_fermeture')),
    closed: take(parseBoolean(get('centre_fermeture'), 'centre_fermeture')),
    duplicate_of: null,
    notes: modalities || booking.freeText,
    health_professionals_only: reservedFor(
      get('reserve_professionels_sante'),
      name,
      modalities,
      take,
      warnings,
    ),
    source: {
      kind: 'official',
      id: gid,
      updated_at: take(parseTimestamp(get('_edit_datemaj'), '_edit_datemaj')),
    },
  };
  // The checks above should make every centre valid; this keeps the registry's contract if one slips through.
  const checked = Centre.safeParse(candidate);
  if (!checked.success) {
    const problems = checked.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    return { kind: 'rejected', gid, rejection: { kind: 'invalid-centre', message: problems } };
  }
  return { kind: 'centre', centre: checked.data, warnings };
}

/**
 * `reserve_professionels_sante` as written; when it is empty or absent, what the name or `rdv_modalites`
 * say (reservedWording), reported as derived. Null when neither says.
 */
function reservedFor(
  text: string,
  name: string,
  modalities: string,
  take: <T>(parsed: Parsed<T>) => T,
  warnings: FieldIssue[],
): boolean | null {
  const stated = take(parseBoolean(text, 'reserve_professionels_sante'));
  if (stated !== null || text !== '') return stated;
  const wording = reservedWording(name, modalities);
  if (wording === null) return null;
  warnings.push({
    kind: 'reserved-derived',
    message: `reserve_professionels_sante is empty; derived true from "${wording}"`,
  });
  return true;
}

/** The row's own coordinates, else its commune's centre (flagged), else null; every fallback is a warning. */
function locate(
  latText: string,
  lonText: string,
  query: Parameters<typeof findCommune>[1],
  communes: CommuneLookup,
  warnings: FieldIssue[],
): CentreLocation | null {
  const coordinates = parseCoordinates(latText, lonText);
  if (coordinates.value) {
    if (coordinates.issue) warnings.push(coordinates.issue);
    return { ...coordinates.value, precision: 'address' };
  }
  const reason =
    coordinates.issue?.kind === 'coordinates-missing' ? 'no coordinates' : 'no usable coordinates';
  // Missing coordinates are reported once, by the fallback's warning; bad ones keep their own.
  if (coordinates.issue && coordinates.issue.kind !== 'coordinates-missing') warnings.push(coordinates.issue);
  const found = findCommune(communes, query);
  if (!found) {
    const codes = [
      query.insee && `INSEE ${query.insee}`,
      query.postcode && `postcode ${query.postcode}`,
    ].filter(Boolean);
    const named = [query.name ?? '', codes.length > 0 ? `(${codes.join(', ')})` : ''].join(' ').trim();
    warnings.push(
      named
        ? {
            kind: 'commune-unknown',
            message: `${reason}, and commune ${named} is not in the gazetteer: not located`,
          }
        : { kind: 'not-located', message: `${reason} and no commune: not located` },
    );
    return null;
  }
  const { commune, by } = found;
  const precision = commune.location.approximate ? 'approximate' : 'commune';
  warnings.push({
    kind: 'placed-at-commune',
    message: `${reason}: placed at the centre of ${commune.name} (${commune.insee}, found by ${by}), precision ${precision}`,
  });
  return { lat: commune.location.lat, lon: commune.location.lon, precision };
}
