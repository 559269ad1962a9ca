/**
 * wrk (Debian package `wrk`, written in C) as the load generator of the HTTP ingest benches. On a 2-core machine
 * the load generator shares the cores with the server and PostgreSQL; autocannon spends 50-70 µs of CPU per
 * request there, wrk about a fifth of that, so more of the machine measures the server. The bench gives wrk a
 * Lua script whose `request()` builds each request; the script's `done()` prints the summary as JSON.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Whether wrk can be run here. */
export function wrkAvailable(): boolean {
  try {
    return spawnSync("wrk", ["--version"], { stdio: "ignore" }).error === undefined;
  } catch {
    return false;
  }
}

export interface WrkOptions {
  url: string;
  connections: number;
  /** wrk threads (event loops); one is plenty at ~10^4 requests/s. */
  threads?: number;
  durationSeconds: number;
  /** Lua that defines `request()` (and may define `init(args)`, `setup(thread)`, `response(...)`). */
  script: string;
  /** Arguments passed to the script's `init(args)`. */
  args?: readonly string[];
}

export interface WrkResult {
  /** Completed requests (any status). */
  requests: number;
  /** Responses with a status outside 2xx/3xx. */
  non2xx: number;
  /** Connect, read, write errors and timeouts. */
  socketErrors: number;
  durationSeconds: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** CPU time (user + system, ms) wrk used; 0 where /proc is not available. */
  cpuMs: number;
}

/** Appended to every script: prints the summary as one JSON line prefixed with "WRK_RESULT ". */
const DONE = `
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK_RESULT {"requests":%d,"durationUs":%d,"non2xx":%d,"socketErrors":%d,"p50":%d,"p99":%d,"max":%d}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
`;

/** The shell wrapper: runs wrk, then prints the shell's /proc stat, whose cutime/cstime are wrk's CPU time. */
const WRAPPER =
  'wrk "$@"; status=$?; [ -r /proc/$$/stat ] && echo "PROC_STAT $(cat /proc/$$/stat)"; exit $status';

/** Parses wrk's CPU time (ticks of 10 ms) from the shell's stat line: fields after ")" are state ppid ... */
function childCpuMs(statLine: string | undefined): number {
  if (!statLine) return 0;
  const fields = statLine.slice(statLine.lastIndexOf(")") + 2).split(" ");
  // state(0) ... utime(11) stime(12) cutime(13) cstime(14)
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

/** Runs wrk with the script; rejects when wrk fails or prints no summary. */
export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), "bench-wrk-"));
  const scriptPath = join(dir, "load.lua");
  writeFileSync(scriptPath, options.script + DONE);
  const wrkArgs = [
    `-t${options.threads ?? 1}`,
    `-c${options.connections}`,
    `-d${options.durationSeconds}s`,
    "--timeout",
    "30s",
    "-s",
    scriptPath,
    options.url,
    ...(options.args && options.args.length > 0 ? ["--", ...options.args] : []),
  ];
  try {
    const { code, out, err } = await new Promise<{ code: number | null; out: string; err: string }>(
      (resolve, reject) => {
        const child = spawn("sh", ["-c", WRAPPER, "sh", ...wrkArgs], { stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
        });
        child.stderr.on("data", (d: Buffer) => {
          err += d.toString();
        });
        child.on("error", reject);
        child.on("close", (exitCode) => resolve({ code: exitCode, out, err }));
      },
    );
    const lines = out.split("\n");
    const summary = lines.find((l) => l.startsWith("WRK_RESULT "));
    if (code !== 0 || !summary) {
      throw new Error(`wrk failed (exit ${code}): ${(err || out).slice(-2000)}`);
    }
    const s = JSON.parse(summary.slice("WRK_RESULT ".length)) as {
      requests: number;
      durationUs: number;
      non2xx: number;
      socketErrors: number;
      p50: number;
      p99: number;
      max: number;
    };
    return {
      requests: s.requests,
      non2xx: s.non2xx,
      socketErrors: s.socketErrors,
      durationSeconds: s.durationUs / 1e6,
      latencyMs: { p50: s.p50 / 1000, p99: s.p99 / 1000, max: s.max / 1000 },
      cpuMs: childCpuMs(lines.find((l) => l.startsWith("PROC_STAT "))),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
