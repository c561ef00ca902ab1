import { z } from 'zod';
import type { SimBody } from './http-types.ts';

/**
 * What can go wrong with a provider, switchable at run time. Rates are probabilities per request,
 * drawn from a seeded sequence, so a run with the same requests in the same order fails the same way.
 */
export const FaultSpec = z.strictObject({
  /** Added before every answer, in real milliseconds. */
  latencyMs: z.int().min(0).max(600_000).optional(),
  /** Share of requests never answered: the connection stays open until the client gives up. */
  timeoutRate: z.number().min(0).max(1).optional(),
  /** Share of requests answered `500 Internal Server Error`. */
  errorRate: z.number().min(0).max(1).optional(),
  /** Share of requests answered `429 Too Many Requests` with `Retry-After: retryAfterSeconds`. */
  rateLimit: z
    .strictObject({
      rate: z.number().min(0).max(1).default(1),
      retryAfterSeconds: z.int().min(0).default(30),
    })
    .optional(),
  /** Share of JSON / NDJSON answers cut short (status 200, unparseable body). */
  malformedRate: z.number().min(0).max(1).optional(),
  /** Schema drift: fields the adapters need are renamed (`rename`) or dropped (`remove`). */
  drift: z.enum(['rename', 'remove']).optional(),
  /**
   * The provider goes down for `minutes` of the simulator's clock from when this is set: `refused`
   * closes the port (connection refused), `503` answers `503 Service Unavailable`.
   */
  down: z
    .strictObject({ minutes: z.number().positive(), mode: z.enum(['refused', '503']).default('refused') })
    .optional(),
});
export type FaultSpec = z.infer<typeof FaultSpec>;
export type FaultSpecInput = z.input<typeof FaultSpec>;

/** A zod error as one line a person can act on: `rateLimit.rate: Too big: expected number to be <=1`. */
export function describeFaultError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
}

/** Renames or removes, at any depth, the keys the provider's adapters rely on. */
export function drift(
  value: unknown,
  renames: Readonly<Record<string, string>>,
  mode: 'rename' | 'remove',
): unknown {
  if (Array.isArray(value)) return value.map((item) => drift(item, renames, mode));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const renamed = renames[key];
    if (renamed !== undefined && mode === 'remove') continue;
    out[renamed ?? key] = drift(inner, renames, mode);
  }
  return out;
}

export function applyDrift(
  body: SimBody,
  renames: Readonly<Record<string, string>>,
  mode: 'rename' | 'remove',
): SimBody {
  if (body.kind === 'json') return { kind: 'json', value: drift(body.value, renames, mode) };
  if (body.kind === 'ndjson') return { ...body, lines: body.lines.map((line) => drift(line, renames, mode)) };
  if (body.kind === 'ndjson-stream') {
    const { lines } = body;
    return {
      ...body,
      lines: function* () {
        for (const line of lines()) yield drift(line, renames, mode);
      },
    };
  }
  return body;
}

/** The serialized body, cut in the middle of a value when `malformed`. */
export function serialize(body: SimBody, malformed: boolean): { text: string; contentType: string | null } {
  switch (body.kind) {
    case 'empty':
      return { text: '', contentType: null };
    case 'text':
      return { text: body.text, contentType: body.contentType };
    case 'json': {
      const text = JSON.stringify(body.value);
      return { text: malformed ? truncate(text) : text, contentType: 'application/json; charset=utf-8' };
    }
    case 'ndjson':
    case 'ndjson-stream': {
      // A streamed file is only held whole here, to cut it where the unstreamed one was cut.
      const lines = Array.from(body.kind === 'ndjson' ? body.lines : body.lines(), (line) =>
        JSON.stringify(line),
      );
      if (malformed) {
        const middle = Math.floor(lines.length / 2);
        lines[middle] = truncate(lines[middle] ?? '{"resourceType":"Slot"}');
      }
      return { text: lines.length > 0 ? `${lines.join('\n')}\n` : '', contentType: body.contentType };
    }
  }
}

function truncate(text: string): string {
  return text.slice(0, Math.max(1, Math.floor(text.length * 0.6)));
}
