/**
 * The benchmark contract: each bench module exports a Benchmark; bench/run.ts runs them all and prints
 * one table. A result names its baseline and candidate measurements, their ratio and its targets.
 */

export interface BenchOptions {
  /** Tiny sizes (seconds in total): CI uses it to check benches still run, not to judge speed. */
  smoke: boolean;
}

/** One measured figure, e.g. { label: "baseline", value: 31000, unit: "keys/s" }. */
export interface BenchFigure {
  label: string;
  value: number;
  unit: string;
  /** Extra context printed after the figure, e.g. CPU time per item. */
  note?: string;
}

export interface BenchTarget {
  label: string;
  met: boolean;
}

export interface BenchResult {
  /** Sizes and other context, e.g. "100000 keys vs 5000 seen RPIs". */
  setup: string;
  figures: BenchFigure[];
  /** Candidate / baseline, measured in the same run. */
  ratio: { label: string; value: number };
  targets: BenchTarget[];
}

export interface Benchmark {
  name: string;
  run(opts: BenchOptions): Promise<BenchResult>;
}
