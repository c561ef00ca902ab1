import os from 'node:os';

/** What a number was measured on: benchmarks mean little without it. */
export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  system: string;
  /** 1, 5 and 15-minute load averages when the section started: other work on the machine skews results. */
  loadAverage: readonly number[];
}

export function describeMachine(): Machine {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    memoryGiB: os.totalmem() / 2 ** 30,
    node: process.version,
    system: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg(),
  };
}

const load = (averages: readonly number[]) => averages.map((n) => n.toFixed(2)).join(', ');

/** @param loadAtEnd the load averages when the section ended, to show whether something else ran meanwhile. */
export function machineLine(machine: Machine, loadAtEnd: readonly number[] = os.loadavg()): string {
  return (
    `${machine.cpus} CPUs (\`nproc\`; ${machine.cpuModel}), ${machine.memoryGiB.toFixed(1)} GiB memory, ` +
    `Node ${machine.node}, ${machine.system}; load averages (1, 5, 15 min) ${load(machine.loadAverage)} ` +
    `at the start, ${load(loadAtEnd)} at the end`
  );
}
