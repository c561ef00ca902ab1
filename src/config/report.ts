import { z } from 'zod';

/**
 * Where people report a wrong link or a closed centre: `CRENEAU_REPORT_URL` (a form; the centre id
 * is added as `centre=`) or `CRENEAU_REPORT_EMAIL` (a mailto with the subject filled in). None: no link.
 */
export function reportLink(
  centre: { id: string; name: string },
  subject: string,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const url = z.url({ protocol: /^https?$/ }).safeParse(env.CRENEAU_REPORT_URL?.trim());
  if (url.success) {
    const target = new URL(url.data);
    target.searchParams.set('centre', centre.id);
    return target.href;
  }
  const email = z.email().safeParse(env.CRENEAU_REPORT_EMAIL?.trim());
  if (email.success) return `mailto:${email.data}?subject=${encodeURIComponent(subject)}`;
  return null;
}
