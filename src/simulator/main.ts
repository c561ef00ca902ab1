/**
 * Runs the provider simulator on its own: `node src/simulator/main.ts [--registry <file>] [--seed <s>]
 * [--host <h>] [--port <first port>]`. Serves the centres of the imported registry
 * (`<data dir>/registry.json`) and prints, once listening, the variables that point Créneau at it.
 */
import '../server/node-flags.ts';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dataDir } from '../config/data-dir.ts';
import { internStrings } from '../registry/load-interned.ts';
import { REGISTRY_FILE_NAME, RegistryFile } from '../registry/registry-file.ts';
import { simulatorEnv } from './env.ts';
import { SIM_PROVIDERS } from './http-types.ts';
import { DEFAULT_SEED, startSimulator } from './simulator.ts';

async function run(): Promise<number> {
  const { values } = parseArgs({
    options: {
      registry: { type: 'string' },
      seed: { type: 'string', default: DEFAULT_SEED },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
    },
  });
  const registryPath = path.resolve(values.registry ?? path.join(dataDir(), REGISTRY_FILE_NAME));
  let registry: RegistryFile;
  try {
    registry = internStrings(RegistryFile.parse(JSON.parse(await readFile(registryPath, 'utf8'))));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    process.stderr.write(
      `simulator: cannot read the registry ${registryPath} (${reason}).\nRun \`npx creneau import\` first, or pass --registry <file>.\n`,
    );
    return 1;
  }
  const firstPort = Number(values.port);
  if (!Number.isInteger(firstPort) || firstPort < 0 || firstPort > 65_532) {
    process.stderr.write(`simulator: --port must be a port number, got "${values.port}".\n`);
    return 2;
  }
  const ports = Object.fromEntries(SIM_PROVIDERS.map((p, i) => [p, firstPort === 0 ? 0 : firstPort + i]));
  const simulator = await startSimulator({
    centres: registry.centres,
    seed: values.seed,
    host: values.host,
    ports,
  });
  process.stdout.write(`Simulating ${registry.centres.length} centres (seed "${values.seed}"):\n`);
  for (const [name, value] of Object.entries(simulatorEnv(simulator.urls)))
    process.stdout.write(`${name}=${value}\n`);
  process.stdout.write(
    'Faults: POST <url>/__sim/faults with a FaultSpec (docs/SIMULATOR.md). Ctrl-C stops.\n',
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await simulator.close();
  return 0;
}

process.exitCode = await run();
