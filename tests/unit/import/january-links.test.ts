import { describe, expect, it } from 'vitest';
import { importOfficial } from '../../../src/registry/import/import-official.ts';
import { ImportReport } from '../../../src/registry/import/import-report.ts';
import { captureBytes } from '../../fixtures/captures.ts';
import { fakeCommunes } from './fake-communes.ts';

const REAL_FILE = 'centres/centres-vaccination_2021-01-15.csv';

describe('the links, phones and columns of the real list of 15 January 2021', async () => {
  const { report } = importOfficial(captureBytes(REAL_FILE), {
    source: 'centres-vaccination_2021-01-15.csv',
    communes: fakeCommunes([]),
    now: () => new Date('2021-01-15T12:00:00+01:00'),
  });
  const links = Object.fromEntries(
    (report.links ?? []).map(({ unpollable, ...counts }) => [counts.platform, counts]),
  );

  it('says per platform how many links were read, repaired, resolved, pollable and not', () => {
    // Doctolib: 44 repaired (accented city slugs percent-encoded, 5 with a second "?"); 12 point at
    // Doctolib's home or search pages. Maiia: 16 of 18 carry only the page slug (no centerid=), one is a
    // town page. Keldoc: 4 are the bare home page.
    expect(links).toEqual({
      doctolib: {
        platform: 'doctolib',
        read: 469,
        repaired: 44,
        resolved: 0,
        pollable: 457,
        not_pollable: 12,
      },
      maiia: { platform: 'maiia', read: 18, repaired: 0, resolved: 0, pollable: 2, not_pollable: 16 },
      keldoc: { platform: 'keldoc', read: 90, repaired: 0, resolved: 0, pollable: 86, not_pollable: 4 },
    });
    expect(ImportReport.safeParse(report).success).toBe(true);
  });

  it('lists every unpollable link with its row and reason, never leaving it silently "not found"', () => {
    const unpollable = (report.links ?? []).flatMap((p) => p.unpollable);
    expect(unpollable).toHaveLength(32);
    expect(report.issues_by_kind['booking-url-unpollable']).toBe(32);
    for (const link of unpollable) expect(link.reason).not.toBe('');
  });

  it('repairs the Doctolib links with a second "?" in their query', () => {
    const repaired = report.issues.filter(
      (i) => i.kind === 'booking-url-repaired' && i.message.includes('second "?"'),
    );
    expect(repaired.map((i) => i.gid).sort()).toEqual(['403', '404', '405', '494', '721']);
  });

  it('accounts for each of its 36 columns, and the empty one its trailing ";" makes', () => {
    const columns = report.columns ?? [];
    expect(columns).toHaveLength(37);
    expect(columns.slice(0, 36).map((c) => c.column)).toEqual(report.file?.columns.slice(0, 36));
    expect(columns[36]).toEqual({ column: '#37', use: 'ignored', note: 'column without a name' });
    const use = Object.fromEntries(columns.map((c) => [c.column, c.use]));
    expect(use).toMatchObject({
      gid: 'used',
      rdv_site_web: 'used',
      lieu_tel: 'used',
      rdv_lundi: 'kept',
      rdv_modalites: 'kept',
      structure_siren: 'ignored',
      xy_precis: 'ignored',
    });
    expect(columns.every((c) => c.note !== '')).toBe(true);
  });
});
