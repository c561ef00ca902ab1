import { beforeAll, describe, expect, it } from 'vitest';
import { departementCentres } from '../../../src/api/departements.ts';
import type { AppContext } from '../../../src/app/app-context.ts';
import type { CentreState } from '../../../src/poller/centre-state.ts';
import { handleApi } from '../../../src/shared/http.ts';
import { apiContext, type ErrorBody, get } from '../../fixtures/api-context.ts';
import { checkedState } from '../opendata/app-with-states.ts';

interface DepartementBody {
  departement: { code: string; name: string };
  totals: { centres: number; centres_with_slots: number; slots: number; centres_unknown: number };
  centres: Array<{ id: string; departement: string; availability: { status: string } }>;
}

const AT = '2021-04-20T08:00:00.000Z';
let app: AppContext;
let inBrittany: string[];

const answer = (code: string | undefined, headers: Record<string, string> = {}) =>
  handleApi(() => departementCentres(app, get(`/api/v1/departements/${code}`, headers).request, code));

beforeAll(async () => {
  inBrittany = (await apiContext()).centres
    .all()
    .filter((c) => c.departement === '35')
    .map((c) => c.id);
  const [a, b, c] = inBrittany;
  if (!a || !b || !c) throw new Error('the demo registry has fewer than three centres in Ille-et-Vilaine');
  const states = new Map<string, CentreState>([
    [a, checkedState(a, AT, { status: 'some', slot_count: 5, next_slot: '2021-04-21T10:00:00+02:00' })],
    [b, checkedState(b, AT, { status: 'some', slot_count: 7, next_slot: '2021-04-22T10:00:00+02:00' })],
    [c, checkedState(c, AT, { status: 'none' })],
  ]);
  app = await apiContext({ states });
});

describe('departementCentres', () => {
  it('lists every centre of the département with its availability, and adds up the totals', async () => {
    const response = await answer('35');
    expect(response.status).toBe(200);
    const body = (await response.json()) as DepartementBody;
    expect(body.departement).toEqual({ code: '35', name: 'Ille-et-Vilaine' });
    expect(body.centres.map((c) => c.id).sort()).toEqual([...inBrittany].sort());
    expect(body.centres.every((c) => c.departement === '35')).toBe(true);
    expect(body.totals).toEqual({
      centres: inBrittany.length,
      centres_with_slots: 2,
      slots: 12,
      centres_unknown: inBrittany.length - 3,
    });
  });

  it('reads overseas and Corsican codes', async () => {
    for (const code of ['2A', '974']) {
      const response = await answer(code);
      expect(response.status, code).toBe(200);
      expect(((await response.json()) as DepartementBody).departement.code).toBe(code);
    }
  });

  it('sends a shared Cache-Control and an ETag, and 304 to a matching If-None-Match', async () => {
    const first = await answer('35');
    const etag = first.headers.get('etag') ?? '';
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const again = await answer('35', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it.each([
    ['xx', 400, 'bad_request'],
    ['3', 400, 'bad_request'],
    ['', 400, 'bad_request'],
    [undefined, 400, 'bad_request'],
    ['99', 400, 'bad_request'],
  ])('answers %s with %i and {error:{code: %s}}', async (code, status, errorCode) => {
    const response = await answer(code);
    expect(response.status).toBe(status);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe(errorCode);
    expect(error.message).toMatch(/departement|département/);
  });
});
