// The machine a benchmark ran on, recorded with every result file: numbers
// mean nothing without it (DESIGN.md "Performance targets").

import { cpus, loadavg, totalmem } from 'node:os';

/** CPU model, cores, memory, Node version, platform and the load average when the benchmark started. */
export function machine() {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
