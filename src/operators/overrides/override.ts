import { z } from 'zod';
import { Centre, GeoPoint, Weekday } from '../../registry/centre.ts';

/**
 * An operator's decision about one centre, kept apart from the imported registry and applied on top of
 * every import (apply.ts). Keyed by what survives a re-import: the official list's `gid` (the centre's
 * `source.id`), or `platform:<platform>:<id>` for a centre found on a booking platform (discovery).
 */
export const OverrideKey = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(platform:[a-z0-9_-]+:[^\s]+|[^\s:]+)$/, 'a gid, or platform:<platform>:<id>');
export type OverrideKey = z.infer<typeof OverrideKey>;

/** Control characters other than tab and line breaks: never stored. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const NO_CONTROL = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
const text = (max: number) => z.string().trim().min(1).max(max).regex(NO_CONTROL, 'control characters');

/** The fields an operator can correct; a field absent is left as the import has it. */
export const OverrideFields = z.object({
  /** The booking line, as an operator typed it (checked dialable when set: console/actions.ts). */
  phone: text(60).nullable().optional(),
  booking_url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .optional(),
  address: z
    .object({
      lines: z.array(text(200)).max(5),
      postcode: z
        .string()
        .regex(/^\d{5}$/)
        .nullable(),
    })
    .optional(),
  location: GeoPoint.optional(),
  opening_hours: z.partialRecord(Weekday, text(120)).optional(),
  notes: text(2000).nullable().optional(),
});
export type OverrideFields = z.infer<typeof OverrideFields>;
export const OVERRIDE_FIELD_NAMES = OverrideFields.keyof().options;

export const Override = z.object({
  key: OverrideKey,
  fields: OverrideFields.default({}),
  /** true: marked closed; false: reopened (whatever the list's closing date says). */
  closed: z.boolean().optional(),
  /** Hidden from every public list and page. */
  hidden: z.boolean().optional(),
  /** Merge: the key of the centre this one duplicates; null: split, not a duplicate whatever the import found. */
  duplicate_of: OverrideKey.nullable().optional(),
  /** A discovered centre the operator accepted: added to the registry as it is here. */
  centre: Centre.optional(),
  updated_at: z.iso.datetime({ offset: true }),
  updated_by: text(100),
});
export type Override = z.infer<typeof Override>;

/** `<data dir>/overrides.json`, and what `creneau overrides export` writes and `import` reads. */
export const OverridesFile = z.object({
  format: z.literal('creneau-overrides'),
  version: z.literal(1),
  /** Grows with each change: instances sharing a Redis see a new revision and apply it. */
  revision: z.number().int().min(0),
  updated_at: z.iso.datetime({ offset: true }).nullable(),
  overrides: z.array(Override),
});
export type OverridesFile = z.infer<typeof OverridesFile>;

export const OVERRIDES_FILE_NAME = 'overrides.json';

export function emptyOverrides(): OverridesFile {
  return { format: 'creneau-overrides', version: 1, revision: 0, updated_at: null, overrides: [] };
}

/** The key an override of this centre has: its gid for an official row, else its discovery key. */
export function overrideKeyOf(centre: Pick<Centre, 'source' | 'id'>): string {
  const { kind, id } = centre.source;
  if (kind === 'official' && id) return id;
  if (id?.startsWith('platform:')) return id;
  // Demo centres, and any source without an id of its own: the centre's id.
  return kind === 'demo' && id ? id : centre.id;
}

/** The key of a centre found on a booking platform. */
export function platformKey(platform: string, platformId: string): string {
  return `platform:${platform}:${platformId}`;
}
