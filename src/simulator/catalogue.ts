import type { Vaccine } from './supply.ts';

/**
 * What every platform's simulator shares to name motives; each names them its own way in its
 * `src/adapters/<name>/simulator.ts`. Names follow the real 2021 captures and vary the way real
 * centres wrote them; adapters classify by name, so the unknown-dose motive is named the way real
 * ambiguous motives were ("Vaccination COVID-19", no dose said).
 */

export const BRAND: Record<Vaccine, string> = {
  pfizer: 'Pfizer-BioNTech',
  moderna: 'Moderna',
  astrazeneca: 'AstraZeneca',
  janssen: 'Janssen',
};
