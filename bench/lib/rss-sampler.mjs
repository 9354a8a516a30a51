// A server's resident memory while it does one piece of work: VmRSS of its process (/proc/<pid>/status) sampled
// every 20 ms, peak minus idle (the mean of 1 s of samples before).
import { readFileSync } from 'node:fs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** VmRSS and VmHWM (the peak the kernel recorded) of a process, in KiB. */
export function memoryKiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const read = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rss: read('VmRSS'), hwm: read('VmHWM') };
}

/**
 * Runs `work` while sampling the process `pid`; answers its result, `rss` (idleRssMiB, peakRssMiB,
 * peakAboveIdleMiB) and VmHWM before and after. Sampling goes on 200 ms after `work` ends, so that memory freed late
 * is still seen at its peak.
 */
export async function sampleRss(pid, work) {
  const idleSamples = [];
  for (let i = 0; i < 50; i += 1) {
    idleSamples.push(memoryKiB(pid).rss);
    await sleep(20);
  }
  const idle = Math.round(idleSamples.reduce((a, b) => a + b, 0) / idleSamples.length);
  const hwmBefore = memoryKiB(pid).hwm;
  let peak = idle;
  const sampler = setInterval(() => {
    peak = Math.max(peak, memoryKiB(pid).rss);
  }, 20);
  let result;
  try {
    result = await work();
    await sleep(200);
  } finally {
    clearInterval(sampler);
  }
  return {
    result,
    rss: { idleRssMiB: idle / 1024, peakRssMiB: peak / 1024, peakAboveIdleMiB: (peak - idle) / 1024 },
    hwmBeforeMiB: hwmBefore / 1024,
    hwmAfterMiB: memoryKiB(pid).hwm / 1024,
  };
}
