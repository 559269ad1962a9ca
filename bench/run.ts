/**
 * `npm run bench [-- --smoke] [names...]`: runs every registered benchmark (or the named ones) and prints
 * one line per figure plus a summary table with each bench's ratio against its same-run baseline.
 * To add a bench: export a Benchmark from bench/<name>.ts and list it in BENCHMARKS.
 */
import { availableParallelism, loadavg } from "node:os";
import { campaignDashboardBench } from "./campaign-dashboard.ts";
import { campaignIngestBench } from "./campaign-ingest.ts";
import { checkinIngestBench } from "./checkin-ingest.ts";
import { exportBench } from "./export.ts";
import { formatRate } from "./lib/measure.ts";
import type { Benchmark, BenchResult } from "./lib/types.ts";
import { matchingBench } from "./matching.ts";
import { outreachOutboxBench } from "./outreach-outbox.ts";
import { publishBench } from "./publish.ts";

const BENCHMARKS: Benchmark[] = [
  matchingBench,
  exportBench,
  publishBench,
  campaignIngestBench,
  campaignDashboardBench,
  checkinIngestBench,
  outreachOutboxBench,
];

function printResult(name: string, r: BenchResult): void {
  console.log(`\n== ${name}: ${r.setup}`);
  for (const f of r.figures)
    console.log(
      `   ${f.label.padEnd(48)} ${formatRate(f.value).padStart(12)} ${f.unit}${f.note ? `  (${f.note})` : ""}`,
    );
  console.log(`   ${`ratio ${r.ratio.label}`.padEnd(48)} ${r.ratio.value.toFixed(2).padStart(12)}x`);
  for (const t of r.targets) console.log(`   target ${t.label}: ${t.met ? "met" : "NOT met"}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const smoke = args.includes("--smoke");
  const names = args.filter((a) => !a.startsWith("--"));
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark(s): ${unknown.join(", ")}; known: ${BENCHMARKS.map((b) => b.name).join(", ")}`,
    );
    process.exitCode = 2;
    return;
  }
  const selected = names.length > 0 ? BENCHMARKS.filter((b) => names.includes(b.name)) : BENCHMARKS;
  console.log(`bluezone benchmarks${smoke ? " (smoke sizes: checks they run, numbers mean nothing)" : ""}`);
  // Other processes skew wall-clock figures; show how busy the machine was.
  const load = loadavg().map((l) => l.toFixed(2));
  console.log(`node ${process.version}, ${availableParallelism()} CPUs, load average ${load.join(" ")}`);

  const summary: { name: string; ratio: string; targets: string }[] = [];
  let failed = false;
  for (const bench of selected) {
    try {
      const result = await bench.run({ smoke });
      printResult(bench.name, result);
      summary.push({
        name: bench.name,
        ratio: `${result.ratio.value.toFixed(2)}x ${result.ratio.label}`,
        targets: result.targets.every((t) => t.met) ? "all met" : "some NOT met",
      });
    } catch (err) {
      failed = true;
      console.error(`\n== ${bench.name}: FAILED`, err);
      summary.push({ name: bench.name, ratio: "-", targets: "failed" });
    }
  }
  console.log("\nsummary");
  console.table(summary);
  // Missed speed targets are reported, not fatal (machines differ); errors and wrong results are.
  if (failed) process.exitCode = 1;
}

await main();
