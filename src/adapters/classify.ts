import { withoutAccents } from '../shared/text.ts';
import { type Availability, type Dose, emptyPerDose } from './availability.ts';

/** Lower-case, without accents: motive names are typed by hand, with or without them. */
function fold(text: string): string {
  return withoutAccents(text).toLowerCase();
}

/**
 * The dose a motive is for, from its name. Motive names change without notice, so anything
 * not recognised is `unknown` (still counted), never dropped. Order matters: "1ère injection
 * (sans rappel)" is a first dose, "dose de rappel" a booster.
 */
export function doseFromText(text: string): Dose {
  const name = fold(text).replace(/sans rappel/g, '');
  if (/\b[34] ?(e|eme|ieme)\b|troisieme|quatrieme|booster|dose de rappel/.test(name)) return 'booster';
  if (/\b1 ?(ere|er|re|e)\b|premiere|\binj ?1\b|\bdose ?1\b|\bfirst\b/.test(name)) return 'first';
  if (/\b2 ?(eme|nde|nd|e)\b|deuxieme|\bseconde?\b|\binj ?2\b|\bdose ?2\b/.test(name)) return 'second';
  if (/\brappel\b/.test(name)) return 'booster';
  return 'unknown';
}

const VACCINES: ReadonlyArray<readonly [string, RegExp]> = [
  ['Pfizer-BioNTech', /pfizer|biontech|comirnaty/],
  ['Moderna', /moderna|spikevax/],
  ['AstraZeneca', /astra ?zeneca|vaxzevria/],
  ['Janssen', /janssen|johnson/],
  ['Novavax', /novavax|nuvaxovid/],
];

/** The vaccine a motive names, or null when it does not say. */
export function vaccineFromText(text: string): string | null {
  const name = fold(text);
  for (const [vaccine, pattern] of VACCINES) if (pattern.test(name)) return vaccine;
  return null;
}

const COVID = /covid|sars-?cov|coronavirus/;
/** Words of an injection: "vaccin", "vaccination", "injection", "INJ1", "dose", "rappel", "booster". */
const VACCINATION = /vaccin|injection|\binj ?\d|\bdoses?\b|rappel|booster/;

function namesBrand(folded: string): boolean {
  return VACCINES.some(([, pattern]) => pattern.test(folded));
}

/** The texts clearly name a COVID vaccination: COVID (or a COVID vaccine's brand) and an injection. */
export function namesCovidVaccination(...texts: string[]): boolean {
  const text = fold(texts.join(' '));
  const brand = namesBrand(text);
  return (COVID.test(text) || brand) && (VACCINATION.test(text) || brand);
}

/** The texts name an injection at all (for motives of a site that says it is a COVID vaccination centre). */
export function namesVaccination(...texts: string[]): boolean {
  return VACCINATION.test(fold(texts.join(' ')));
}

export interface MotiveEvidence {
  /** What the platform itself says (Doctolib `vaccination_motive`, Maiia `injectionType`); undefined when silent. */
  platform?: boolean | undefined;
  /** Names around the motive (Keldoc's motive category). */
  context?: readonly string[];
  /** The platform says the whole site is a COVID vaccination centre (Keldoc specialty skills). */
  covidSite?: boolean;
}

/**
 * Whether a motive is a COVID vaccination: when the platform says so (either way, it wins), or its
 * name clearly says so, or it names an injection on a site the platform calls a COVID vaccination
 * centre. "Première consultation de neurochirurgie" is none of these, so it is never counted.
 */
export function isCovidVaccination(name: string, evidence: MotiveEvidence = {}): boolean {
  if (evidence.platform !== undefined) return evidence.platform;
  const context = evidence.context ?? [];
  if (namesCovidVaccination(name, ...context)) return true;
  return evidence.covidSite === true && namesVaccination(name, ...context);
}

/**
 * A readable answer without a single COVID vaccination motive: the platform answered, and offers no
 * vaccination online. `none` with its reason (`no_vaccination_motive`), never `some`, never a bad
 * response.
 */
export function noVaccinationMotive(
  bookingUrl: string | null,
): Pick<
  Availability,
  'status' | 'next_slot' | 'slot_count' | 'per_day' | 'per_dose' | 'per_vaccine' | 'booking_url' | 'reason'
> {
  return {
    status: 'none',
    next_slot: null,
    slot_count: 0,
    per_day: {},
    per_dose: emptyPerDose(),
    per_vaccine: {},
    booking_url: bookingUrl,
    reason: 'no_vaccination_motive',
  };
}
