import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { resolveBookingRedirect } from '../../../src/booking/redirect.ts';
import { importOfficial } from '../../../src/registry/import/import-official.ts';
import { type LinkRepairKind, repairLink } from '../../../src/registry/import/link-repair.ts';
import { makeCentre } from '../../fixtures/world.ts';
import { fakeCommunes } from './fake-communes.ts';

const NOW = new Date('2021-01-15T12:00:00+01:00');
const fixture = (name: string) => readFile(new URL(`../../fixtures/csv/${name}`, import.meta.url));

async function importFixture(name: string) {
  const outcome = importOfficial(await fixture(name), {
    source: name,
    communes: fakeCommunes(),
    now: () => NOW,
  });
  const centre = (gid: string) => {
    const found = outcome.registry?.centres.find((c) => c.source.id === gid);
    if (!found) throw new Error(`no centre with gid ${gid}`);
    return found;
  };
  const kinds = (gid: string) => outcome.report.issues.filter((i) => i.gid === gid).map((i) => i.kind);
  return { ...outcome, centre, kinds };
}

describe('repairLink', () => {
  const cases: ReadonlyArray<readonly [string, string, string, LinkRepairKind[]]> = [
    [
      'unwraps Outlook Safe Links',
      'https://eur03.safelinks.protection.outlook.com/?url=https%3A%2F%2Fpartners.doctolib.fr%2Fa%2Fb%2Fc%3Fpid%3Dpractice-1&data=04%7C01&sdata=x&reserved=0',
      'https://partners.doctolib.fr/a/b/c?pid=practice-1',
      ['unwrapped-safelinks'],
    ],
    [
      'unwraps Proofpoint URL Defense v2 (-XX for %XX, _ for /)',
      'https://urldefense.proofpoint.com/v2/url?u=https-3A__partners.doctolib.fr_a-2Db_c_d-3Fpid-3Dpractice-2D1&d=DwMFaQ&c=x&r=y&m=z&s=w&e=',
      'https://partners.doctolib.fr/a-b/c/d?pid=practice-1',
      ['unwrapped-urldefense'],
    ],
    [
      'unwraps Proofpoint URL Defense v3, putting back the characters it hid',
      'https://urldefense.com/v3/__https://partners.doctolib.fr/a/b/c?pid=practice-1*x=2__;Jg!!AbC!dEf$',
      'https://partners.doctolib.fr/a/b/c?pid=practice-1&x=2',
      ['unwrapped-urldefense'],
    ],
    [
      'unwraps a Google redirect',
      'https://www.google.com/url?q=https://www.maiia.com/a/b/c?centerid%3Dabc&sa=D&ust=1',
      'https://www.maiia.com/a/b/c?centerid=abc',
      ['unwrapped-google'],
    ],
    [
      'unwraps one redirector inside another',
      'https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Furldefense.proofpoint.com%2Fv2%2Furl%3Fu%3Dhttps-3A__www.keldoc.com_a_b_c%26d%3Dx&reserved=0',
      'https://www.keldoc.com/a/b/c',
      ['unwrapped-safelinks', 'unwrapped-urldefense'],
    ],
    [
      'turns a second ? inside the query into &',
      'https://partners.doctolib.fr/a/b/c?pid=practice-164701?speciality_id=5494',
      'https://partners.doctolib.fr/a/b/c?pid=practice-164701&speciality_id=5494',
      ['second-question-mark'],
    ],
    [
      'percent-encodes characters outside ASCII',
      'https://partners.doctolib.fr/hopital-public/alençon/centre?speciality_id=5494',
      'https://partners.doctolib.fr/hopital-public/alen%C3%A7on/centre?speciality_id=5494',
      ['percent-encoded'],
    ],
    [
      'leaves a link that needs nothing as it is',
      'https://partners.doctolib.fr/a/b/c?pid=practice-1&enable_cookies_consent=1',
      'https://partners.doctolib.fr/a/b/c?pid=practice-1&enable_cookies_consent=1',
      [],
    ],
    [
      'leaves a ? that starts no parameter',
      'https://example.fr/faq?q=why?',
      'https://example.fr/faq?q=why?',
      [],
    ],
  ];
  it.each(cases)('%s', (_name, written, repaired, repairs) => {
    expect(repairLink(written)).toEqual({ url: repaired, repairs });
  });

  it('does not unwrap a v3 link whose hidden characters are missing', () => {
    const written = 'https://urldefense.com/v3/__https://example.fr/a*b*c__;Jg!!x$';
    expect(repairLink(written).repairs).not.toContain('unwrapped-urldefense');
  });
});

describe('import of wrapped links (tests/fixtures/csv/links-redirectors.csv)', async () => {
  const { centre, kinds, report } = await importFixture('links-redirectors.csv');
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    [
      '5001',
      'doctolib',
      'https://partners.doctolib.fr/centre-de-sante/rennes/centre-de-vaccination-rennes?pid=practice-164701&enable_cookies_consent=1',
    ],
    [
      '5002',
      'doctolib',
      'https://partners.doctolib.fr/centre-de-sante/rennes/centre-de-vaccination-v2?pid=practice-164702',
    ],
    [
      '5003',
      'doctolib',
      'https://partners.doctolib.fr/centre-de-sante/rennes/centre-de-vaccination-v3?pid=practice-164703&enable_cookies_consent=1',
    ],
    [
      '5004',
      'maiia',
      'https://www.maiia.com/centre-de-vaccination/35000-rennes/centre-de-vaccination-google?centerid=5ffec752a400683faf1c2204',
    ],
    [
      '5005',
      'keldoc',
      'https://vaccination-covid.keldoc.com/centre-hospitalier-regional/rennes-35000/chu-rennes?specialty=144&cabinet=16913',
    ],
  ];
  it.each(cases)('row gid %s books on %s at the platform itself, the original kept', (gid, platform, url) => {
    const { booking } = centre(gid);
    expect(booking).toMatchObject({ url, platform });
    expect(booking.original_url).toMatch(/safelinks|urldefense|google/);
    expect(kinds(gid)).toEqual(['booking-url-unwrapped']);
  });

  it('names the redirector in the warning', () => {
    const messages = report.issues.filter((i) => i.kind === 'booking-url-unwrapped').map((i) => i.message);
    expect(messages.join('\n')).toMatch(
      /Outlook Safe Links[\s\S]*Proofpoint URL Defense[\s\S]*Google redirect/,
    );
  });

  it('counts every unwrapped link as repaired and pollable', () => {
    const totals = Object.fromEntries((report.links ?? []).map((p) => [p.platform, p]));
    expect(totals.doctolib).toMatchObject({ read: 3, repaired: 3, pollable: 3, not_pollable: 0 });
    expect(totals.maiia).toMatchObject({ read: 1, repaired: 1, pollable: 1 });
    expect(totals.keldoc).toMatchObject({ read: 1, repaired: 1, pollable: 1 });
  });

  it('/go sends people to the platform, never through the redirector, even from an older registry', () => {
    const wrapped = makeCentre({
      id: 'sante-1',
      booking: {
        url: 'https://eur03.safelinks.protection.outlook.com/?url=https%3A%2F%2Fpartners.doctolib.fr%2Fa%2Fb%2Fc&reserved=0',
        platform: 'other',
      },
    });
    const redirect = resolveBookingRedirect({ byId: () => wrapped }, 'sante-1', NOW);
    expect(redirect).toMatchObject({
      kind: 'redirect',
      location: 'https://partners.doctolib.fr/a/b/c?source=creneau',
    });
    for (const gid of ['5001', '5002', '5003', '5004', '5005']) {
      const imported = centre(gid);
      const go = resolveBookingRedirect({ byId: () => imported }, imported.id, NOW);
      expect(go.kind === 'redirect' && new URL(go.location).hostname).toMatch(/doctolib|maiia|keldoc/);
    }
  });
});

describe('import of malformed links (tests/fixtures/csv/links-malformed.csv)', async () => {
  const { centre, kinds, report } = await importFixture('links-malformed.csv');

  it.each([
    [
      '5101',
      'https://partners.doctolib.fr/hopital-public/perpignan/centres-de-vaccination-covid-19-du-departement-66?pid=practice-164448&speciality_id=5494',
    ],
    [
      '5102',
      'https://partners.doctolib.fr/centre-de-sante/alencon/centres-de-vaccination-covid-departement-orne-saonois?pid=practice-164388&speciality_id=5494&enable_cookies_consent=1',
    ],
  ])('row gid %s: every extra ? in the query becomes &', (gid, url) => {
    expect(centre(gid).booking).toMatchObject({ url, repairs: ['second-question-mark'] });
    expect(kinds(gid)).toEqual(['booking-url-repaired']);
  });

  it('percent-encodes an accented path and keeps the link as written', () => {
    expect(centre('5103').booking).toEqual({
      url: 'https://partners.doctolib.fr/hopital-public/alen%C3%A7on/centres-de-vaccination-covid-departement-orne-saonois?speciality_id=5494&enable_cookies_consent=1',
      platform: 'doctolib',
      original_url:
        'https://partners.doctolib.fr/hopital-public/alençon/centres-de-vaccination-covid-departement-orne-saonois?speciality_id=5494&enable_cookies_consent=1',
      repairs: ['percent-encoded'],
    });
  });

  it('lists each link that stays unpollable, per platform, with its reason', () => {
    const byPlatform = Object.fromEntries((report.links ?? []).map((p) => [p.platform, p]));
    expect(byPlatform.maiia).toMatchObject({
      read: 3,
      repaired: 0,
      resolved: 0,
      pollable: 1,
      not_pollable: 2,
    });
    expect(byPlatform.maiia?.unpollable.map((u) => [u.gid, u.reason])).toEqual([
      ['5104', 'the link has no centerid= (only the page slug)'],
      ['5105', expect.stringMatching(/^a Maiia page, not a centre's booking link/)],
    ]);
    expect(byPlatform.doctolib).toMatchObject({ read: 4, repaired: 3, pollable: 3, not_pollable: 1 });
    expect(byPlatform.doctolib?.unpollable[0]).toMatchObject({ gid: '5107', row: 8 });
    expect(byPlatform.keldoc).toMatchObject({ read: 1, pollable: 1 });
    expect(kinds('5104')).toEqual(['booking-url-unpollable']);
  });

  it('reads a link without a scheme once, with its own warning', () => {
    expect(centre('5108').booking.platform).toBe('keldoc');
    expect(kinds('5108')).toEqual(['booking-url-no-scheme']);
  });
});
