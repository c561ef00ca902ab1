import { defineDiscovery } from '../../discovery/define-discovery.ts';
import type { Listed } from '../../discovery/match.ts';
import type { DiscoveredCentre } from '../../discovery/proposal.ts';
import { departementOf } from '../../registry/departement.ts';
import type { AdapterContext } from '../context.ts';
import { getJson } from '../http.ts';
import keldoc from './platform.ts';
import { KeldocGeoSearch, type KeldocListedPlace } from './schemas.ts';

/** The speciality Keldoc's COVID vaccination centres were listed under in 2021. */
export const KELDOC_SPECIALTY = 'maladies-infectieuses';
const MAX_PAGES = 30;
const PUBLIC_HOST = 'https://vaccination-covid.keldoc.com';

function placeOf(place: KeldocListedPlace, searched: string): DiscoveredCentre {
  const link = new URL(place.url, PUBLIC_HOST);
  if (!link.searchParams.has('cabinet')) link.searchParams.set('cabinet', String(place.id));
  const specialty = place.specialty_ids?.[0];
  if (!link.searchParams.has('specialty') && specialty !== undefined)
    link.searchParams.set('specialty', String(specialty));
  const postcode = /^\d{5}$/.test(place.cabinet?.zipcode?.trim() ?? '')
    ? (place.cabinet?.zipcode?.trim() ?? null)
    : null;
  const [lat, lon] = (place.coordinates ?? '').split(',').map((n) => Number(n.trim()));
  const location =
    lat !== undefined &&
    lon !== undefined &&
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    (lat !== 0 || lon !== 0)
      ? { lat, lon, precision: 'address' as const }
      : null;
  // `location` is the street line, sometimes followed by the postcode and the city.
  const street = (place.cabinet?.location ?? '').replace(/,?\s*\d{5}\s.*$/, '').trim();
  return {
    platform: keldoc.name,
    platform_id: String(place.id),
    name: place.title.trim(),
    address: { lines: street ? [street] : [], postcode },
    commune: { insee: null, name: place.cabinet?.city?.trim() || null },
    departement: departementOf(null, postcode) ?? searched,
    location,
    booking_url: link.href,
    phones: [],
  };
}

export default defineDiscovery({
  name: keldoc.name,
  source: `searches/geo_location?specialty_id=${KELDOC_SPECIALTY}&raw_location=<département>-<code>`,
  async list(ctx: AdapterContext, departements) {
    const listed: Listed[] = [];
    const seen = new Set<number>();
    const root = ctx.settings.base_url.replace(/\/$/, '');
    for (const departement of departements) {
      for (let page = 1; page <= MAX_PAGES; page++) {
        const query = new URLSearchParams({
          specialty_id: KELDOC_SPECIALTY,
          raw_location: `${departement.slug}-${departement.code.toLowerCase()}`,
          page: String(page),
        });
        const answer = await getJson(
          ctx,
          `${root}/api/patients/v2/searches/geo_location?${query}`,
          KeldocGeoSearch,
        );
        for (const [key, section] of Object.entries(answer.results ?? {})) {
          if (!key.startsWith('section_')) continue;
          for (const place of section.data ?? []) {
            if (seen.has(place.id)) continue;
            seen.add(place.id);
            listed.push({ centre: placeOf(place, departement.code) });
          }
        }
        if (!answer.options?.next_page) break;
      }
    }
    return listed;
  },
  linkKeys(url) {
    const link = keldoc.parseBookingLink(url);
    if (!link) return null;
    return {
      placeId: link.cabinetId === null ? null : String(link.cabinetId),
      page: `${link.type}/${link.location}/${link.slug}`.toLowerCase(),
    };
  },
});
