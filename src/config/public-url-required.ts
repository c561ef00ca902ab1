import { type CreneauConfig, PROVIDER_NAMES, type ProviderName } from './creneau-config.ts';

/**
 * Issue 13, point 4: `Host` is never trusted for links, so an instance that serves real people must
 * say where it is reached. "The embedded default" is what `npm start` runs on a fresh machine: the
 * demo registry (no `creneau import`) and every enabled provider left to the embedded simulator (no
 * `base_url` configured, `CRENEAU_SIMULATOR` not `off`). Off it, CRENEAU_PUBLIC_URL or
 * CRENEAU_ALLOWED_HOSTS must be set, or the start stops with one line saying so.
 */

export class PublicUrlRequiredError extends Error {
  override name = 'PublicUrlRequiredError';
}

export interface DeploymentFacts {
  /** The registry served: `official` once an operator imported one. */
  registryKind: 'official' | 'demo';
  config: Pick<CreneauConfig, 'providers'>;
}

/** Why this instance is not on the embedded default, or null when it is. */
export function offEmbeddedDefault(facts: DeploymentFacts, env: NodeJS.ProcessEnv): string | null {
  if (facts.registryKind !== 'demo') return 'an imported registry';
  const configured = PROVIDER_NAMES.filter((name: ProviderName) => {
    const settings = facts.config.providers[name];
    return settings.enabled && settings.base_url !== undefined;
  });
  if (configured.length > 0) return `a configured provider base URL (${configured.join(', ')})`;
  if (['off', 'false', '0', 'no'].includes(env.CRENEAU_SIMULATOR?.trim().toLowerCase() ?? ''))
    return 'CRENEAU_SIMULATOR=off';
  return null;
}

/** The one-line refusal, or null when links have a configured origin or the instance is on the default. */
export function publicUrlProblem(facts: DeploymentFacts, env: NodeJS.ProcessEnv): string | null {
  if (env.CRENEAU_PUBLIC_URL?.trim() || env.CRENEAU_ALLOWED_HOSTS?.trim()) return null;
  const why = offEmbeddedDefault(facts, env);
  if (why === null) return null;
  return (
    `CRENEAU_PUBLIC_URL is required off the embedded demo (this instance serves ${why}): ` +
    'set it to the address people reach the site at (e.g. https://creneau.example), ' +
    'or list the accepted hosts in CRENEAU_ALLOWED_HOSTS'
  );
}

/** Throws PublicUrlRequiredError (said in one line by `npm start`) when `publicUrlProblem` finds one. */
export function assertPublicUrl(facts: DeploymentFacts, env: NodeJS.ProcessEnv): void {
  const problem = publicUrlProblem(facts, env);
  if (problem !== null) throw new PublicUrlRequiredError(problem);
}
