import { describe, expect, it } from 'vitest';
import { centreWithUrl } from '../../../src/cli/check/target.ts';
import type { Centre } from '../../../src/registry/centre.ts';
import { unpollableLinks } from '../../../src/registry/unpollable-links.ts';
import { makeCentre } from '../../fixtures/world.ts';

const booking = (
  id: string,
  url: string | null,
  platform: Centre['booking']['platform'],
  original?: string,
) => makeCentre({ id, booking: { url, platform, ...(original ? { original_url: original } : {}) } });

describe('unpollableLinks', () => {
  const centres = [
    booking('a', 'https://www.maiia.com/centre-de-vaccination/03000-moulins/centre', 'maiia'),
    booking('b', 'https://www.maiia.com/centre-de-vaccination/03000-moulins/centre?centerid=5ffe', 'maiia'),
    booking('c', 'https://www.doctolib.fr/', 'doctolib'),
    booking('d', 'https://partners.doctolib.fr/centre-de-sante/rennes/x?pid=practice-1', 'doctolib'),
    booking('e', 'https://www.ville-arcachon.fr/vaccination', 'other'),
    booking('f', null, 'none'),
  ];

  it('lists each centre whose platform cannot poll its link, with the platform and the reason', () => {
    expect(unpollableLinks(centres).map((l) => [l.centre.id, l.label, l.reason])).toEqual([
      ['a', 'Maiia', 'the link has no centerid= (only the page slug)'],
      ['c', 'Doctolib', expect.stringMatching(/^a Doctolib page, not a centre's booking link/)],
    ]);
  });
});

describe('centreWithUrl', () => {
  it('finds a centre by the link as the official list wrote it, before repair or resolution', () => {
    const resolved = booking(
      'sante-5104',
      'https://www.maiia.com/centre-de-vaccination/03000-moulins/centre?centerid=5ffe',
      'maiia',
      'https://www.maiia.com/centre-de-vaccination/03000-moulins/centre',
    );
    const found = centreWithUrl(
      [resolved],
      new URL('https://www.maiia.com/centre-de-vaccination/03000-moulins/centre/'),
    );
    expect(found?.id).toBe('sante-5104');
  });
});
