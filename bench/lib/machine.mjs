// What a bench result says about the machine it ran on: other work on it skews every figure, so the load average
// before and after says how quiet it was.
import { cpus, loadavg, totalmem } from 'node:os';

/** Cores, CPU model, memory and Node version, printed as one `Machine:` line and answered for the JSON result. */
export function describeMachine() {
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
  };
  console.log(`Machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}`);
  return machine;
}

/** The 1, 5 and 15 minute load averages, to two decimals. */
export function loadAverage() {
  return loadavg().map((n) => Math.round(n * 100) / 100);
}
