import { z } from 'zod';

/**
 * `pairs` in `creneau.config.json` (issue 15, point 4): the documented interval between the first and
 * the second injection of each vaccine, used when the platform does not state one
 * (`second_dose_delay_days`). Keyed by the vaccine names the adapters give (`src/adapters/classify.ts`).
 * `days: 0` is a single-dose vaccine; `max_days` the end of a recommended window (AstraZeneca).
 */
export const SecondDoseInterval = z
  .strictObject({
    days: z.int().min(0).max(365),
    max_days: z.int().min(1).max(365).optional(),
  })
  .refine((interval) => interval.max_days === undefined || interval.max_days >= interval.days, {
    message: 'max_days must not be before days',
  });
export type SecondDoseInterval = z.infer<typeof SecondDoseInterval>;

/**
 * The defaults, as France's health authorities documented them in early 2021:
 * - Pfizer-BioNTech (Comirnaty): 21 days in the EMA's product information (21 December 2020); France
 *   allowed up to 42 days (HAS, 23 January 2021; ministry/DGS), and booking platforms used 42.
 * - Moderna (COVID-19 Vaccine Moderna): 28 days (EMA product information, 6 January 2021); France moved
 *   it to 42 days in April 2021 (operators change this value when the rule changes).
 * - AstraZeneca (Vaxzevria): 9 to 12 weeks (HAS, 2 February 2021): 63 to 84 days.
 * - Janssen: a single dose (EMA, 11 March 2021).
 */
export const DEFAULT_SECOND_DOSE_INTERVALS: Readonly<Record<string, SecondDoseInterval>> = {
  'Pfizer-BioNTech': { days: 42 },
  Moderna: { days: 28 },
  AstraZeneca: { days: 63, max_days: 84 },
  Janssen: { days: 0 },
};

export const PairsSettings = z.strictObject({
  second_dose_intervals: z
    .record(z.string().trim().min(1).max(40), SecondDoseInterval)
    .default({})
    // An operator names the vaccines whose rule changed; the others keep their documented default.
    // (names compared without case, as the adapters' vaccine names are matched).
    .transform((given) => {
      const named = new Set(Object.keys(given).map((name) => name.toLowerCase()));
      const kept = Object.entries(DEFAULT_SECOND_DOSE_INTERVALS).filter(
        ([name]) => !named.has(name.toLowerCase()),
      );
      return { ...Object.fromEntries(kept), ...given };
    }),
});
export type PairsSettings = z.infer<typeof PairsSettings>;

export const DEFAULT_PAIRS_SETTINGS: PairsSettings = PairsSettings.parse({});

// The server entry and the pages Astro bundles are two copies of this module: the configured
// intervals live on globalThis so that both read the same ones (cf. src/availability/knowledge.ts).
const PAIRS_KEY = Symbol.for('creneau.pairs-settings');
type Holder = { [PAIRS_KEY]?: PairsSettings };

/** Installs the configured intervals (the server entry does, from `pairs`). */
export function configurePairs(settings: PairsSettings): void {
  (globalThis as Holder)[PAIRS_KEY] = settings;
}

export function pairsSettings(): PairsSettings {
  return (globalThis as Holder)[PAIRS_KEY] ?? DEFAULT_PAIRS_SETTINGS;
}
