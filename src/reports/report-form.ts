import { z } from 'zod';
import type { RateLimiter } from '../shared/rate-limit.ts';
import {
  cleanMessage,
  MAX_MESSAGE_LENGTH,
  ReportReason as ReasonSchema,
  type ReportReason,
  type ReportStore,
} from './report-store.ts';

/** The honeypot: a field people never see (hidden from sight and from assistive technology); robots fill it. */
export const HONEYPOT_FIELD = 'site_web';

/** What the form sent, as typed (kept to show the form again after an error: nothing is lost). */
export interface ReportFormValues {
  reason: string;
  message: string;
}

export type ReportFormError =
  | { kind: 'reason' }
  | { kind: 'other' }
  | { kind: 'too_long'; length: number }
  | { kind: 'limited'; retryAfterS: number }
  | { kind: 'form' };

export type ReportOutcome =
  /** Recorded (or a robot's, silently dropped): redirect to the thanks. */
  { kind: 'sent' } | { kind: 'error'; status: 400 | 429; error: ReportFormError; values: ReportFormValues };

const Fields = z.object({
  reason: z.string().max(40).default(''),
  message: z.string().max(20_000).default(''),
  [HONEYPOT_FIELD]: z.string().max(20_000).default(''),
});

/**
 * A resident's report, POSTed by the form at `/signaler/{centreId}`: the per-address limit first,
 * then the honeypot, then the fields (a reason of the list; free text of at most 500 characters,
 * required for `other`); stored folded with the same centre's open report for that reason.
 */
export async function submitReport(input: {
  form: FormData | URLSearchParams | null;
  centreId: string;
  clientAddress: string;
  store: Pick<ReportStore, 'submit'>;
  limiter: RateLimiter;
}): Promise<ReportOutcome> {
  const raw = input.form
    ? Fields.safeParse({
        reason: text(input.form.get('reason')),
        message: text(input.form.get('message')),
        [HONEYPOT_FIELD]: text(input.form.get(HONEYPOT_FIELD)),
      })
    : null;
  const values: ReportFormValues = raw?.success
    ? { reason: raw.data.reason, message: raw.data.message }
    : { reason: '', message: '' };
  const limit = await input.limiter.hit(input.clientAddress);
  if (!limit.allowed)
    return { kind: 'error', status: 429, error: { kind: 'limited', retryAfterS: limit.retryAfterS }, values };
  if (!raw?.success) return { kind: 'error', status: 400, error: { kind: 'form' }, values };
  if (raw.data[HONEYPOT_FIELD].trim() !== '') return { kind: 'sent' };
  const reason = ReasonSchema.safeParse(raw.data.reason);
  if (!reason.success) return { kind: 'error', status: 400, error: { kind: 'reason' }, values };
  const message = cleanMessage(raw.data.message);
  if (message.length > MAX_MESSAGE_LENGTH)
    return { kind: 'error', status: 400, error: { kind: 'too_long', length: message.length }, values };
  if (reason.data === 'other' && message === '')
    return { kind: 'error', status: 400, error: { kind: 'other' }, values };
  await input.store.submit({ centreId: input.centreId, reason: reason.data as ReportReason, message });
  return { kind: 'sent' };
}

function text(value: FormDataEntryValue | string | null): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
