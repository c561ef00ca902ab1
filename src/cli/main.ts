/**
 * `creneau <command> [args]`: each command is one module in ./commands exporting
 * `{ summary, usage, run(args): Promise<number> }`, loaded only when it is called.
 */
export interface CliCommand {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<{ command: CliCommand }>> = {
  import: () => import('./commands/import.ts'),
  poll: () => import('./commands/poll.ts'),
  worker: () => import('./commands/worker.ts'),
  check: () => import('./commands/check.ts'),
  discover: () => import('./commands/discover.ts'),
  operator: () => import('./commands/operator.ts'),
  overrides: () => import('./commands/overrides.ts'),
};

function help(): string {
  return [
    'Usage: creneau <command> [options]',
    '',
    'Commands:',
    ...Object.keys(COMMANDS).map((name) => `  ${name}`),
    '',
    'Run `creneau <command> --help` for details.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(`${help()}\n`);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`creneau: unknown command "${name}".\n\n${help()}\n`);
    return 2;
  }
  const { command } = await load();
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return 0;
  }
  return command.run(args);
}
