import type { EligibilityNotice } from '../config/eligibility.ts';
import { DEFAULT_TIME_ZONE } from '../geo/time-zone.ts';
import { fr } from '../i18n/fr.ts';
import type { Messages } from '../i18n/locale.ts';
import { dateTimeFormat } from '../shared/time.ts';

/**
 * The lines of a page that belong to the deployment rather than to the page: the demo banner, the
 * "Sources" line (with the import date of the official list) and the operator's eligibility notice.
 * They are fixed for the life of a process (the registry and the environment are read at start), so
 * a page prerendered at build carries a marker where each goes, and the server fills the markers once
 * at start (src/server/static-assets.ts). Pages rendered on demand write the same markup through the
 * same functions, so both ways give the same bytes.
 */
export interface DeploymentFacts {
  registry: { kind: string; imported_at: string };
  eligibility: EligibilityNotice | null;
}

export type DeploymentLine = 'demo-banner' | 'sources' | 'eligibility';

/** What a prerendered page carries in place of a deployment line. */
export const marker = (line: DeploymentLine): string => `<!--creneau:${line}-->`;

const MARKER = /<!--creneau:(demo-banner|sources|eligibility)-->/g;

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}

export function demoBannerHtml(t: Messages, facts: DeploymentFacts): string {
  if (facts.registry.kind !== 'demo') return '';
  return `<p class="demo-banner" role="note" data-testid="demo-banner"><strong>${escapeHtml(t.site.demoTitle)}</strong> ${escapeHtml(t.site.demoBody)}</p>`;
}

export function sourcesHtml(t: Messages, facts: DeploymentFacts): string {
  const registry =
    facts.registry.kind === 'official'
      ? t.site.sourceOfficial(
          dateTimeFormat(t.intl, { timeZone: DEFAULT_TIME_ZONE }).format(
            new Date(facts.registry.imported_at),
          ),
        )
      : t.site.sourceDemo;
  return escapeHtml(`${t.site.sources} : ${registry} ; ${t.site.sourceOthers}`);
}

export function eligibilityHtml(t: Messages, facts: DeploymentFacts): string {
  const notice = facts.eligibility;
  if (!notice) return '';
  // The operator's words (CRENEAU_ELIGIBILITY_TEXT) are French: said so on an English page.
  const since = dateTimeFormat(t.intl, { dateStyle: 'long', timeZone: DEFAULT_TIME_ZONE }).format(
    new Date(`${notice.since}T12:00:00Z`),
  );
  return `<aside class="eligibility" aria-labelledby="eligibility-title" data-testid="eligibility"><h2 id="eligibility-title">${escapeHtml(t.eligibility.title)}</h2><p${t === fr ? '' : ' lang="fr"'}>${escapeHtml(notice.text)}</p><p class="hint"><time datetime="${escapeHtml(notice.since)}">${escapeHtml(t.eligibility.since(since))}</time></p></aside>`;
}

const LINES: Record<DeploymentLine, (t: Messages, facts: DeploymentFacts) => string> = {
  'demo-banner': demoBannerHtml,
  sources: sourcesHtml,
  eligibility: eligibilityHtml,
};

/** A prerendered page with its markers replaced by this deployment's lines (unchanged when it has none). */
export function fillDeploymentLines(html: string, t: Messages, facts: DeploymentFacts): string {
  return html.replace(MARKER, (_match, line: DeploymentLine) => LINES[line](t, facts));
}
