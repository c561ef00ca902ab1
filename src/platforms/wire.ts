import type { z } from 'zod';

/**
 * A provider's answer as its adapter's schema reads it, open to the fields the adapter ignores:
 * `Wire<typeof DoctolibBooking>` types what the simulator and the test fakes serve, so that the
 * adapter's zod schema stays the one description of each wire format.
 */
export type Wire<S extends z.ZodType> = Open<z.input<S>>;

type Open<T> = T extends readonly (infer U)[]
  ? Open<U>[]
  : T extends object
    ? { [K in keyof T]: Open<T[K]> } & { readonly [extra: string]: unknown }
    : T;
