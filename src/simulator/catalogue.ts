import type { Dose, SiteMotive, Vaccine } from './supply.ts';

/**
 * How each provider names a motive. Names follow the real 2021 captures and vary the way real
 * centres wrote them; adapters classify by name, so the unknown-dose motive is named the way real
 * ambiguous motives were ("Vaccination COVID-19", no dose said).
 */

const BRAND: Record<Vaccine, string> = {
  pfizer: 'Pfizer-BioNTech',
  moderna: 'Moderna',
  astrazeneca: 'AstraZeneca',
  janssen: 'Janssen',
};

/** CVX codes, as SMART Scheduling Links' vaccine-product extension carries them. */
export const CVX: Record<Vaccine, { code: string; display: string }> = {
  pfizer: { code: '208', display: 'Pfizer-BioNTech COVID-19 Vaccine' },
  moderna: { code: '207', display: 'Moderna COVID-19 Vaccine' },
  astrazeneca: { code: '210', display: 'AstraZeneca COVID-19 Vaccine' },
  janssen: { code: '212', display: 'Janssen COVID-19 Vaccine' },
};

export function doctolibMotiveName(motive: SiteMotive): string {
  const brand = motive.vaccine ? BRAND[motive.vaccine] : '';
  switch (motive.dose) {
    case 'first':
      return motive.vaccine === 'janssen'
        ? `Injection unique vaccin COVID-19 (${brand})`
        : `1ère injection vaccin COVID-19 (${brand})`;
    case 'second':
      return `2nde injection vaccin COVID-19 (${brand})`;
    case 'booster':
      return `Dose de rappel vaccin COVID-19 (${brand})`;
    case 'unknown':
      return 'Vaccination COVID-19';
  }
}

/** Doctolib's reference motive ids (simulated values; 6970 is the captured Moderna first dose). */
export function doctolibRefMotiveId(motive: SiteMotive): number {
  const table: Record<string, number> = {
    'moderna-first': 6970,
    'pfizer-first': 6971,
    'astrazeneca-first': 7005,
    'janssen-first': 7945,
    'pfizer-second': 7109,
    'moderna-second': 7110,
    'astrazeneca-second': 7107,
    'pfizer-booster': 8192,
  };
  return table[motive.key] ?? 0;
}

export function maiiaReasonName(motive: SiteMotive): string {
  const brand = motive.vaccine ? ` (${BRAND[motive.vaccine]})` : '';
  switch (motive.dose) {
    case 'first':
      return `Première injection vaccin anti covid-19${brand}`;
    case 'second':
      return `Deuxième injection vaccin anti covid-19${brand}`;
    case 'booster':
      return `Injection de rappel vaccin anti covid-19${brand}`;
    case 'unknown':
      return 'Vaccination anti covid-19';
  }
}

export function maiiaInjectionType(dose: Dose): 'FIRST' | 'SECOND' | 'BOOSTER' | 'NONE' {
  return dose === 'first' ? 'FIRST' : dose === 'second' ? 'SECOND' : dose === 'booster' ? 'BOOSTER' : 'NONE';
}

export function keldocMotiveName(motive: SiteMotive): string {
  const brand = motive.vaccine ? ` ${BRAND[motive.vaccine].toUpperCase()}` : '';
  switch (motive.dose) {
    case 'first':
      return `Vaccination Covid +12 ans 1ère Injection (INJ1)${brand}`;
    case 'second':
      return `2ème injection seule + 12 ans${brand}`;
    case 'booster':
      return `Dose de rappel Covid${brand}`;
    case 'unknown':
      return 'Vaccination Covid';
  }
}

export function keldocCategoryName(motive: SiteMotive): string {
  return motive.vaccine ? `Vaccination covid + 12 ans ${motive.vaccine.toUpperCase()}` : 'Vaccination';
}

export function smartDose(dose: Dose): number | null {
  return dose === 'first' ? 1 : dose === 'second' ? 2 : dose === 'booster' ? 3 : null;
}
