import { describe, expect, it } from 'vitest';
import doctolibDiscovery from '../../../src/adapters/doctolib/discover.ts';
import keldocDiscovery from '../../../src/adapters/keldoc/discover.ts';
import maiiaDiscovery from '../../../src/adapters/maiia/discover.ts';
import {
  addressKey,
  findingsOf,
  type LinkReaders,
  type Listed,
  matchListed,
} from '../../../src/discovery/match.ts';
import { nameSimilarity } from '../../../src/registry/centre-name.ts';
import { listedPlace, registryCentre } from '../../fixtures/discovery/places.ts';

const readers: LinkReaders = Object.fromEntries(
  [keldocDiscovery, doctolibDiscovery, maiiaDiscovery].map((d) => [d.name, (url: string) => d.linkKeys(url)]),
);

const listed = (...places: Listed['centre'][]): Listed[] => places.map((centre) => ({ centre }));

describe('the matching rule: normalised forms', () => {
  it('reads the same address written differently as one', () => {
    expect(addressKey(['12 av. Jean-Jaurès'])).toBe(addressKey(['12, Avenue JEAN JAURES']));
    expect(addressKey(['3 bd de la Liberté'])).toBe(addressKey(['3 boulevard Liberté']));
    expect(addressKey(['12 avenue Jean Jaurès'])).not.toBe(addressKey(['14 avenue Jean Jaurès']));
  });

  it('compares names by their distinctive words', () => {
    expect(
      nameSimilarity('Centre de vaccination - Salle Polyvalente', 'CENTRE VACCINATION SALLE POLYVALENTE'),
    ).toBe(1);
    expect(nameSimilarity('Pharmacie de la Gare', 'Centre de vaccination de la Gare')).toBeCloseTo(2 / 3);
    expect(nameSimilarity('Cabinet infirmier Saint-Jean', 'Pharmacie St Jean')).toBeCloseTo(4 / 7);
  });
});

describe('the matching rule on hand-written cases', () => {
  it('matches the same place written differently (name, address, a pin 40 m off) and proposes its link', () => {
    const centre = registryCentre({ id: 'salle', name: 'Centre de vaccination Salle Polyvalente' });
    const place = listedPlace({
      platform_id: '20111',
      name: 'CENTRE VACCINATION - SALLE POLYVALENTE',
      address: { lines: ['12 av. Jean-Jaurès'], postcode: '35000' },
      location: { lat: 48.10555, lon: -1.6742, precision: 'address' },
    });
    const [outcome] = matchListed(listed(place), [centre], readers);
    expect(outcome?.kind).toBe('matched');
    if (outcome?.kind !== 'matched') return;
    expect(outcome.centre.id).toBe('salle');
    expect(outcome.evidence).toMatchObject({ rule: 'name_address', same_address: true, name_similarity: 1 });
    expect(outcome.evidence.distance_m).toBeGreaterThan(20);
    expect(outcome.evidence.distance_m).toBeLessThan(60);
    const findings = findingsOf(listed(place), [outcome]);
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'link',
        centreId: 'salle',
        centreGid: 'gid-salle',
        platform: 'keldoc',
      }),
    ]);
  });

  it('keeps two centres in one building apart, and a third one there is a new centre', () => {
    const building = { address: { lines: ['1 place de la Gare'], postcode: '35000' } };
    const pharmacy = registryCentre({ id: 'pharmacie', name: 'Pharmacie de la Gare', ...building });
    const centre = registryCentre({ id: 'centre', name: 'Centre de vaccination de la Gare', ...building });
    const places = listed(
      listedPlace({ platform_id: '1', name: 'Centre de vaccination de la Gare', ...building }),
      listedPlace({
        platform_id: '2',
        name: 'PHARMACIE DE LA GARE',
        address: { lines: ['1 pl. de la Gare'], postcode: '35000' },
      }),
      listedPlace({ platform_id: '3', name: 'Cabinet infirmier de la Gare', ...building }),
    );
    const outcomes = matchListed(places, [pharmacy, centre], readers);
    expect(outcomes.map((o) => (o.kind === 'matched' ? o.centre.id : 'new'))).toEqual([
      'centre',
      'pharmacie',
      'new',
    ]);
    expect(findingsOf(places, outcomes).map((f) => [f.kind, f.centreId ?? null])).toEqual([
      ['link', 'centre'],
      ['link', 'pharmacie'],
      ['new_centre', null],
    ]);
  });

  it('makes another practice of a building a new centre, not the registry one there', () => {
    const building = { address: { lines: ['1 place de la Gare'], postcode: '35000' } };
    const pharmacy = registryCentre({ id: 'pharmacie', name: 'Pharmacie de la Gare', ...building });
    const places = listed(
      listedPlace({ platform_id: '3', name: 'Cabinet infirmier de la Gare', ...building }),
    );
    const outcomes = matchListed(places, [pharmacy], readers);
    expect(outcomes[0]?.kind).toBe('new');
    expect(findingsOf(places, outcomes)).toEqual([
      expect.objectContaining({ kind: 'new_centre', platform: 'keldoc' }),
    ]);
  });

  it('does not guess between two centres of one building named alike', () => {
    const building = { address: { lines: ['1 place de la Gare'], postcode: '35000' } };
    const a = registryCentre({ id: 'hall-a', name: 'Vaccination Gare Hall', ...building });
    const b = registryCentre({ id: 'hall-b', name: 'Vaccination Hall Gare', ...building });
    const [outcome] = matchListed(
      listed(listedPlace({ platform_id: '9', name: 'Gare Hall', ...building })),
      [a, b],
      readers,
    );
    expect(outcome?.kind).toBe('new');
    expect(outcome?.evidence.notes.join(' ')).toMatch(/as close to hall-a as to hall-b/);
  });

  it('follows a centre that moved when the platform names its place, and says it moved', () => {
    const centre = registryCentre({
      id: 'vitre',
      name: 'Centre de vaccination de Vitré',
      address: { lines: ['Salle des sports, 5 rue de la Mériais'], postcode: '35500' },
      commune: { insee: '35360', name: 'Vitré' },
      location: { lat: 48.1236, lon: -1.2096, precision: 'address' },
      booking: {
        url: 'https://vaccination-covid.keldoc.com/centre-hospitalier-regional/vitre-35500/centre-de-vitre?specialty=144&cabinet=777',
        platform: 'keldoc',
      },
    });
    const moved = listedPlace({
      platform_id: '777',
      name: 'Centre de vaccination de Vitré – Parc des expositions',
      address: { lines: ['Boulevard des Rochers'], postcode: '35500' },
      location: { lat: 48.105, lon: -1.185, precision: 'address' },
      booking_url:
        'https://vaccination-covid.keldoc.com/centre-hospitalier-regional/vitre-35500/centre-de-vitre?specialty=144&cabinet=777',
    });
    const [outcome] = matchListed(listed(moved), [centre], readers);
    expect(outcome?.kind).toBe('matched');
    expect(outcome?.evidence.rule).toBe('identifier');
    expect(outcome?.evidence.distance_m).toBeGreaterThan(2000);
    expect(outcome?.evidence.notes.join(' ')).toMatch(/may have moved/);
    // Its link is already the platform's: nothing to propose.
    expect(findingsOf(listed(moved), outcome ? [outcome] : [])).toEqual([]);
  });

  it('makes a moved centre without identifier a new centre, naming the registry one of the same name', () => {
    const centre = registryCentre({
      id: 'vitre',
      name: 'Centre de vaccination de Vitré',
      address: { lines: ['5 rue de la Mériais'], postcode: '35500' },
      location: { lat: 48.1236, lon: -1.2096, precision: 'address' },
    });
    const moved = listedPlace({
      platform_id: '778',
      name: 'Centre de vaccination Vitré',
      address: { lines: ['Boulevard des Rochers'], postcode: '35500' },
      location: { lat: 48.105, lon: -1.185, precision: 'address' },
    });
    const [outcome] = matchListed(listed(moved), [centre], readers);
    expect(outcome?.kind).toBe('new');
    expect(outcome?.evidence.notes.join(' ')).toMatch(
      /similar name to vitre 2\.\d km away: moved, or another centre\?/,
    );
  });

  it('takes platform identifiers first, over a more similar name next door', () => {
    const byId = registryCentre({
      id: 'by-id',
      name: 'CHU Pontchaillou',
      booking: {
        url: 'https://vaccination-covid.keldoc.com/chu/rennes-35000/chu-rennes?specialty=144&cabinet=4242',
        platform: 'keldoc',
      },
    });
    const lookalike = registryCentre({ id: 'lookalike', name: 'Centre de vaccination Pontchaillou Hall' });
    const place = listedPlace({ platform_id: '4242', name: 'Pontchaillou Hall' });
    const [outcome] = matchListed(listed(place), [lookalike, byId], readers);
    expect(outcome?.kind === 'matched' && outcome.centre.id).toBe('by-id');
  });

  it("fills the place's id of a registry link of the same page (a Maiia link without centerid=)", () => {
    const centre = registryCentre({
      id: 'maiia-page',
      name: 'Centre de vaccination de Cesson',
      booking: {
        url: 'https://www.maiia.com/centre-de-vaccination/35510-cesson-sevigne/cv-cesson',
        platform: 'maiia',
      },
    });
    const place = listedPlace({
      platform: 'maiia',
      platform_id: '60a1b2c3d4e5f60718293a4b',
      name: 'CV Cesson',
      location: null,
      address: { lines: [], postcode: '35510' },
      booking_url:
        'https://www.maiia.com/centre-de-vaccination/35510-cesson-sevigne/cv-cesson?centerid=60a1b2c3d4e5f60718293a4b',
    });
    const outcomes = matchListed(listed(place), [centre], readers);
    expect(outcomes[0]?.kind === 'matched' && outcomes[0].centre.id).toBe('maiia-page');
    expect(findingsOf(listed(place), outcomes)).toEqual([
      expect.objectContaining({ kind: 'platform_id', centreId: 'maiia-page' }),
    ]);
  });

  it('takes each registry centre once: a second listing of the same name is a new centre', () => {
    const centre = registryCentre({ id: 'one', name: 'Salle Guy Ropartz' });
    const places = listed(
      listedPlace({ platform_id: '1', name: 'Salle Guy Ropartz' }),
      listedPlace({ platform_id: '2', name: 'Salle Guy Ropartz' }),
    );
    expect(matchListed(places, [centre], readers).map((o) => o.kind)).toEqual(['matched', 'new']);
  });

  it('never matches by name across départements or far away', () => {
    const centre = registryCentre({ id: 'rennes', name: 'Salle de la Cité' });
    const far = listedPlace({
      platform_id: '5',
      name: 'Salle de la Cité',
      departement: '44',
      address: { lines: ['12 avenue Jean Jaurès'], postcode: '44000' },
      location: { lat: 47.2184, lon: -1.5536, precision: 'address' },
    });
    expect(matchListed(listed(far), [centre], readers)[0]?.kind).toBe('new');
  });
});
