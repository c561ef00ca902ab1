import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCreneau } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

// Issue 13, point 8: imports are locked (a second one fails clearly), size-limited (import.max_bytes,
// CRENEAU_IMPORT_MAX_BYTES) and read in bounded chunks; warnings never print the file's terminal
// escape sequences.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = path.join(ROOT, 'tests/fixtures/csv/later-vintage.csv');

const children: ChildProcess[] = [];
let server: Server | undefined;
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  if (server) await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('creneau import lock', () => {
  it('fails clearly while another import holds the data directory, leaving the registry alone', async () => {
    const dir = tempDir('creneau-lock-');
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(holder);
    writeFileSync(
      path.join(dir, 'import.lock'),
      JSON.stringify({ pid: holder.pid, started_at: '2021-05-01T08:00:00.000Z' }),
    );
    const run = await runCreneau(['import', FIXTURE], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`another import is running (pid ${holder.pid}`);
    expect(existsSync(path.join(dir, 'registry.json'))).toBe(false);
  });

  it('takes over the lock of a killed import and releases its own when done', async () => {
    const dir = tempDir('creneau-lock-');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(
      path.join(dir, 'import.lock'),
      JSON.stringify({ pid: Number(gone.stdout.toString()), started_at: '2021-05-01T08:00:00.000Z' }),
    );
    const run = await runCreneau(['import', FIXTURE], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'import.lock'))).toBe(false);
    expect(existsSync(path.join(dir, 'registry.json'))).toBe(true);
  });
});

describe('creneau import size limit', () => {
  it('refuses a file larger than the limit and keeps the previous registry', async () => {
    const dir = tempDir('creneau-size-');
    expect((await runCreneau(['import', FIXTURE], dir)).code).toBe(0);
    const before = readFileSync(path.join(dir, 'registry.json'));
    const run = await runCreneau(['import', FIXTURE], dir, { CRENEAU_IMPORT_MAX_BYTES: '1000' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/larger than .*import\.max_bytes/);
    expect(readFileSync(path.join(dir, 'registry.json'))).toEqual(before);
  });

  it('stops reading an endless download once it passes the limit', async () => {
    let sent = 0;
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/csv' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (sent < 512 * 1024 * 1024 && response.write(chunk)) sent += chunk.length;
        if (!response.destroyed) response.once('drain', pump);
      };
      response.on('close', () => response.removeAllListeners('drain'));
      pump();
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/centres.csv`;
    const dir = tempDir('creneau-size-');
    const run = await runCreneau(['import', url], dir, { CRENEAU_IMPORT_MAX_BYTES: String(1024 * 1024) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/larger than 1 MB/);
    // Bounded: the import hung up long before the server ran out of data.
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('creneau import warnings on a terminal', () => {
  it('prints no control character from the file', async () => {
    const dir = tempDir('creneau-esc-');
    const hostile = readFileSync(FIXTURE, 'utf8').replace(
      '04 95 29 00 00',
      '\u001b]0;pwned\u0007\u001b[2J\u001b[31mappelez\u202e le 04\u0008',
    );
    const file = path.join(dir, 'hostile.csv');
    writeFileSync(file, hostile);
    const run = await runCreneau(['import', file], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('appelez');
    const controls = [...run.stdout].filter((c) => /[\p{Cc}\u202e]/u.test(c) && c !== '\n' && c !== '\t');
    expect(controls).toEqual([]);
  });
});
