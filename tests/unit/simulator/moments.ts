import type { Centre } from '../../../src/registry/centre.ts';
import { doseArrivals, siteProfile } from '../../../src/simulator/index.ts';
import { CENTRES } from '../../fixtures/simulator/centres.ts';

export const SEED = 'test';
export const START = '2021-04-12T08:00:00+02:00';
const DAY = 86_400_000;

/** A fixture centre by id. */
export function centreById(id: string): Centre {
  const centre = CENTRES.find((c) => c.id === id);
  if (!centre) throw new Error(`no fixture centre ${id}`);
  return centre;
}

/** The first dose arrival after START that opens slots at a centre booking online. */
export function firstArrival(centre: Centre) {
  if (siteProfile(centre, SEED).phoneOnly) throw new Error(`${centre.id} is phone-only under seed ${SEED}`);
  const from = Date.parse(START);
  const arrival = doseArrivals(centre, SEED, from, from + 60 * DAY).find((a) => a.share > 0);
  if (!arrival) throw new Error(`no dose arrival for ${centre.id}`);
  return arrival;
}

export const dayToDate = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
