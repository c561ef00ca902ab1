import { z } from 'zod';
import { DuplicateGroup } from './duplicates.ts';

/** Why a row was imported with a warning, or rejected. Each kind is counted in the report. */
export const IssueKind = z.enum([
  // About the file as a whole (row 1 is the header).
  'encoding',
  'unknown-column',
  'unnamed-column',
  'repeated-column',
  'field-count',
  // Rejections.
  'no-id',
  'bad-id',
  'no-name',
  'duplicate-id',
  'invalid-centre',
  // Warnings on imported rows.
  'booking-url-free-text',
  'booking-url-no-scheme',
  'booking-url-with-text',
  'booking-url-unwrapped',
  'booking-url-repaired',
  'booking-url-resolved',
  'booking-url-unpollable',
  'booking-url-look-alike',
  'coordinates-missing',
  'coordinates-invalid',
  'coordinates-swapped',
  'coordinates-outside-france',
  'placed-at-commune',
  'commune-unknown',
  'not-located',
  'bad-insee',
  'bad-postcode',
  'bad-date',
  'bad-timestamp',
  'bad-boolean',
  'boolean-with-text',
  'bad-phone',
  'phone-with-text',
  'phones-split',
  // Derived facts (imported as derived, said so).
  'reserved-derived',
  'duplicate',
]);
export type IssueKind = z.infer<typeof IssueKind>;

export const ImportIssue = z.object({
  level: z.enum(['warning', 'rejection']),
  kind: IssueKind,
  /** Record number as a spreadsheet shows it: the header is row 1, the first centre row 2. */
  row: z.number().int().min(1),
  /** Line of the file where the record starts (differs from `row` when a field holds line breaks). */
  line: z.number().int().min(1),
  /** The row's `gid`, when it has one. */
  gid: z.string().nullable(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

/** One column of the file and what the import does with it (official-columns.ts, COLUMN_ACCOUNTS). */
export const ColumnReport = z.object({
  column: z.string(),
  use: z.enum(['used', 'kept', 'ignored']),
  note: z.string(),
});
export type ColumnReport = z.infer<typeof ColumnReport>;

/** A booking link that stays unpollable after repair and resolution, and why. */
export const UnpollableLink = z.object({
  row: z.number().int().min(2),
  gid: z.string(),
  centre_id: z.string(),
  url: z.string(),
  reason: z.string(),
});
export type UnpollableLink = z.infer<typeof UnpollableLink>;

/** Per booking platform: what became of its links (link-summary.ts). */
export const PlatformLinks = z.object({
  platform: z.string(),
  read: z.number().int().min(0),
  repaired: z.number().int().min(0),
  resolved: z.number().int().min(0),
  pollable: z.number().int().min(0),
  not_pollable: z.number().int().min(0),
  unpollable: z.array(UnpollableLink),
  /** How resolution through the platform's listing went, for a platform that resolves links. */
  resolution: z.string().optional(),
});
export type PlatformLinks = z.infer<typeof PlatformLinks>;

/** What `creneau import` writes to `<data dir>/import-report.json` and prints with `--json`. */
export const ImportReport = z.object({
  format: z.literal('creneau-import-report'),
  version: z.literal(1),
  source: z.string(),
  started_at: z.iso.datetime({ offset: true }),
  /** True when the registry was written; false when the import failed and the previous one was kept. */
  ok: z.boolean(),
  /** Why the import failed, when it did. */
  error: z.string().nullable(),
  file: z
    .object({
      delimiter: z.enum([';', ',']),
      encoding: z.enum(['utf-8', 'windows-1252']),
      bom: z.boolean(),
      columns: z.array(z.string()),
    })
    .nullable(),
  counts: z.object({
    read: z.number().int().min(0),
    imported: z.number().int().min(0),
    imported_with_warnings: z.number().int().min(0),
    rejected: z.number().int().min(0),
    warnings: z.number().int().min(0),
  }),
  issues_by_kind: z.partialRecord(IssueKind, z.number().int().min(1)),
  issues: z.array(ImportIssue),
  /** Centres per lifecycle state on the day of the import (registry/lifecycle.ts; served by the day). */
  lifecycle: z
    .object({
      on: z.iso.date(),
      open: z.number().int().min(0),
      opens_on: z.number().int().min(0),
      closed: z.number().int().min(0),
    })
    .optional(),
  /** Groups of rows that are one centre (registry/import/duplicates.ts), the kept one first. */
  duplicates: z.array(DuplicateGroup).optional(),
  /** Each column of the file, in order, and whether it is used, kept as written or ignored. */
  columns: z.array(ColumnReport).optional(),
  /** Per booking platform: links read, repaired, resolved, pollable, not pollable (and which, and why). */
  links: z.array(PlatformLinks).optional(),
  /**
   * The operators' overrides (`overrides.json`, docs/OPERATORS.md) applied on top of this import, by key
   * (gid or `platform:…`): `applied` found their centre, `orphaned` did not (the row disappeared).
   */
  overrides: z.object({ applied: z.array(z.string()), orphaned: z.array(z.string()) }).optional(),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** A problem found while reading one field, before it is tied to a row. */
export interface FieldIssue {
  kind: IssueKind;
  message: string;
}
