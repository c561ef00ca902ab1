import { definePlatform } from '../../platforms/define-platform.ts';

/** What a Maiia link says: the centre's id, from `centerid=` (sometimes spelt `centerId=`). */
export interface MaiiaLink {
  centerId: string | null;
}

export default definePlatform({
  name: 'maiia',
  label: 'Maiia',
  kind: 'booking',
  hosts: ['maiia.com'],
  linkExample: 'https://www.maiia.com/<type>/<cp-ville>/<centre>?centerid=<id>',
  // `/{kind}/{place}/{slug}?centerid=`: a link without the id is still Maiia's, and reads not_found.
  parseLink(url): MaiiaLink | null {
    if (url.pathname.split('/').filter(Boolean).length < 3) return null;
    for (const [key, value] of url.searchParams)
      if (key.toLowerCase() === 'centerid' && value) return { centerId: value };
    return { centerId: null };
  },
  unpollable: (link) => (link.centerId ? null : 'the link has no centerid= (only the page slug)'),
  resolvesLinks: true,
  discovers: true,
  home: import.meta.url,
  demo: {
    share: 0.2,
    bookingUrl({ town, postcode, centre }, draws) {
      const centerId = Array.from({ length: 24 }, () => draws.int(0, 15).toString(16)).join('');
      return `https://www.maiia.com/centre-de-vaccination/${postcode}-${town}/${centre}?centerid=${centerId}`;
    },
  },
  booksBothInjections: true,
});
