import { describe, expect, it } from 'vitest';
import { AlertEvent } from '../../../src/alerts/alert-event.ts';
import { type AvailabilitySnapshot, detectAlerts, takeSnapshot } from '../../../src/alerts/detect-alerts.ts';
import type { CentreState } from '../../../src/poller/centre-state.ts';
import { createCentreIndex } from '../../../src/registry/centre-index.ts';
import { centreState, rennesCentre, settableView } from '../../fixtures/alerts/availability.ts';
import { makeCentre } from '../../fixtures/world.ts';

const settings = { min_slots: 5, dedup_window_s: 6 * 3600, public_url: 'https://creneau.example' };
const T0 = new Date('2021-04-20T08:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const rennes = rennesCentre('sante-1', 'Centre du Liberté');
const phoneOnly = makeCentre({ id: 'sante-2', departement: '75' });
const centres = createCentreIndex([rennes, phoneOnly]);

function snapshot(at: Date, ...states: CentreState[]): AvailabilitySnapshot {
  const { view, set } = settableView();
  set(...states);
  return takeSnapshot({ centres, availability: view }, at);
}

describe('detectAlerts', () => {
  it('announces a centre going from no slot to at least the minimum, with absolute links', () => {
    const before = snapshot(T0, centreState('sante-1', 'none', 0, T0));
    const after = snapshot(later(2), centreState('sante-1', 'some', 12, later(2)));
    const events = detectAlerts(before, after, later(2), settings, []);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(AlertEvent.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      centre_id: 'sante-1',
      centre_name: 'Centre du Liberté',
      commune: { insee: '35238', name: 'Rennes' },
      departement: '35',
      location: { lat: 48.1059, lon: -1.6773 },
      slot_count: 12,
      next_slot: '2021-04-22T12:30:00Z',
      booking_link: 'https://creneau.example/go/sante-1',
      centre_url: 'https://creneau.example/centres/sante-1',
      time_zone: 'Europe/Paris',
      detected_at: later(2).toISOString(),
    });
  });

  it('gives the same event the same id, and another instant another id', () => {
    const before = snapshot(T0, centreState('sante-1', 'none', 0, T0));
    const after = snapshot(later(2), centreState('sante-1', 'some', 12, later(2)));
    const [first] = detectAlerts(before, after, later(2), settings, []);
    const [again] = detectAlerts(before, after, later(2), settings, []);
    const [other] = detectAlerts(before, after, later(3), settings, []);
    expect(again?.id).toBe(first?.id);
    expect(other?.id).not.toBe(first?.id);
  });

  it('stays quiet for fewer slots than the minimum', () => {
    const before = snapshot(T0, centreState('sante-1', 'none', 0, T0));
    const after = snapshot(later(2), centreState('sante-1', 'some', 4, later(2)));
    expect(detectAlerts(before, after, later(2), settings, [])).toEqual([]);
  });

  it('announces a centre growing from below the minimum to the minimum', () => {
    const before = snapshot(T0, centreState('sante-1', 'some', 4, T0));
    const after = snapshot(later(2), centreState('sante-1', 'some', 5, later(2)));
    expect(detectAlerts(before, after, later(2), settings, []).map((e) => e.slot_count)).toEqual([5]);
  });

  it('does not announce slots that were already open', () => {
    const before = snapshot(T0, centreState('sante-1', 'some', 8, T0));
    const after = snapshot(later(2), centreState('sante-1', 'some', 30, later(2)));
    expect(detectAlerts(before, after, later(2), settings, [])).toEqual([]);
  });

  it('does not announce a centre seen for the first time (never polled before)', () => {
    const before = snapshot(T0);
    const after = snapshot(later(2), centreState('sante-1', 'some', 12, later(2)));
    expect(detectAlerts(before, after, later(2), settings, [])).toEqual([]);
  });

  it('does not announce slots from an answer already stale when seen', () => {
    const before = snapshot(T0, centreState('sante-1', 'none', 0, T0));
    const after = snapshot(later(60), centreState('sante-1', 'some', 12, later(2)));
    expect(detectAlerts(before, after, later(60), settings, [])).toEqual([]);
  });

  it('stays quiet within the de-duplication window of a previous alert, and speaks after it', () => {
    const before = snapshot(T0, centreState('sante-1', 'none', 0, T0));
    const reopened = (at: Date) => snapshot(at, centreState('sante-1', 'some', 12, at));
    const previousAlert = [{ centre_id: 'sante-1', detected_at: T0.toISOString() }];
    const inWindow = later(6 * 60 - 1);
    expect(detectAlerts(before, reopened(inWindow), inWindow, settings, previousAlert)).toEqual([]);
    const afterWindow = later(6 * 60 + 1);
    expect(detectAlerts(before, reopened(afterWindow), afterWindow, settings, previousAlert)).toHaveLength(1);
  });

  it('gives no booking link for a centre without online booking', () => {
    const before = snapshot(T0, centreState('sante-2', 'none', 0, T0));
    const after = snapshot(later(2), centreState('sante-2', 'some', 6, later(2)));
    const [event] = detectAlerts(before, after, later(2), settings, []);
    expect(event?.booking_link).toBeNull();
    expect(event?.centre_url).toBe('https://creneau.example/centres/sante-2');
  });
});
