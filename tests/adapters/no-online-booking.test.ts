import { expect, it } from 'vitest';
import noOnlineBooking from '../../src/adapters/no-online-booking.ts';
import { Centre } from '../../src/registry/centre.ts';
import raw from '../fixtures/no-online-booking/centre.json' with { type: 'json' };
import { makeCentre } from '../fixtures/world.ts';
import { runAdapterContract, testContext } from './contract.ts';

const centre = Centre.parse(raw);

runAdapterContract({ adapter: noOnlineBooking, offline: { centre, status: 'unknown' } });

it('also takes centres with neither a booking URL nor a phone, and keeps their own site as booking URL', async () => {
  expect(noOnlineBooking.claimsCentre(makeCentre({ id: 'official-nothing' }))).toBe(true);
  const availability = await noOnlineBooking.fetchAvailability(centre, testContext(noOnlineBooking));
  expect(availability.booking_url).toBe('https://rendez-vous.chu.test/WebBooking/');
});
