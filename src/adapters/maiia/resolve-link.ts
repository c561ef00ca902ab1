import { defineLinkResolver } from '../../platforms/link-resolver.ts';
import { maiiaPagePath as pagePath } from './page-path.ts';
import maiia from './platform.ts';
import { MaiiaCentreListing } from './schemas.ts';

const PAGE_SIZE = 50;
/** 2021's listing held a few thousand places per kind; this bounds a listing that pages forever. */
const MAX_PAGES = 200;

/**
 * Maiia links without `centerid=` are resolved through Maiia's public listing of centres: the listing's
 * `center.url` is the page path of the link, and `center.id` the id the link lacks. One listing is asked
 * per kind of page the links name (`centre-de-vaccination`, `vaccinateur`…), paged.
 */
export default defineLinkResolver({
  name: maiia.name,
  async listing({ baseUrl, fetch, links }) {
    const kinds = [...new Set(links.map((link) => pagePath(link).split('/')[1]).filter(Boolean))];
    const byPath = new Map<string, string>();
    const root = baseUrl.replace(/\/$/, '');
    for (const kind of kinds) {
      for (let page = 0, seen = 0; page < MAX_PAGES; page++) {
        const query = new URLSearchParams({
          distanceMax: '10000',
          AllVaccinationPlaces: 'true',
          'speciality.shortName': kind ?? '',
          limit: String(PAGE_SIZE),
          page: String(page),
        });
        const response = await fetch(`${root}/api/pat-public/hcd?${query}`, {
          headers: { accept: 'application/json' },
        });
        if (!response.ok) throw new Error(`Maiia listing ${kind}: HTTP ${response.status}`);
        const answer = MaiiaCentreListing.parse(await response.json());
        for (const { center } of answer.items) {
          for (const listed of [center, ...(center.childCenters ?? [])])
            if (listed.url && !byPath.has(pagePath(listed.url))) byPath.set(pagePath(listed.url), listed.id);
        }
        seen += answer.items.length;
        if (answer.items.length < PAGE_SIZE || seen >= answer.total) break;
      }
    }
    return {
      source: `${root}/api/pat-public/hcd (${byPath.size} centres)`,
      resolve(url) {
        const id = byPath.get(pagePath(url));
        if (!id) return null;
        const resolved = new URL(url.href);
        resolved.searchParams.set('centerid', id);
        return resolved.href;
      },
    };
  },
});
