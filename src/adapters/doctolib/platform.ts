import { decodedComponent, definePlatform } from '../../platforms/define-platform.ts';

/** What a Doctolib link says: the booking's slug and, with `pid=practice-N`, the place it picks. */
export interface DoctolibLink {
  slug: string;
  /** `practice-N` as the booking's places are named; the raw value when it reads otherwise. */
  placeId: string | null;
  practiceId: number | null;
}

export default definePlatform({
  name: 'doctolib',
  label: 'Doctolib',
  kind: 'booking',
  hosts: ['doctolib.fr'],
  linkExample: 'https://partners.doctolib.fr/<spécialité>/<ville>/<centre>?pid=practice-N',
  // `/{speciality}/{city}/{slug}`, optionally followed by `/booking/…`; the slug names the booking.
  parseLink(url): DoctolibLink | null {
    const segment = url.pathname.split('/').filter(Boolean)[2];
    if (!segment) return null;
    const pid = url.searchParams.get('pid') ?? url.searchParams.get('placeId');
    // Real links carry `pid=practice-N` but also `pid=practice-N?speciality_id=…` (a second `?`).
    const practice = /practice-(\d+)/.exec(pid ?? '')?.[1];
    return {
      slug: decodedComponent(segment),
      placeId: practice ? `practice-${practice}` : pid,
      practiceId: practice ? Number(practice) : null,
    };
  },
  discovers: true,
  home: import.meta.url,
  demo: {
    share: 0.35,
    bookingUrl: ({ town, centre }, draws) =>
      `https://partners.doctolib.fr/centre-de-sante/${town}/${centre}?pid=practice-${draws.int(100_000, 299_999)}&enable_cookies_consent=1`,
  },
  booksBothInjections: true,
});
