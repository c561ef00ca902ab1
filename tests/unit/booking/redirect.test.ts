import { describe, expect, it } from 'vitest';
import { resolveBookingRedirect, withSourceTag } from '../../../src/booking/redirect.ts';
import type { Centre } from '../../../src/registry/centre.ts';
import { makeCentre } from '../../fixtures/world.ts';

function centre(id: string, url: string | null, phones: string[] = []): Centre {
  return makeCentre({
    id,
    name: `Centre ${id}`,
    address: { lines: ['1 rue de la Paix'], postcode: '35000' },
    commune: { insee: '35238', name: 'Rennes' },
    departement: '35',
    location: { lat: 48.11, lon: -1.68, precision: 'address' },
    booking: { url, platform: url ? 'doctolib' : 'none' },
    phones,
    source: { kind: 'demo', id: null, updated_at: null },
  });
}

const NOW = new Date('2021-05-10T10:00:00+02:00');

const index = (centres: Centre[]) => ({ byId: (id: string) => centres.find((c) => c.id === id) });

describe('withSourceTag', () => {
  it('adds source=creneau as the only parameter of a URL without a query', () => {
    expect(withSourceTag('https://www.maiia.com/centre/rennes')).toBe(
      'https://www.maiia.com/centre/rennes?source=creneau',
    );
  });

  it('keeps the provider query string byte for byte, encoding included', () => {
    const url =
      'https://partners.doctolib.fr/centre-de-sante/rennes/cv?pid=practice-1&motive=a%20b+c&x=%C3%A9';
    expect(withSourceTag(url)).toBe(`${url}&source=creneau`);
  });

  it('puts the tag before a fragment', () => {
    expect(withSourceTag('https://example.org/book?a=1#slots')).toBe(
      'https://example.org/book?a=1&source=creneau#slots',
    );
  });

  it('does not add the tag twice', () => {
    expect(withSourceTag('https://example.org/?source=creneau')).toBe('https://example.org/?source=creneau');
  });

  it('handles a URL ending with ? or &', () => {
    expect(withSourceTag('https://example.org/?')).toBe('https://example.org/?source=creneau');
    expect(withSourceTag('https://example.org/?a=1&')).toBe('https://example.org/?a=1&source=creneau');
  });
});

describe('resolveBookingRedirect', () => {
  const centres = index([
    centre('demo-1', 'https://partners.doctolib.fr/c/rennes/x?pid=practice-2'),
    centre('demo-2', null, ['0299000000']),
  ]);

  it('redirects a known centre to its registry URL only', () => {
    expect(resolveBookingRedirect(centres, 'demo-1', NOW)).toMatchObject({
      kind: 'redirect',
      location: 'https://partners.doctolib.fr/c/rennes/x?pid=practice-2&source=creneau',
    });
  });

  it('does not redirect a centre without a booking URL, and keeps the centre for its phone', () => {
    const result = resolveBookingRedirect(centres, 'demo-2', NOW);
    expect(result.kind).toBe('no-booking-url');
    expect(result.kind === 'no-booking-url' && result.centre.phones).toEqual(['0299000000']);
  });

  it.each(['https://evil.example', '//evil.example', 'demo-1/../evil', 'DEMO-1', ''])(
    'refuses id %j',
    (id) => {
      expect(resolveBookingRedirect(centres, id, NOW).kind).toBe('unknown-centre');
    },
  );

  const dated = index([
    { ...centre('closed-1', 'https://partners.doctolib.fr/c/rennes/a'), closed: true },
    { ...centre('closing-1', 'https://partners.doctolib.fr/c/rennes/b'), closes_on: '2021-05-10' },
    { ...centre('later-1', 'https://partners.doctolib.fr/c/rennes/c'), opens_on: '2021-05-11' },
    { ...centre('dup-1', 'https://partners.doctolib.fr/c/rennes/old'), duplicate_of: 'closing-1' },
  ]);

  it('never redirects a closed centre to its platform', () => {
    expect(resolveBookingRedirect(dated, 'closed-1', NOW)).toMatchObject({
      kind: 'not-bookable',
      lifecycle: { state: 'closed', date: null },
    });
  });

  it('redirects on the last day before date_fermeture passes, and not the day after', () => {
    expect(resolveBookingRedirect(dated, 'closing-1', NOW).kind).toBe('redirect');
    const dayAfter = new Date('2021-05-11T00:05:00+02:00');
    expect(resolveBookingRedirect(dated, 'closing-1', dayAfter)).toMatchObject({
      kind: 'not-bookable',
      lifecycle: { state: 'closed', date: '2021-05-10' },
    });
  });

  it('does not send anyone to book a centre before its opening day', () => {
    expect(resolveBookingRedirect(dated, 'later-1', NOW)).toMatchObject({
      kind: 'not-bookable',
      lifecycle: { state: 'opens_on', date: '2021-05-11' },
    });
    expect(resolveBookingRedirect(dated, 'later-1', new Date('2021-05-11T08:00:00+02:00')).kind).toBe(
      'redirect',
    );
  });

  it('sends a duplicate to the booking of the centre kept in its stead', () => {
    expect(resolveBookingRedirect(dated, 'dup-1', NOW)).toMatchObject({
      kind: 'redirect',
      location: 'https://partners.doctolib.fr/c/rennes/b?source=creneau',
    });
  });
});
