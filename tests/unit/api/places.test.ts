import { beforeAll, describe, expect, it } from 'vitest';
import { suggestPlaces } from '../../../src/api/places.ts';
import type { AppContext } from '../../../src/app/app-context.ts';
import { handleApi } from '../../../src/shared/http.ts';
import { apiContext, type ErrorBody, get } from '../../fixtures/api-context.ts';

let app: AppContext;
beforeAll(async () => {
  app = await apiContext();
});

const suggest = (query: string) => handleApi(() => suggestPlaces(app, get(`/api/v1/places${query}`).url));

describe('suggestPlaces', () => {
  it('suggests Rennes first for "rennes", with INSEE code, postcodes, département and coordinates', async () => {
    const response = await suggest('?q=rennes');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const { query, places } = (await response.json()) as {
      query: string;
      places: Array<Record<string, unknown>>;
    };
    expect(query).toBe('rennes');
    expect(places[0]).toMatchObject({ kind: 'commune', insee: '35238', name: 'Rennes', departement: '35' });
    expect(places[0]?.postcodes).toContain('35000');
    expect(places[0]?.location).toMatchObject({
      lat: expect.closeTo(48.11, 1),
      lon: expect.closeTo(-1.68, 1),
    });
  });

  it('gives at most `limit` places, eight by default', async () => {
    const body = async (query: string) =>
      ((await (await suggest(query)).json()) as { places: unknown[] }).places;
    expect((await body('?q=saint')).length).toBe(8);
    expect((await body('?q=saint&limit=3')).length).toBe(3);
  });

  it.each([
    ['', /q is required/],
    ['?q=', /q must not be empty/],
    ['?q=%20%20', /q must not be empty/],
    [`?q=${'a'.repeat(101)}`, /too long/],
    ['?q=rennes&limit=0', /limit/],
    ['?q=rennes&limit=21', /limit/],
    ['?q=rennes&commune=35238', /Unknown parameter: commune/],
    ['?q=rennes&q=brest', /more than once/],
  ])('answers 400 with {error:{code,message}} for "%s"', async (query, message) => {
    const response = await suggest(query);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(message);
  });
});
