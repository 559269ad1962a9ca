/** Timing helpers for benches: run a function several times, keep the median wall and CPU time. */

export interface Measurement<T> {
  /** Median wall time in milliseconds. */
  medianMs: number;
  /** Median process CPU time (all threads, user + system) in milliseconds. */
  medianCpuMs: number;
  /** Every run's time in milliseconds, in run order. */
  runsMs: number[];
  /** Result of the last run. */
  result: T;
}

/** Runs `fn` `reps` times (sequentially) and reports the median time. */
export async function measure<T>(reps: number, fn: () => T | Promise<T>): Promise<Measurement<T>> {
  const runsMs: number[] = [];
  const cpuMs: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < reps; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    result = await fn();
    runsMs.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
  }
  return { medianMs: median(runsMs), medianCpuMs: median(cpuMs), runsMs, result: result as T };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Formats a rate like 251,234. */
export function formatRate(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}
