import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchHttp, httpSettings } from './http.ts';
import { benchMemory, memorySettings } from './memory.ts';
import { benchMixed, mixedSettings } from './mixed.ts';
import { MissingNginxError } from './nginx.ts';
import { benchPeak, peakSettings } from './peak.ts';
import { benchRefresh, refreshSettings } from './refresh.ts';
import { benchCommand, progress, writeSection } from './report.ts';

/** `npm run bench [-- <section>...]`: runs the sections (all by default) and rewrites each one's part of docs/BENCHMARKS.md. */

const SECTIONS = {
  http: (command: string) => benchHttp(httpSettings(), command),
  peak: (command: string) => benchPeak(peakSettings(), command),
  mixed: (command: string) => benchMixed(mixedSettings(), command),
  refresh: (command: string) => benchRefresh(refreshSettings(), command),
  memory: (command: string) => benchMemory(memorySettings(), command),
} as const;
type Section = keyof typeof SECTIONS;
const ORDER = Object.keys(SECTIONS) as Section[];

const isSection = (name: string): name is Section => ORDER.includes(name as Section);

const output = path.resolve(fileURLToPath(import.meta.url), '../../docs/BENCHMARKS.md');
const args = process.argv.slice(2);
const unknown = args.filter((arg) => !isSection(arg));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown section ${unknown.join(', ')}; known: ${ORDER.join(', ')}\n`);
  process.exit(2);
}
const chosen = args.length > 0 ? ORDER.filter((name) => args.includes(name)) : ORDER;
const command = benchCommand(args);

let failed = false;
for (const name of chosen) {
  try {
    const markdown = await SECTIONS[name](command);
    writeSection(output, name, markdown, ORDER);
    progress(`${name}: written to ${path.relative(process.cwd(), output)}`);
  } catch (error) {
    failed = true;
    const message =
      error instanceof MissingNginxError
        ? error.message
        : error instanceof Error
          ? error.stack
          : String(error);
    process.stderr.write(`bench: ${name} failed: ${message}\n`);
  }
}
// autocannon and undici keep sockets and timers around; the measurements are written, so end here.
process.exit(failed ? 1 : 0);
