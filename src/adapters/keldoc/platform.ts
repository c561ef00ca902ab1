import { decodedComponent, definePlatform } from '../../platforms/define-platform.ts';

/** What a Keldoc link says: `/{type}/{location}/{slug}[/{cabinet slug}]?specialty=N&cabinet=M`. */
export interface KeldocLink {
  type: string;
  location: string;
  slug: string;
  cabinetSlug: string | null;
  specialtyId: number | null;
  cabinetId: number | null;
}

export default definePlatform({
  name: 'keldoc',
  label: 'Keldoc',
  kind: 'booking',
  hosts: ['keldoc.com'],
  linkExample: 'https://vaccination-covid.keldoc.com/<type>/<ville>/<centre>?specialty=N&cabinet=M',
  parseLink(url): KeldocLink | null {
    const [type, location, slug, cabinetSlug] = url.pathname
      .split('/')
      .filter(Boolean)
      .map((segment) => decodedComponent(segment));
    if (!type || !location || !slug) return null;
    const idParam = (name: string) => {
      const value = Number(url.searchParams.get(name));
      return Number.isInteger(value) && value > 0 ? value : null;
    };
    return {
      type,
      location,
      slug,
      cabinetSlug: cabinetSlug ?? null,
      specialtyId: idParam('specialty'),
      cabinetId: idParam('cabinet'),
    };
  },
  discovers: true,
  home: import.meta.url,
  demo: {
    share: 0.2,
    bookingUrl: ({ town, postcode, centre }, draws) =>
      `https://vaccination-covid.keldoc.com/centre-hospitalier-regional/${town}-${postcode}/${centre}?specialty=144&cabinet=${draws.int(10_000, 29_999)}`,
  },
  booksBothInjections: true,
});
