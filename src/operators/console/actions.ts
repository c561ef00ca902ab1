import { z } from 'zod';
import { Weekday } from '../../registry/centre.ts';
import { parsePhones } from '../../registry/import/phone.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { LiveCentres } from '../overrides/live-centres.ts';
import { type Override, OverrideFields, OverrideKey } from '../overrides/override.ts';
import type { OverrideStore } from '../overrides/override-store.ts';

/** What an operator action changes: the overrides, the audit log, the live registry. */
export interface ActionDeps {
  overrides: OverrideStore;
  audit: AuditLog;
  centres: Pick<LiveCentres, 'apply'>;
  now?: () => Date;
}

/** Why an action was refused (the console says it; nothing was changed). */
export class ActionError extends Error {
  override name = 'ActionError';
}

type OverridePatch = Partial<Omit<Override, 'key' | 'updated_at' | 'updated_by' | 'fields'>> & {
  fields?: Partial<Override['fields']>;
};

/**
 * Records one decision: merged into the key's override, written (file, then shared cache), logged
 * with the state before and after, and applied to the registry this instance serves at once (the
 * others within their sync interval). Also what discovery's automatic acceptance calls.
 */
export async function recordOverride(
  deps: ActionDeps,
  input: { key: string; action: string; by: string; patch: OverridePatch; note?: string },
): Promise<Override | null> {
  const key = OverrideKey.parse(input.key);
  const at = (deps.now ?? (() => new Date()))().toISOString();
  const change = await deps.overrides.update(key, (current) => {
    const fields = { ...(current?.fields ?? {}), ...(input.patch.fields ?? {}) };
    return {
      ...(current ?? {}),
      ...input.patch,
      key,
      fields: OverrideFields.parse(fields),
      updated_at: at,
      updated_by: input.by,
    } as Override;
  });
  await deps.audit.append({
    by: input.by,
    action: input.action,
    target: key,
    before: change.before,
    after: change.after,
    ...(input.note ? { note: input.note } : {}),
  });
  deps.centres.apply(await deps.overrides.list());
  return change.after;
}

/** The console's one form: which action, on what, with what (every field checked here). */
const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);
export const ActionForm = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('edit_phone'),
    key: OverrideKey,
    value: z.preprocess(blankToNull, z.string().max(60).nullable()),
  }),
  z.object({
    action: z.literal('edit_booking_url'),
    key: OverrideKey,
    value: z.preprocess(
      blankToNull,
      z
        .url({ protocol: /^https?$/ })
        .max(2000)
        .nullable(),
    ),
  }),
  z.object({
    action: z.literal('edit_address'),
    key: OverrideKey,
    lines: z.string().max(1000),
    postcode: z.preprocess(
      blankToNull,
      z
        .string()
        .regex(/^\d{5}$/)
        .nullable(),
    ),
  }),
  z.object({
    action: z.literal('edit_position'),
    key: OverrideKey,
    lat: z.coerce.number().min(-90).max(90),
    lon: z.coerce.number().min(-180).max(180),
  }),
  z.object({ action: z.literal('edit_hours'), key: OverrideKey, ...hoursShape() }),
  z.object({
    action: z.literal('edit_notes'),
    key: OverrideKey,
    value: z.preprocess(blankToNull, z.string().max(2000).nullable()),
  }),
  z.object({ action: z.enum(['close', 'reopen', 'hide', 'unhide', 'split']), key: OverrideKey }),
  z.object({ action: z.literal('merge'), key: OverrideKey, into: OverrideKey }),
  z.object({ action: z.enum(['accept', 'reject']), proposal: z.string().regex(/^p-[0-9a-f]{16}$/) }),
  z.object({ action: z.literal('resolve'), report: z.string().min(1).max(100) }),
]);
export type ActionForm = z.infer<typeof ActionForm>;

function hoursShape() {
  return Object.fromEntries(
    Weekday.options.map((day) => [`hours_${day}`, z.string().max(120).optional()]),
  ) as Record<`hours_${Weekday}`, z.ZodOptional<z.ZodString>>;
}

/** A centre-level action of the form, as the override patch it writes. */
export function patchOf(form: ActionForm): { key: string; patch: OverridePatch } | null {
  switch (form.action) {
    case 'edit_phone': {
      if (form.value !== null && parsePhones(form.value, 'operateur').numbers.length === 0)
        throw new ActionError('phone');
      return { key: form.key, patch: { fields: { phone: form.value?.trim() ?? null } } };
    }
    case 'edit_booking_url':
      return { key: form.key, patch: { fields: { booking_url: form.value } } };
    case 'edit_address': {
      const lines = form.lines
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
      return { key: form.key, patch: { fields: { address: { lines, postcode: form.postcode } } } };
    }
    case 'edit_position':
      return { key: form.key, patch: { fields: { location: { lat: form.lat, lon: form.lon } } } };
    case 'edit_hours': {
      const hours: Partial<Record<Weekday, string>> = {};
      for (const day of Weekday.options) {
        const value = form[`hours_${day}`]?.trim();
        if (value) hours[day] = value;
      }
      return { key: form.key, patch: { fields: { opening_hours: hours } } };
    }
    case 'edit_notes':
      return { key: form.key, patch: { fields: { notes: form.value?.trim() ?? null } } };
    case 'close':
      return { key: form.key, patch: { closed: true } };
    case 'reopen':
      return { key: form.key, patch: { closed: false } };
    case 'hide':
      return { key: form.key, patch: { hidden: true } };
    case 'unhide':
      return { key: form.key, patch: { hidden: false } };
    case 'split':
      return { key: form.key, patch: { duplicate_of: null } };
    case 'merge':
      if (form.into === form.key) throw new ActionError('merge');
      return { key: form.key, patch: { duplicate_of: form.into } };
    default:
      return null;
  }
}

/** A form's fields as the schema reads them (repeated names: the last one). */
export function formObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === 'string') out[name] = value;
  return out;
}
