import { expect, it } from 'vitest';
import phoneOnly from '../../src/adapters/phone-only.ts';
import { Centre } from '../../src/registry/centre.ts';
import raw from '../fixtures/phone-only/centre.json' with { type: 'json' };
import { runAdapterContract, testContext } from './contract.ts';

const centre = Centre.parse(raw);

runAdapterContract({ adapter: phoneOnly, offline: { centre, status: 'phone_only' } });

it('gives the centre’s first phone number to call', async () => {
  const availability = await phoneOnly.fetchAvailability(centre, testContext(phoneOnly));
  expect(availability.booking_phone).toBe('0590000000');
});
