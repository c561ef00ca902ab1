import { bookingPlatformOf } from '../../registry/booking-platform.ts';
import type { Centre, CentrePhone } from '../../registry/centre.ts';
import { displayPhone, parsePhones } from '../../registry/import/phone.ts';
import { type Override, overrideKeyOf } from './override.ts';

export interface AppliedOverrides {
  /** The registry's centres with every override applied: hidden ones left out, accepted ones added. */
  centres: Centre[];
  /** Keys of the overrides that found their centre (or added it). */
  applied: string[];
  /** Keys of the overrides whose centre is no longer in the registry (its row disappeared). */
  orphaned: string[];
}

/** The column an operator's phone is said to come from (`phone_details[].column`). */
export const OPERATOR_PHONE_COLUMN = 'operateur';

/**
 * The registry as the public sees it once the operators' decisions are applied. Pure and
 * idempotent: the import (to report what applies) and every load of the registry call it on the
 * imported centres, never on centres it already changed.
 */
export function applyOverrides(centres: readonly Centre[], overrides: readonly Override[]): AppliedOverrides {
  const byKey = new Map(overrides.map((override) => [override.key, override]));
  const idOfKey = new Map<string, string>();
  for (const centre of centres) idOfKey.set(overrideKeyOf(centre), centre.id);
  for (const override of overrides)
    if (override.centre && !idOfKey.has(override.key)) idOfKey.set(override.key, override.centre.id);
  const applied = new Set<string>();
  const out: Centre[] = [];
  const ids = new Set<string>();
  for (const centre of centres) {
    const key = overrideKeyOf(centre);
    const override = byKey.get(key);
    ids.add(centre.id);
    if (!override) {
      out.push(centre);
      continue;
    }
    applied.add(key);
    if (override.hidden) continue;
    out.push(changed(centre, override, idOfKey));
  }
  for (const override of overrides) {
    if (!override.centre || applied.has(override.key)) continue;
    // A discovered centre the operator accepted: added, unless a centre of that id came with the import.
    if (ids.has(override.centre.id)) continue;
    applied.add(override.key);
    ids.add(override.centre.id);
    if (!override.hidden) out.push(changed(override.centre, override, idOfKey));
  }
  const orphaned = overrides.map((override) => override.key).filter((key) => !applied.has(key));
  return { centres: out, applied: [...applied], orphaned };
}

function changed(centre: Centre, override: Override, idOfKey: ReadonlyMap<string, string>): Centre {
  const { fields } = override;
  let next: Centre = { ...centre };
  if (fields.phone !== undefined) next = withPhone(next, fields.phone);
  if (fields.booking_url !== undefined) {
    const url = fields.booking_url;
    next.booking = { url, platform: bookingPlatformOf(url) };
  }
  if (fields.address) next.address = { lines: [...fields.address.lines], postcode: fields.address.postcode };
  if (fields.location) next.location = { ...fields.location, precision: 'address' };
  if (fields.opening_hours) next.opening_hours = { ...fields.opening_hours };
  if (fields.notes !== undefined) next.notes = fields.notes;
  if (override.closed === true) next.closed = true;
  if (override.closed === false) {
    next.closed = false;
    next.closes_on = null;
  }
  if (override.duplicate_of === null) next.duplicate_of = null;
  else if (override.duplicate_of !== undefined) {
    const kept = idOfKey.get(override.duplicate_of);
    if (kept && kept !== centre.id) next.duplicate_of = kept;
  }
  return next;
}

/** The operator's number first, the other numbers the import read kept after it. */
function withPhone(centre: Centre, phone: string | null): Centre {
  const first = centre.phones[0];
  const others = centre.phones.slice(1);
  const otherDetails = (centre.phone_details ?? []).filter((detail) => detail.number !== first);
  if (phone === null) return { ...centre, phones: others, phone_details: otherDetails };
  const number = parsePhones(phone, OPERATOR_PHONE_COLUMN).numbers[0]?.number ?? phone.replace(/[^\d+]/g, '');
  if (!number) return centre;
  const detail: CentrePhone = {
    number,
    display: displayPhone(number),
    column: OPERATOR_PHONE_COLUMN,
    text: phone,
  };
  return {
    ...centre,
    phones: [number, ...others.filter((other) => other !== number)],
    phone_details: [detail, ...otherDetails.filter((other) => other.number !== number)],
  };
}
