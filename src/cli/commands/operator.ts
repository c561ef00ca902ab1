import { parseArgs } from 'node:util';
import { OperatorName } from '../../operators/access/operator-settings.ts';
import { hashPassword, MAX_PASSWORD_LENGTH } from '../../operators/access/password.ts';
import type { CliCommand } from '../main.ts';

const USAGE = 'creneau operator add <name>   (password typed at the prompt, or the first line of stdin)';
/** Short passwords fall to the first guesses; the sign-in limit only slows the rest. */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * `npx creneau operator add <name>`: asks for a password (twice at a terminal, hidden; else the
 * first line of stdin) and prints the line to add to `operators` in creneau.config.json. Nothing
 * is written anywhere; the password itself is never printed.
 */
async function run(args: string[]): Promise<number> {
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ args, options: {}, allowPositionals: true }));
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
  const [action, rawName, ...rest] = positionals;
  if (action !== 'add' || !rawName || rest.length > 0) return usage('expected: add <name>');
  const name = OperatorName.safeParse(rawName);
  if (!name.success)
    return usage(`the name "${rawName}" is not usable: ${name.error.issues[0]?.message ?? 'invalid'}`);
  const password = await readPassword();
  if (password === null) {
    process.stderr.write('creneau operator: the two passwords differ; nothing printed.\n');
    return 1;
  }
  if ([...password].length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    process.stderr.write(
      `creneau operator: the password must have ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.\n`,
    );
    return 1;
  }
  const line = JSON.stringify({ name: name.data, password_hash: await hashPassword(password) });
  process.stderr.write(
    `Add this line to "operators" in creneau.config.json (a list: "operators": [ ... ]), then restart Créneau:\n`,
  );
  process.stdout.write(`${line}\n`);
  return 0;
}

function usage(problem: string): number {
  process.stderr.write(`creneau operator: ${problem}\nUsage: ${USAGE}\n`);
  return 2;
}

/** The password: at a terminal, typed twice without echo (null when they differ); else stdin's first line. */
async function readPassword(): Promise<string | null> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) {
      text += String(chunk);
      if (text.includes('\n') || text.length > MAX_PASSWORD_LENGTH * 4) break;
    }
    return (text.split(/\r?\n/)[0] ?? '').normalize('NFC');
  }
  const first = await promptHidden('Password: ');
  const second = await promptHidden('Password again: ');
  return first === second ? first.normalize('NFC') : null;
}

function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve) => {
    let typed = '';
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (char === '\u0003') {
          stdin.setRawMode(false);
          process.stderr.write('\n');
          process.exit(130);
        }
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

export const command: CliCommand = {
  summary:
    'Operator accounts: print the configuration line of a new account (its password hashed with scrypt).',
  usage: USAGE,
  run,
};
