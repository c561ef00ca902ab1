import type { Commune } from '../../../src/places/types.ts';
import type { CommuneLookup } from '../../../src/registry/import/find-commune.ts';

function commune(
  insee: string,
  name: string,
  postcodes: string[],
  lat: number,
  lon: number,
  approximate = false,
): Commune {
  return {
    insee,
    name,
    postcodes,
    departement: insee.slice(0, 2),
    region: null,
    epci: null,
    population: 1000,
    location: { lat, lon, approximate },
  };
}

/** A hand-written gazetteer for the fixtures: Rennes, Quimper (estimated point), two communes sharing 22300. */
export const FAKE_COMMUNES: readonly Commune[] = [
  commune('35238', 'Rennes', ['35000', '35200', '35700'], 48.1115, -1.6803),
  commune('29232', 'Quimper', ['29000'], 47.9975, -4.0979, true),
  commune('22113', 'Lannion', ['22300'], 48.7326, -3.4566),
  commune('22215', "Ploulec'h", ['22300'], 48.7175, -3.5042),
  commune('97105', 'Basse-Terre', ['97100'], 15.9985, -61.7255),
];

export function fakeCommunes(communes: readonly Commune[] = FAKE_COMMUNES): CommuneLookup {
  return {
    commune: (insee) => communes.find((candidate) => candidate.insee === insee),
    communesByPostcode: (postcode) => communes.filter((candidate) => candidate.postcodes.includes(postcode)),
  };
}
