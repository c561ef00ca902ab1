import { describe, expect, it } from 'vitest';
import { DEMO_ELIGIBILITY, eligibilityNotice } from '../../../src/config/eligibility.ts';

describe('eligibilityNotice', () => {
  it('reads the text and the date operators set', () => {
    const notice = eligibilityNotice({
      CRENEAU_ELIGIBILITY_TEXT: ' personnes de 75 ans et plus ',
      CRENEAU_ELIGIBILITY_SINCE: '2021-01-18',
    });
    expect(notice).toEqual({ text: 'personnes de 75 ans et plus', since: '2021-01-18', demo: false });
  });

  it('has no notice when none is set, and a labelled demo notice on demo data', () => {
    expect(eligibilityNotice({})).toBeNull();
    expect(eligibilityNotice({}, { demo: true })).toBe(DEMO_ELIGIBILITY);
    expect(DEMO_ELIGIBILITY.text).toMatch(/démonstration/i);
  });

  it('refuses a text without its date and a date that is not one', () => {
    expect(() => eligibilityNotice({ CRENEAU_ELIGIBILITY_TEXT: 'tous' })).toThrow(
      /CRENEAU_ELIGIBILITY_SINCE/,
    );
    expect(() =>
      eligibilityNotice({ CRENEAU_ELIGIBILITY_TEXT: 'tous', CRENEAU_ELIGIBILITY_SINCE: '18/01/2021' }),
    ).toThrow(/CRENEAU_ELIGIBILITY_SINCE/);
  });
});
