import { z } from 'zod';

/** Query-string building blocks shared by the API and the search page: empty means absent. */
const present = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const inseeCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(\d{5}|2[AB]\d{3})$/, 'expected an INSEE commune code such as 35238 or 2A004');
export const postcode = z
  .string()
  .trim()
  .regex(/^\d{5}$/, 'expected a 5-digit postcode such as 35000');

export function numberParam(min: number, max: number) {
  return z.preprocess(
    present,
    z.coerce
      .number({ error: 'expected a number' })
      .refine(Number.isFinite, 'expected a number')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`),
  );
}

export function integerParam(min: number, max: number) {
  return z.preprocess(
    present,
    z.coerce
      .number({ error: 'expected a whole number' })
      .int('expected a whole number')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`),
  );
}

export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(present, schema.optional());
}

export const RADIUS_KM = { min: 1, max: 200, default: 20 } as const;

/**
 * `page=` of the results page (1-based): forgiving like the rest of the page's URL, so a
 * mangled value (`page=abc`, `page=0`) shows the first page rather than an error.
 */
export const pageNumber = z.preprocess(
  present,
  z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
);

/** How many centres a results page lists before its "voir plus" link. */
export const PAGE_SIZE = 20;
