import path from 'node:path';

/** Where Créneau keeps what it imports and caches: `CRENEAU_DATA_DIR`, default `./data`. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.CRENEAU_DATA_DIR?.trim() || 'data');
}
