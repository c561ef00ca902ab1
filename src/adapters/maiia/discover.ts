import { defineDiscovery } from '../../discovery/define-discovery.ts';
import type { Listed } from '../../discovery/match.ts';
import type { DiscoveredCentre } from '../../discovery/proposal.ts';
import { departementOf } from '../../registry/departement.ts';
import type { AdapterContext } from '../context.ts';
import { getJson } from '../http.ts';
import { maiiaPagePath } from './page-path.ts';
import maiia from './platform.ts';
import { MaiiaCentreListing, type MaiiaListedCentre } from './schemas.ts';

/** The kinds of page Maiia's vaccination places were listed under in 2021 (ViteMaDose's `CENTER_TYPES`). */
export const MAIIA_KINDS = ['centre-de-vaccination', 'pharmacie', 'centre-hospitalier-(ch)'] as const;
const PAGE_SIZE = 50;
const MAX_PAGES = 200;
const PUBLIC_HOST = 'https://www.maiia.com';

function placeOf(center: MaiiaListedCentre): DiscoveredCentre | null {
  if (!center.url || !center.name) return null;
  const address = center.publicInformation?.address;
  const postcode = /^\d{5}$/.test(address?.zipCode?.trim() ?? '') ? (address?.zipCode?.trim() ?? null) : null;
  const insee = /^(\d{5}|2[AB]\d{3})$/.test(address?.inseeCode ?? '') ? (address?.inseeCode ?? null) : null;
  const street =
    [address?.number, address?.street].filter((part) => part?.trim()).join(' ') ||
    (address?.fullAddress ?? '').replace(/,?\s*\d{5}\s.*$/, '').trim();
  const [lon, lat] = address?.location?.coordinates ?? [];
  const link = new URL(center.url, PUBLIC_HOST);
  link.searchParams.set('centerid', center.id);
  const phone = center.publicInformation?.officeInformation?.phoneNumber?.trim();
  return {
    platform: maiia.name,
    platform_id: center.id,
    name: center.name.trim(),
    address: { lines: street ? [street] : [], postcode },
    commune: { insee, name: address?.city?.trim() || null },
    departement: departementOf(insee, postcode),
    location:
      lat !== undefined && lon !== undefined && (lat !== 0 || lon !== 0)
        ? { lat, lon, precision: 'address' }
        : null,
    booking_url: link.href,
    phones: phone ? [phone] : [],
  };
}

export default defineDiscovery({
  name: maiia.name,
  source:
    'api/pat-public/hcd?AllVaccinationPlaces=true&speciality.shortName=<kind> (national, filtered by département)',
  async list(ctx: AdapterContext, departements) {
    const wanted = new Set(departements.map((d) => d.code));
    const listed: Listed[] = [];
    const seen = new Set<string>();
    const root = ctx.settings.base_url.replace(/\/$/, '');
    for (const kind of MAIIA_KINDS) {
      for (let page = 0, count = 0; page < MAX_PAGES; page++) {
        const query = new URLSearchParams({
          distanceMax: '10000',
          AllVaccinationPlaces: 'true',
          'speciality.shortName': kind,
          limit: String(PAGE_SIZE),
          page: String(page),
        });
        const answer = await getJson(ctx, `${root}/api/pat-public/hcd?${query}`, MaiiaCentreListing);
        for (const { center } of answer.items) {
          for (const one of [center, ...(center.childCenters ?? [])]) {
            const place = placeOf(one);
            if (!place || seen.has(place.platform_id)) continue;
            seen.add(place.platform_id);
            if (place.departement && wanted.has(place.departement)) listed.push({ centre: place });
          }
        }
        count += answer.items.length;
        if (answer.items.length < PAGE_SIZE || count >= answer.total) break;
      }
    }
    return listed;
  },
  linkKeys(url) {
    const link = maiia.parseBookingLink(url);
    return link ? { placeId: link.centerId, page: maiiaPagePath(new URL(url)) } : null;
  },
});
