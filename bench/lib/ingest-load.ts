/**
 * Shared set-up of the HTTP ingest benches (campaign-ingest, checkin-ingest): the real server in a child
 * process (one process, or BENCH_WORKERS cluster workers), a load run with autocannon that also measures the
 * server's CPU time (the whole process tree, from /proc), and the single-row INSERT baseline.
 */
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import autocannon, { type RawRequest } from "autocannon";
import type pg from "pg";
import { startChildServer } from "./child-server.ts";
import type { BenchFigure } from "./types.ts";
import { runWrk, type WrkOptions, wrkAvailable } from "./wrk.ts";

/** Server processes the ingest benches run (BENCH_WORKERS, else `fallback`: 1, or "cpus" for one per CPU). */
export function benchWorkers(fallback: 1 | "cpus" = 1): number {
  const cpus = availableParallelism();
  const raw = process.env.BENCH_WORKERS ?? (fallback === "cpus" ? "auto" : "1");
  const n = raw === "auto" ? cpus : Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

export interface IngestServer {
  url: string;
  workers: number;
  /** CPU time (user + system, ms) the server's processes have used so far. */
  cpuMs(): number;
  stop(): void;
}

/** Starts the server (a cluster of `workers` when > 1) in a child process. */
export async function startIngestServer(env: NodeJS.ProcessEnv, workers: number): Promise<IngestServer> {
  const { child, url } = await startChildServer(
    { ...env, SERVER_WORKERS: String(workers) },
    workers > 1 ? "cluster" : "single",
  );
  const pid = child.pid!;
  return {
    url,
    workers,
    cpuMs: () => processTreeCpuMs(pid),
    stop: () => child.kill("SIGTERM"),
  };
}

/** user + system CPU ms of `root` and all its descendants (Linux /proc; 0 elsewhere). */
export function processTreeCpuMs(root: number): number {
  let stats: { pid: number; ppid: number; ticks: number }[];
  try {
    stats = readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .flatMap((d) => {
        try {
          const text = readFileSync(`/proc/${d}/stat`, "utf8");
          const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
          // After the command: state(0) ppid(1) ... utime(11) stime(12).
          return [
            { pid: Number(d), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) },
          ];
        } catch {
          return [];
        }
      });
  } catch {
    return 0;
  }
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of stats) {
      if (!tree.has(s.pid) && tree.has(s.ppid)) {
        tree.add(s.pid);
        grew = true;
      }
    }
  }
  const ticks = stats.filter((s) => tree.has(s.pid)).reduce((n, s) => n + s.ticks, 0);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

export interface LoadResult {
  /** The load generator that sent the requests. */
  generator: "autocannon" | "wrk";
  /** Requests answered with a 2xx. */
  accepted: number;
  latencyMs: { p50: number; p99: number };
  /** Events per second over the run. */
  rate: number;
  /** Server CPU µs per event (all its processes). */
  serverCpuUsPerEvent: number;
  /** Load generator (this process) CPU µs per event. */
  clientCpuUsPerEvent: number;
}

/** Sends `amount` requests over `connections`, each built by `next(i)`; checks every one got a 2xx. */
export async function runLoad(
  server: IngestServer,
  options: { connections: number; amount: number; next: (i: number) => RawRequest; name: string },
): Promise<LoadResult> {
  let i = 0;
  const serverCpu = server.cpuMs();
  const clientCpu = process.cpuUsage();
  const result = await autocannon({
    url: server.url,
    connections: options.connections,
    amount: options.amount,
    timeout: 30,
    requests: [{ setupRequest: (request) => ({ ...request, ...options.next(i++) }) }],
  });
  const client = process.cpuUsage(clientCpu);
  const serverMs = server.cpuMs() - serverCpu;
  if (result["2xx"] !== options.amount || result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${options.name}: ${result["2xx"]}/${options.amount} accepted (non-2xx ${result.non2xx}, errors ${result.errors}, statuses ${JSON.stringify(result.statusCodeStats)})`,
    );
  }
  return {
    generator: "autocannon",
    accepted: result["2xx"],
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
    rate: options.amount / result.duration,
    serverCpuUsPerEvent: (serverMs * 1000) / options.amount,
    clientCpuUsPerEvent: (client.user + client.system) / options.amount,
  };
}

/** The baseline: `count` autocommit single-row INSERTs over `connections` pool clients; events/s. */
export async function singleRowInserts(
  pool: pg.Pool,
  count: number,
  connections: number,
  insert: (i: number) => { text: string; values: unknown[] },
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let i = next++; i < count; i = next++) {
        const q = insert(i);
        await pool.query(q.text, q.values);
      }
    }),
  );
  return (count * 1000) / (performance.now() - started);
}

/**
 * Runs wrk for `durationSeconds` with a Lua script building each request; every response must be a 2xx. wrk
 * stops on time, so requests still in flight then are not counted (the server may still store them).
 */
export async function runWrkLoad(
  server: IngestServer,
  options: Omit<WrkOptions, "url"> & { name: string },
): Promise<LoadResult> {
  const serverCpu = server.cpuMs();
  const result = await runWrk({ ...options, url: server.url });
  const serverMs = server.cpuMs() - serverCpu;
  if (result.non2xx > 0 || result.socketErrors > 0 || result.requests === 0) {
    throw new Error(
      `${options.name}: ${result.requests} requests, ${result.non2xx} not 2xx, ${result.socketErrors} socket errors`,
    );
  }
  return {
    generator: "wrk",
    accepted: result.requests,
    latencyMs: { p50: result.latencyMs.p50, p99: result.latencyMs.p99 },
    rate: result.requests / result.durationSeconds,
    serverCpuUsPerEvent: (serverMs * 1000) / result.requests,
    clientCpuUsPerEvent: (result.cpuMs * 1000) / result.requests,
  };
}

const ms = (value: number) => (value < 10 ? value.toFixed(1) : value.toFixed(0));

/** The note of an HTTP figure: latency and CPU per event. */
export function loadNote(load: LoadResult, workers: number): string {
  return (
    `p50 ${ms(load.latencyMs.p50)} ms, p99 ${ms(load.latencyMs.p99)} ms; server CPU ` +
    `${load.serverCpuUsPerEvent.toFixed(0)} µs/event, ${load.generator} ${load.clientCpuUsPerEvent.toFixed(0)} µs/event; ` +
    `${workers} server process${workers > 1 ? "es" : ""}`
  );
}

/** Whether (b) is sent by wrk: it is installed and BENCH_LOAD_GENERATOR does not ask for autocannon. */
export function useWrk(): boolean {
  return process.env.BENCH_LOAD_GENERATOR !== "autocannon" && wrkAvailable();
}

/**
 * The HTTP figures: (b) from `load`, and (b') from the autocannon run of the same events when (b) came from wrk.
 */
export function loadFigures(
  label: string,
  load: LoadResult,
  autocannonLoad: LoadResult,
  workers: number,
): BenchFigure[] {
  const figure = (name: string, l: LoadResult): BenchFigure => ({
    label: name,
    value: l.rate,
    unit: "events/s",
    note: loadNote(l, workers),
  });
  return load === autocannonLoad
    ? [figure(`(b) ${label} (autocannon)`, load)]
    : [
        figure(`(b) ${label} (${load.generator})`, load),
        figure("(b') the same with autocannon", autocannonLoad),
      ];
}
