import { ensureBuild } from '../../src/server/ensure-build.ts';
import { repoRoot } from './server.ts';

/** Builds the site once before any test file starts a server, instead of each racing to build it. */
export default function setup(): void {
  ensureBuild(repoRoot);
}
