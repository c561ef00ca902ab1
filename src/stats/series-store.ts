import { mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { DEPARTEMENT_CODE } from '../shared/departement-param.ts';
import { writeFileAtomic } from '../shared/files.ts';
import { logger as appLogger } from '../shared/logger.ts';
import { DAY_MS, HOUR_MS } from '../shared/time.ts';
import { type StatsPoint, StatsPoint as StatsPointSchema, type StatsSample } from './figures.ts';

/**
 * Statistics live in `<data dir>/stats/`, one NDJSON file per scope (`france.ndjson`,
 * `departement-35.ndjson`…), one line per sample. One file per scope keeps a page's read small: the
 * Ille-et-Vilaine page parses Ille-et-Vilaine's lines only.
 */
export const STATS_DIR = 'stats';

type WarnLogger = Pick<Logger, 'warn'>;

export function seriesFile(dataDir: string, departement?: string): string {
  if (departement === undefined) return path.join(dataDir, STATS_DIR, 'france.ndjson');
  // The code becomes a file name: only real département codes may.
  if (!DEPARTEMENT_CODE.test(departement)) throw new Error(`Not a département code: ${departement}`);
  return path.join(dataDir, STATS_DIR, `departement-${departement}.ndjson`);
}

/**
 * Adds a line at the end. A line left half-written by a crash is closed first, so it costs that one
 * (then skipped) sample and never corrupts the next.
 */
async function appendLine(file: string, line: string): Promise<void> {
  const handle = await open(file, 'a+');
  try {
    const { size } = await handle.stat();
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    await handle.write(`${prefix}${line}\n`);
  } finally {
    await handle.close();
  }
}

/** Appends one sample to every scope's file. */
export async function appendSample(dataDir: string, sample: StatsSample): Promise<void> {
  await mkdir(path.join(dataDir, STATS_DIR), { recursive: true });
  await appendLine(seriesFile(dataDir), JSON.stringify({ at: sample.at, ...sample.france }));
  for (const [code, figures] of sample.departements)
    await appendLine(seriesFile(dataDir, code), JSON.stringify({ at: sample.at, ...figures }));
}

interface ParsedFile {
  points: StatsPoint[];
  lines: number;
}

/**
 * Every valid line of a series file. A corrupt line is logged and skipped; an unfinished last line
 * (being appended right now, or cut by a crash) is ignored quietly: the next append closes it.
 */
function parseSeries(text: string, file: string, logger: WarnLogger): ParsedFile {
  const rows = text.split('\n');
  rows.pop();
  const points: StatsPoint[] = [];
  rows.forEach((row, index) => {
    if (row.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch {
      logger.warn({ file, line: index + 1 }, 'skipped a statistics line that is not JSON');
      return;
    }
    const parsed = StatsPointSchema.safeParse(value);
    if (parsed.success) points.push(parsed.data);
    else
      logger.warn(
        { file, line: index + 1, issue: parsed.error.issues[0]?.message },
        'skipped a statistics line that does not match the schema',
      );
  });
  points.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { points, lines: rows.length };
}

// Each scope's file is parsed once per version (size and mtime): a page view between two samples
// costs a stat, not a parse.
const parsedFiles = new Map<string, { size: number; mtimeMs: number; points: StatsPoint[] }>();

async function loadSeries(
  file: string,
  logger: WarnLogger,
): Promise<{ points: StatsPoint[]; version: string }> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { points: [], version: 'none' };
    throw error;
  }
  const version = `${info.size}-${info.mtimeMs}`;
  const cached = parsedFiles.get(file);
  if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs)
    return { points: cached.points, version };
  const { points } = parseSeries(await readFile(file, 'utf8'), file, logger);
  parsedFiles.set(file, { size: info.size, mtimeMs: info.mtimeMs, points });
  return { points, version };
}

export interface ReadSeriesOptions {
  /** A département code; absent: France as a whole. */
  departement?: string | undefined;
  /** Only points at or after this instant. */
  since?: Date | undefined;
  logger?: WarnLogger;
}

export interface Series {
  points: StatsPoint[];
  /** Changes whenever the file does: part of ETags and prepared responses' keys. */
  version: string;
}

/** A scope's points, oldest first, with the file's version. Missing file: no points. */
export async function readSeriesVersioned(dataDir: string, options: ReadSeriesOptions = {}): Promise<Series> {
  const logger = options.logger ?? appLogger;
  const { points, version } = await loadSeries(seriesFile(dataDir, options.departement), logger);
  const since = options.since?.getTime();
  return { points: since === undefined ? points : points.filter((p) => Date.parse(p.at) >= since), version };
}

/** A scope's points, oldest first (France when `departement` is absent). */
export async function readSeries(dataDir: string, options: ReadSeriesOptions = {}): Promise<StatsPoint[]> {
  return (await readSeriesVersioned(dataDir, options)).points;
}

export interface PruneOptions {
  now: Date;
  retentionDays: number;
  fullResolutionDays: number;
  logger?: WarnLogger;
}

/** The points to keep: none older than the retention, one per hour (the first) beyond full resolution. */
export function keptPoints(points: readonly StatsPoint[], options: PruneOptions): StatsPoint[] {
  const now = options.now.getTime();
  const cutoff = now - options.retentionDays * DAY_MS;
  const thinBefore = now - options.fullResolutionDays * DAY_MS;
  const hoursSeen = new Set<number>();
  return points.filter((point) => {
    const at = Date.parse(point.at);
    if (at < cutoff) return false;
    if (at >= thinBefore) return true;
    const hour = Math.floor(at / HOUR_MS);
    if (hoursSeen.has(hour)) return false;
    hoursSeen.add(hour);
    return true;
  });
}

/**
 * Rewrites each series file without its expired points (atomically: a reader sees the old file or
 * the new one), and deletes files left empty. Returns how many points were dropped.
 */
export async function pruneSeries(dataDir: string, options: PruneOptions): Promise<number> {
  const logger = options.logger ?? appLogger;
  const dir = path.join(dataDir, STATS_DIR);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.ndjson'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let dropped = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    const { points, lines } = parseSeries(await readFile(file, 'utf8'), file, logger);
    const kept = keptPoints(points, options);
    if (kept.length === lines) continue;
    dropped += points.length - kept.length;
    if (kept.length === 0) await rm(file, { force: true });
    else await writeFileAtomic(file, kept.map((point) => `${JSON.stringify(point)}\n`).join(''));
  }
  return dropped;
}
