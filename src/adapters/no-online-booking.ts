import { booksByPhoneOnly } from '../registry/centre.ts';
import { defineAdapter, unknownDraft } from './define-adapter.ts';

/**
 * Centres whose booking we cannot read: no URL and no phone, or a site of their own (`other`).
 * `unknown` without an error: nothing failed, there is just nothing to ask.
 */
export default defineAdapter({
  name: 'no-online-booking',
  defaultBaseUrl: 'about:blank',
  makesRequests: false,
  claims: () => false,
  claimsCentre: (centre) =>
    centre.booking.platform === 'other' || (centre.booking.platform === 'none' && !booksByPhoneOnly(centre)),
  async fetchAvailability(centre) {
    return unknownDraft(centre);
  },
});
