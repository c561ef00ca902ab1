import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * docs/BENCHMARKS.md is regenerated one section at a time: each section sits between its own markers,
 * so `node bench/run.ts refresh` rewrites the refresh numbers and leaves the HTTP ones as they were.
 */

const INTRO = `# Benchmarks

Measured by \`npm run bench\` (all sections) or \`node bench/run.ts <section>\` (one of \`http\`,
\`peak\`, \`mixed\`, \`refresh\`, \`memory\`); each section below is rewritten by the run that measured it, with the exact command,
the machine and the date. \`BENCH_DURATION_S\` sets the length of each HTTP run (default 10 s).
The memory section takes \`BENCH_BASELINE=<checkout>\` (the code before a change, measured beside
this one), \`BENCH_MEMORY_CENTRES\` (default \`400,10000,100000\`), \`BENCH_MEMORY_FILL_S\` (20)
and \`BENCH_MEMORY_CAP_MIB\` (4096: a process above it is stopped).
Do not edit between the \`bench:\` markers by hand: the next run replaces that text.

Every process runs on the one machine described in each section, load generator included. The load
averages there say how busy it was with other work: compare the ratios within one run rather than
absolute figures across runs.
`;

const start = (name: string) => `<!-- bench:${name} -->`;
const end = (name: string) => `<!-- /bench:${name} -->`;

/** Replaces the named section (or appends it, in `order`) and keeps everything else. */
export function writeSection(file: string, name: string, markdown: string, order: readonly string[]): void {
  let text = existsSync(file) ? readFileSync(file, 'utf8') : INTRO;
  const block = `${start(name)}\n${markdown.trim()}\n${end(name)}`;
  const from = text.indexOf(start(name));
  const to = text.indexOf(end(name));
  if (from !== -1 && to > from) {
    text = text.slice(0, from) + block + text.slice(to + end(name).length);
  } else {
    // Before the first later section present, so the file keeps the order whatever ran first.
    const later = order
      .slice(order.indexOf(name) + 1)
      .map((other) => text.indexOf(start(other)))
      .filter((at) => at !== -1);
    const at = later.length > 0 ? Math.min(...later) : text.length;
    const before = text.slice(0, at).trimEnd();
    text = `${before}\n\n${block}\n\n${text.slice(at).trimStart()}`;
  }
  writeFileSync(file, `${text.trimEnd()}\n`);
}

/** The command as typed: `npm run bench` when npm ran it, with the BENCH_ variables that were set. */
export function benchCommand(args: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const vars = Object.keys(env)
    .filter((key) => key.startsWith('BENCH_'))
    .sort()
    .map((key) => `${key}=${env[key]} `)
    .join('');
  const rest = args.join(' ');
  if (env.npm_lifecycle_event === 'bench') return `${vars}npm run bench${rest ? ` -- ${rest}` : ''}`;
  return `${vars}node bench/run.ts${rest ? ` ${rest}` : ''}`;
}

export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

const grouped = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
export const whole = (n: number) => grouped.format(n);
export const fixed = (n: number, digits = 1) => n.toFixed(digits);

/** "6.8 times", "26 times". */
export function times(ratio: number): string {
  return ratio >= 10 ? `${whole(ratio)} times` : `${ratio.toFixed(1)} times`;
}

/** Progress goes to stderr; stdout stays free. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** The ISO date and time (UTC, to the minute) a section ran. */
export function stamp(date = new Date()): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
