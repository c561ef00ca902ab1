import { booksByPhoneOnly } from '../registry/centre.ts';
import { emptyPerDose } from './availability.ts';
import { defineAdapter } from './define-adapter.ts';

/** Centres that only book by phone: the truth is known without asking anyone. */
export default defineAdapter({
  name: 'phone-only',
  defaultBaseUrl: 'about:blank',
  makesRequests: false,
  claims: () => false,
  claimsCentre: booksByPhoneOnly,
  async fetchAvailability(centre) {
    return {
      status: 'phone_only',
      next_slot: null,
      slot_count: 0,
      per_day: {},
      per_dose: emptyPerDose(),
      per_vaccine: {},
      booking_url: null,
      booking_phone: centre.phones[0] ?? null,
    };
  },
});
