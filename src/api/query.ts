import type { z } from 'zod';
import { ApiError } from '../shared/http.ts';

/**
 * Parses a query string with a zod object schema: each parameter at most once, unknown ones
 * refused (a typo such as `radius=` must not be silently ignored), errors worded for people.
 */
export function parseQuery<Schema extends z.ZodType>(
  schema: Schema,
  params: URLSearchParams,
): z.output<Schema> {
  const raw: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name in raw) throw new ApiError(400, `Parameter "${name}" is given more than once.`);
    raw[name] = value;
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new ApiError(400, 'Invalid query.');
  if (issue.code === 'unrecognized_keys') {
    throw new ApiError(400, `Unknown parameter: ${issue.keys.join(', ')}.`);
  }
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new ApiError(400, `${where}${issue.message}`);
}
