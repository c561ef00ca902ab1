import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { phoneDisplay } from '../../../src/format/format.ts';
import { importOfficial } from '../../../src/registry/import/import-official.ts';
import { displayPhone, parsePhones } from '../../../src/registry/import/phone.ts';
import { fakeCommunes } from './fake-communes.ts';

const NOW = new Date('2021-01-15T12:00:00+01:00');

describe('parsePhones', () => {
  const cases: ReadonlyArray<readonly [string, string[], string[]]> = [
    ['02 99 00 00 00', ['+33299000000'], []],
    ['01.34.43.34.44', ['+33134433444'], []],
    ['+33 5 46 93 16 01', ['+33546931601'], []],
    ['+33 (0)1 23 45 67 89', ['+33123456789'], []],
    ['33472107276', ['+33472107276'], []],
    ['+330553317694', ['+33553317694'], []],
    ['0590 86 29 31', ['+590590862931'], []],
    ['00 59 05 90 99 14 74', ['+590590991474'], []],
    ['+594594327255', ['+594594327255'], []],
    ['0596 55 23 01', ['+596596552301'], []],
    ['0262 90 50 50', ['+262262905050'], []],
    ['0269 61 10 10', ['+262269611010'], []],
    ['0639 69 00 00', ['+262639690000'], []],
    ['+269 269 61 10 10', ['+262269611010'], []],
    ['0508 41 10 10', ['+508508411010'], []],
    ['+1 171 114 2400', ['+11711142400'], []],
    ['39 75', ['3975'], []],
    ['08 09 10 20 89/ 08 00 08 33 46', ['+33809102089', '+33800083346'], ['phones-split']],
    ['01 77 70 73 70/71', ['+33177707370', '+33177707371'], ['phones-split']],
    ['01 77 70 73 70 ou 75', ['+33177707370', '+33177707375'], ['phones-split']],
    ['01 23 45 67 89 - 01 23 45 67 90', ['+33123456789', '+33123456790'], ['phones-split']],
    ['02 99 00 00 00 ou 02 99 00 00 01', ['+33299000000', '+33299000001'], ['phones-split']],
    ['09 70 77 54 43 à compter du 18/01', ['+33970775443'], ['phone-with-text']],
    ['02 99 00 00 00 / +3392043471', ['+33299000000'], ['bad-phone']],
    ['en cours', [], ['bad-phone']],
    ['+331', [], ['bad-phone']],
    ['+3392043471', [], ['bad-phone']],
    ['+03353317694', [], ['bad-phone']],
    ['', [], []],
  ];
  it.each(cases)('%j → %j', (text, numbers, kinds) => {
    const parsed = parsePhones(text, 'rdv_tel');
    expect(parsed.numbers.map((n) => n.number)).toEqual(numbers);
    expect(parsed.issues.map((i) => i.kind)).toEqual(kinds);
    for (const number of parsed.numbers) expect(number).toMatchObject({ column: 'rdv_tel', text });
  });

  it.each([
    ['+33299000000', '02 99 00 00 00'],
    ['+590590862931', '05 90 86 29 31'],
    ['+262269611010', '02 69 61 10 10'],
    ['3975', '39 75'],
    ['+11711142400', '+11711142400'],
  ])('shows %s as %s', (number, display) => {
    expect(displayPhone(number)).toBe(display);
  });

  it.each([
    ['+590590862931', '05 90 86 29 31', 'tel:+590590862931'],
    ['+33299000000', '02 99 00 00 00', 'tel:+33299000000'],
    ['3975', '39 75', 'tel:3975'],
  ])('pages show %s as %s, dialled as %s', (number, label, href) => {
    expect(phoneDisplay(number)).toEqual({ label, href });
  });

  it('names the part that is not dialable in its warning', () => {
    expect(parsePhones('02 99 00 00 00 / +3392043471', 'lieu_tel').issues[0]?.message).toBe(
      'lieu_tel "02 99 00 00 00 / +3392043471": "+3392043471" is not a dialable number; left out',
    );
  });
});

describe('import of phone fields (tests/fixtures/csv/phones.csv)', async () => {
  const bytes = await readFile(new URL('../../fixtures/csv/phones.csv', import.meta.url));
  const { registry, report } = importOfficial(bytes, {
    source: 'phones.csv',
    communes: fakeCommunes(),
    now: () => NOW,
  });
  const centre = (gid: string) => registry?.centres.find((c) => c.source.id === gid);
  const kinds = (gid: string) => report.issues.filter((i) => i.gid === gid).map((i) => i.kind);

  it('keeps both numbers of a field that holds two, booking line first, each with the original text', () => {
    expect(centre('5201')?.phones).toEqual(['+33809102089', '+33800083346']);
    expect(centre('5202')?.phone_details).toEqual([
      { number: '+33177707370', display: '01 77 70 73 70', column: 'rdv_tel', text: '01 77 70 73 70/71' },
      { number: '+33177707371', display: '01 77 70 73 71', column: 'rdv_tel', text: '01 77 70 73 70/71' },
    ]);
  });

  it('reads rdv_tel, rdv_tel2 and lieu_tel by the same rules, booking lines first', () => {
    expect(centre('5203')?.phones).toEqual(['+33546931601', '+33472107276', '+33134433444']);
    expect(centre('5204')?.phones).toEqual(['+594594327255', '+596596552301', '+590590862931']);
    expect(centre('5205')?.phones).toEqual(['+262269611010', '+262639690000', '+262262905050']);
    expect(centre('5208')?.phones).toHaveLength(4);
  });

  it('warns on every number that is not dialable and keeps none of them', () => {
    expect(centre('5207')?.phones).toEqual([]);
    expect(kinds('5207')).toEqual(['bad-phone', 'bad-phone', 'bad-phone']);
    expect(kinds('5206')).toEqual(['phone-with-text']);
    expect(centre('5206')?.phones).toEqual(['+33970775443', '3975']);
  });

  it('does not repeat a number given in two columns', () => {
    expect(centre('5209')?.phones).toEqual(['+33491964439']);
  });
});
