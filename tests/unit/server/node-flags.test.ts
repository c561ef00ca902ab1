import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { restartArguments, restartEnvironment, SERVER_NODE_FLAGS } from '../../../src/server/node-flags.ts';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');

describe('the web instance’s V8 flags', () => {
  const started = {
    execArgv: [],
    argv: ['/usr/bin/node', '/srv/creneau/src/server/start.ts', '--x'],
    env: { MALLOC_ARENA_MAX: '2' },
  };

  it('restarts with the flags before the process’s own arguments and script', () => {
    expect(restartArguments(started)).toEqual([
      ...SERVER_NODE_FLAGS,
      '/srv/creneau/src/server/start.ts',
      '--x',
    ]);
  });

  it('keeps the options Node was given', () => {
    expect(restartArguments({ ...started, execArgv: ['--inspect'] })).toEqual([
      ...SERVER_NODE_FLAGS,
      '--inspect',
      '/srv/creneau/src/server/start.ts',
      '--x',
    ]);
  });

  it('does not restart once the flags are there, on the command line or in NODE_OPTIONS', () => {
    expect(restartArguments({ ...started, execArgv: [...SERVER_NODE_FLAGS] })).toBeNull();
    expect(
      restartArguments({ ...started, env: { ...started.env, NODE_OPTIONS: '--max-semi-space-size=16' } }),
    ).toBeNull();
    expect(restartArguments({ ...started, execArgv: ['--max_semi_space_size=1'] })).toBeNull();
  });

  it('restarts, flags or not, when malloc has not been given its arenas, and keeps an operator’s own value', () => {
    const withoutArenas = { ...started, execArgv: [...SERVER_NODE_FLAGS], env: { PATH: '/usr/bin' } };
    expect(restartArguments(withoutArenas)).toEqual([
      ...SERVER_NODE_FLAGS,
      '/srv/creneau/src/server/start.ts',
      '--x',
    ]);
    expect(restartEnvironment(withoutArenas.env)).toEqual({ PATH: '/usr/bin', MALLOC_ARENA_MAX: '2' });
    expect(restartEnvironment({ MALLOC_ARENA_MAX: '8' })).toBeNull();
    expect(restartArguments({ ...withoutArenas, env: { MALLOC_ARENA_MAX: '8' } })).toBeNull();
  });

  it('leaves Node’s defaults when CRENEAU_NODE_FLAGS=off', () => {
    expect(restartArguments({ ...started, env: { CRENEAU_NODE_FLAGS: 'off' } })).toBeNull();
  });

  it('is a no-op for a process that only imports the module', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "await import('./src/server/node-flags.ts'); console.log(process.execArgv.join(' '))",
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('--max-semi-space-size');
  });
});
