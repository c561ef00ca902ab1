/** `node src/places/build-compact-gazetteer.ts <file>`: builds the gazetteer from its packages and stores it compactly. */
import { writeCompactGazetteer } from './compact-gazetteer.ts';
import { buildGazetteerData } from './gazetteer.ts';
import { loadGazetteerSources } from './load-communes.ts';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: build-compact-gazetteer.ts <file>\n');
  process.exit(2);
}
writeCompactGazetteer(file, buildGazetteerData(loadGazetteerSources()));
