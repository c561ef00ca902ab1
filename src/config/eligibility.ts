import { z } from 'zod';

/** Who may book now, as operators announce it; shown on the home page and on each centre page. */
export interface EligibilityNotice {
  text: string;
  /** The day the rule took effect (ISO date, YYYY-MM-DD). */
  since: string;
  /** True when no operator set it: a placeholder for the demo registry, labelled as such. */
  demo: boolean;
}

const EligibilityEnv = z.object({
  CRENEAU_ELIGIBILITY_TEXT: z.string().trim().min(1).max(500),
  CRENEAU_ELIGIBILITY_SINCE: z.iso.date(),
});

/** A rule worded like the French campaign's phases, for demo instances only. */
export const DEMO_ELIGIBILITY: EligibilityNotice = {
  text: 'Exemple de démonstration : personnes de 75 ans et plus ne résidant pas en EHPAD',
  since: '2021-01-18',
  demo: true,
};

/**
 * The notice from `CRENEAU_ELIGIBILITY_TEXT` and `CRENEAU_ELIGIBILITY_SINCE` (both or neither);
 * `demo: true` gives the labelled demo notice when none is configured. Throws on a half or bad setting,
 * so an operator's mistake shows at start rather than as a silently missing notice.
 */
export function eligibilityNotice(
  env: NodeJS.ProcessEnv = process.env,
  options: { demo?: boolean } = {},
): EligibilityNotice | null {
  const text = env.CRENEAU_ELIGIBILITY_TEXT?.trim();
  const since = env.CRENEAU_ELIGIBILITY_SINCE?.trim();
  if (!text && !since) return options.demo ? DEMO_ELIGIBILITY : null;
  const parsed = EligibilityEnv.safeParse({
    CRENEAU_ELIGIBILITY_TEXT: text,
    CRENEAU_ELIGIBILITY_SINCE: since,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(
      `Invalid eligibility notice (set both CRENEAU_ELIGIBILITY_TEXT and CRENEAU_ELIGIBILITY_SINCE=YYYY-MM-DD): ${problems.join('; ')}`,
    );
  }
  return {
    text: parsed.data.CRENEAU_ELIGIBILITY_TEXT,
    since: parsed.data.CRENEAU_ELIGIBILITY_SINCE,
    demo: false,
  };
}
