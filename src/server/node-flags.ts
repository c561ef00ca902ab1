import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * V8's limits for the web instance, set in one place for every way it is started (`npm start`,
 * the tests' and the benchmarks' `node src/server/start.ts`). Left to itself V8 grows the young
 * generation to 64 MiB a semi-space under the poller's allocation rate and keeps it committed:
 * about 130 MiB resident for objects that live a few milliseconds; 4 MiB semi-spaces collect more
 * often, each scavenge shorter. Not `--optimize-for-size`: at 10,000 centres it kept the instance
 * at about 200 MiB instead of 350, but answered 4 to 10 times fewer requests a second
 * (docs/BENCHMARKS.md, "where the memory goes").
 * No `--max-old-space-size`: the live heap grows with the registry (about 1 GiB at 100,000
 * centres), and a bound low enough to matter at 10,000 would crash a larger registry.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];

/**
 * glibc's malloc, unless told otherwise: up to eight arenas per CPU, one taken by each thread that
 * allocates (libuv's pool compressing responses, V8's GC helpers), each keeping its freed memory.
 * Two arenas: the same speed for a process with one JavaScript thread, tens of MiB less resident
 * (docs/BENCHMARKS.md, "memory"). Read by glibc when the program starts, hence set for the restart.
 */
export const SERVER_ENVIRONMENT: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/** The environment to start again with: the process's own, with the server's defaults where it has none. */
export function restartEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv | null {
  const missing = Object.entries(SERVER_ENVIRONMENT).filter(([name]) => !env[name]?.trim());
  return missing.length === 0 ? null : { ...env, ...Object.fromEntries(missing) };
}

/**
 * The arguments to start this process again with the server's flags and environment, or null when
 * it needs no restart: the flags and the environment (or an operator's own values for them) are
 * already there, or `CRENEAU_NODE_FLAGS=off` asks for Node's defaults.
 */
export function restartArguments(
  process: { execArgv: readonly string[]; argv: readonly string[]; env: NodeJS.ProcessEnv },
  flags: readonly string[] = SERVER_NODE_FLAGS,
): string[] | null {
  if (['off', 'false', '0', 'no'].includes((process.env.CRENEAU_NODE_FLAGS ?? '').trim().toLowerCase())) {
    return null;
  }
  // Node reads `--max_semi_space_size` as `--max-semi-space-size`.
  const nameOf = (arg: string) => (arg.split('=')[0] ?? arg).replaceAll('_', '-');
  const given = new Set([...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].map(nameOf));
  const missing = flags.filter((flag) => !given.has(nameOf(flag)));
  if (missing.length === 0 && restartEnvironment(process.env) === null) return null;
  return [...missing, ...process.execArgv, ...process.argv.slice(1)];
}

const here = fileURLToPath(import.meta.url);
/** The programs started with these flags: the web instance and the stand-alone provider simulator. */
const SCRIPTS = [path.resolve(here, '../start.ts'), path.resolve(here, '../../simulator/main.ts')];

// Imported first by start.ts and simulator/main.ts, so this runs before anything else is loaded.
// `process.execve` replaces the program in place: the same pid, the same stdio, signals sent to it
// reach the server, and nothing was allocated yet that the new program would have to give back.
if (process.argv[1] && SCRIPTS.includes(path.resolve(process.argv[1]))) {
  const args = restartArguments(process);
  // Node 24 has it on Linux and macOS; elsewhere the server runs with Node's defaults.
  if (args && process.execve)
    process.execve(
      process.execPath,
      [process.execPath, ...args],
      restartEnvironment(process.env) ?? process.env,
    );
}
