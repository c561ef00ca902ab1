import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

const SOURCE_ROOTS = ['src', 'public', 'astro.config.mjs', 'package.json'];
const LOCK_STALE_MS = 5 * 60_000;
/** Where each build goes, in a folder of its own; `dist` is a symbolic link to the current one. */
export const BUILDS_DIR = 'dist-builds';
/** Builds kept besides the current one even without a live instance using them. */
const KEEP_PREVIOUS = 2;
const LEASES = '.instances';

function newestMtime(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce(
    (newest, name) => Math.max(newest, newestMtime(path.join(entry, name))),
    stat.mtimeMs,
  );
}

function isFresh(root: string): boolean {
  const entry = path.join(root, 'dist/server/entry.mjs');
  if (!existsSync(entry)) return false;
  const sourcesMtime = Math.max(
    ...SOURCE_ROOTS.map((p) => path.join(root, p))
      .filter(existsSync)
      .map(newestMtime),
  );
  return statSync(entry).mtimeMs >= sourcesMtime;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The folder `dist` points to now (`dist` itself for a checkout built before builds had folders). */
export function currentBuild(root: string): string | null {
  const dist = path.join(root, 'dist');
  return existsSync(dist) ? realpathSync(dist) : null;
}

/**
 * Builds the site with `astro build` when dist/ is missing or older than the sources, so that
 * `npm install && npm start` works on a fresh clone and a pull is picked up without a manual build.
 * Several processes starting at once (test files, instances) build once: a lock directory
 * serialises them, and each re-checks freshness once it holds the lock.
 *
 * A build never touches what a running instance loads its pages from: it is written to a fresh
 * folder (`dist-builds/<id>/`), then `dist` is switched to it in one rename of a symbolic link.
 * An instance started earlier keeps importing its not-yet-loaded pages from its own folder, which
 * stays while a live process that called this function holds it (`.instances/<pid>`).
 * Returns the build folder the caller should serve (and holds it for this process).
 */
export function ensureBuild(root: string): string {
  if (!isFresh(root)) withBuildLock(root, () => (isFresh(root) ? undefined : buildSite(root)));
  return holdCurrentBuild(root);
}

/** Builds into a new folder and switches `dist` to it, whatever the sources' dates (tests, deploys). */
export function rebuild(root: string): string {
  withBuildLock(root, () => buildSite(root));
  return holdCurrentBuild(root);
}

function withBuildLock(root: string, run: () => void): void {
  const lock = path.join(root, 'dist.build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (existsSync(lock) ? statSync(lock).mtimeMs : Date.now());
      if (age > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      else sleepSync(200);
    }
  }
  try {
    run();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function buildSite(root: string): void {
  const startedAt = new Date();
  const id = `${startedAt.getTime().toString(36)}-${process.pid}`;
  const builds = path.join(root, BUILDS_DIR);
  const outDir = path.join(builds, id);
  mkdirSync(builds, { recursive: true });
  process.stderr.write(`Building the site (astro build) into ${path.relative(root, outDir)}…\n`);
  const astro = path.join(root, 'node_modules/astro/bin/astro.mjs');
  const result = spawnSync(process.execPath, [astro, 'build', '--outDir', outDir], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) {
    rmSync(outDir, { recursive: true, force: true });
    throw new Error(`astro build failed (exit ${result.status ?? result.signal})`);
  }
  // A source saved during the build is newer than the build: the next start builds again.
  const entry = path.join(outDir, 'server/entry.mjs');
  utimesSync(entry, startedAt, startedAt);
  switchTo(root, id);
  prune(root);
}

/** Points `dist` at `dist-builds/<id>` in one rename (a reader sees the old build or the new, never none). */
function switchTo(root: string, id: string): void {
  const dist = path.join(root, 'dist');
  const next = path.join(root, `dist.next-${process.pid}`);
  rmSync(next, { force: true });
  symlinkSync(path.join(BUILDS_DIR, id), next, 'dir');
  if (existsSync(dist) && !lstatSync(dist).isSymbolicLink()) {
    // A dist/ from before builds had their own folders: moved aside whole (its instances' files stay).
    renameSync(dist, path.join(root, BUILDS_DIR, `legacy-${Date.now().toString(36)}`));
  }
  renameSync(next, dist);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUse(build: string): boolean {
  const leases = path.join(build, LEASES);
  if (!existsSync(leases)) return false;
  return readdirSync(leases).some((name) => alive(Number(name)));
}

/** Removes builds no live instance holds, except the current one and the KEEP_PREVIOUS newest before it. */
function prune(root: string): void {
  const builds = path.join(root, BUILDS_DIR);
  const current = currentBuild(root);
  const byAge = readdirSync(builds)
    .map((name) => path.join(builds, name))
    .filter((dir) => dir !== current)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const dir of byAge.slice(KEEP_PREVIOUS)) {
    if (!inUse(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

/** Marks the current build as used by this process, so that a later build's clean-up keeps it. */
function holdCurrentBuild(root: string): string {
  const build = currentBuild(root);
  if (build === null) throw new Error(`no build at ${path.join(root, 'dist')}`);
  // A legacy dist/ (a real folder) is never pruned: nothing to hold.
  if (lstatSync(path.join(root, 'dist')).isSymbolicLink()) {
    mkdirSync(path.join(build, LEASES), { recursive: true });
    writeFileSync(path.join(build, LEASES, String(process.pid)), '');
  }
  return build;
}

// `npm run build`: a new build in its own folder, switched to when complete (never `astro build`
// into the folder a running instance serves from).
if (import.meta.main) {
  const root = path.resolve(import.meta.dirname, '../..');
  process.stdout.write(`${path.relative(root, rebuild(root))}\n`);
}
