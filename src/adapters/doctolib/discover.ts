import { defineDiscovery } from '../../discovery/define-discovery.ts';
import type { DiscoveryDepartement } from '../../discovery/departements.ts';
import type { Listed } from '../../discovery/match.ts';
import type { DiscoveredCentre } from '../../discovery/proposal.ts';
import { departementOf } from '../../registry/departement.ts';
import type { AdapterContext } from '../context.ts';
import { getJson } from '../http.ts';
import doctolib from './platform.ts';
import { DoctolibSearch, type DoctolibSearchResult } from './schemas.ts';

const MAX_PAGES = 30;
const PUBLIC_HOST = 'https://partners.doctolib.fr';

/**
 * Doctolib's page of a département is its name as a slug, except where the name is also a commune's
 * (ViteMaDose's `dep_conversion`, 2021).
 */
const SLUG_EXCEPTIONS: Readonly<Record<string, string>> = {
  indre: 'departement-indre',
  gironde: 'departement-gironde',
  mayenne: 'departement-mayenne',
  vienne: 'departement-vienne',
};

export function doctolibDepartementSlug(departement: DiscoveryDepartement): string {
  return SLUG_EXCEPTIONS[departement.slug] ?? departement.slug;
}

function placeOf(result: DoctolibSearchResult, searched: string): DiscoveredCentre {
  const link = new URL(result.link, PUBLIC_HOST);
  const pid = /^practice-\d+$/.test(result.place_id ?? '') ? (result.place_id as string) : null;
  if (pid && !link.searchParams.has('pid')) link.searchParams.set('pid', pid);
  const postcode = (result.zipcode ?? '').replace(/\s/g, '');
  const known = /^\d{5}$/.test(postcode) ? postcode : null;
  const lat = result.position?.lat;
  const lon = result.position?.lng;
  const slug = doctolib.parseBookingLink(link)?.slug ?? result.link;
  return {
    platform: doctolib.name,
    platform_id: pid ?? `slug:${slug}`,
    name: result.name_with_title.trim(),
    address: { lines: result.address?.trim() ? [result.address.trim()] : [], postcode: known },
    commune: { insee: null, name: result.city?.trim() || null },
    departement: departementOf(null, known) ?? searched,
    location:
      typeof lat === 'number' && typeof lon === 'number' && (lat !== 0 || lon !== 0)
        ? { lat, lon, precision: 'address' }
        : null,
    booking_url: link.href,
    phones: [],
  };
}

export default defineDiscovery({
  name: doctolib.name,
  source: 'vaccination-covid-19/<département>.json?page=N',
  async list(ctx: AdapterContext, departements) {
    const listed: Listed[] = [];
    const seen = new Set<string>();
    const root = ctx.settings.base_url.replace(/\/$/, '');
    for (const departement of departements) {
      for (let page = 1; page <= MAX_PAGES; page++) {
        const url = `${root}/vaccination-covid-19/${doctolibDepartementSlug(departement)}.json?page=${page}`;
        const answer = await getJson(ctx, url, DoctolibSearch);
        const results = answer.data.doctors;
        let left = false;
        for (const result of results) {
          // Past the département's own results, the listing goes on with neighbouring ones.
          if (result.exact_match === false) {
            left = true;
            break;
          }
          const place = placeOf(result, departement.code);
          if (seen.has(place.platform_id)) continue;
          seen.add(place.platform_id);
          listed.push({ centre: place });
        }
        if (results.length === 0 || left) break;
      }
    }
    return listed;
  },
  linkKeys(url) {
    const link = doctolib.parseBookingLink(url);
    return link ? { placeId: link.placeId, page: link.slug.toLowerCase() } : null;
  },
});
