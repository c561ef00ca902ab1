import type { Centre } from './centre.ts';

/**
 * FHIR identifier systems under which Créneau's centres are named in SMART Scheduling Links files:
 * the simulator's feed and Créneau's own publication use the same ones, so the `smart` adapter
 * matches a location to its centre by id whichever of the two it reads.
 */
export const SMART_CENTRE_ID_SYSTEM = 'urn:creneau:centre-id';

/**
 * The source's own id of a centre (spec, "Preserve Source Identifiers"): the official list's `gid`
 * under the data set's public address, which other aggregators of the same list would also choose.
 */
export const SOURCE_ID_SYSTEMS: Readonly<Record<Centre['source']['kind'], string>> = {
  official: 'https://www.data.gouv.fr/fr/datasets/lieux-de-vaccination-contre-la-covid-19/#gid',
  demo: 'urn:creneau:demo-id',
  feed: 'urn:creneau:feed-location-id',
  discovery: 'urn:creneau:discovered-id',
};
