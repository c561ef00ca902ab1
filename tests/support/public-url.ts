/**
 * An instance off the embedded demo (an imported registry, a provider's `base_url` configured,
 * `CRENEAU_SIMULATOR=off`) refuses to start without CRENEAU_PUBLIC_URL or CRENEAU_ALLOWED_HOSTS
 * (issue 13, point 4; src/config/public-url-required.ts). Test servers set up as an operator's set it
 * as an operator would; links are then built from it, never from the test's `127.0.0.1:<port>`.
 */
export const OPERATOR_PUBLIC_URL: NodeJS.ProcessEnv = { CRENEAU_PUBLIC_URL: 'http://localhost:4321' };
