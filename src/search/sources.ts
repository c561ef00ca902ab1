import type { AvailabilityView } from '../availability/availability-view.ts';
import type { Gazetteer } from '../places/types.ts';
import type { CentreIndex } from '../registry/centre-index.ts';
import type { RegistryFile } from '../registry/registry-file.ts';

/**
 * What the read side answers from: the places, the centres and their availability as last read
 * from the cache. The app context builds them once (src/app) and passes them in; each module
 * below the routes names the part it reads (`Pick<SearchSources, 'gazetteer' | 'centres'>`), so a
 * unit test hands it a fixture, not a running app.
 */
export interface SearchSources {
  gazetteer: Gazetteer;
  /** Where the centres came from (`kind`, `source`, `imported_at`), without the centres themselves. */
  registry: Omit<RegistryFile, 'centres'>;
  centres: CentreIndex;
  /** Availability as last read from the cache (never from a provider). */
  availability: AvailabilityView;
  now(): Date;
}
