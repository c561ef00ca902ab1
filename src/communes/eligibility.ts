/**
 * SLOT for the operator-configured eligibility notice (issue 5). Until `eligibilityNotice()` exists
 * in src/config/, the sheet shows none: when it lands, return its text here and nothing else changes.
 * Plain text, never markup: the sheet renders it with Astro's escaping.
 */
export function sheetEligibilityNotice(): string | null {
  return null;
}
