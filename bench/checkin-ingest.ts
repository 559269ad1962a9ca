/**
 * Bench: anonymous presence ticks (POST /v1/presence, enter/exit over 50 venues) on PostgreSQL through the real
 * HTTP API (server in a child process on loopback, BENCH_WORKERS processes). (b) is sent by wrk where it is
 * installed (see campaign-ingest.ts for why), (b') by autocannon. Ticks arriving together
 * are summed per venue and hour and written as one multi-row upsert per transaction (group commit).
 * Baseline = the same events as autocommit single-row INSERTs into a plain table, same run.
 * Check-in report ingest (F0 upload) is not measured here.
 */
import { randomBytes } from "node:crypto";
import { openDatabase, rows, sql } from "@bluezone/server";
import { benchDatabaseUrl, benchSchema, benchServerEnv } from "./lib/child-server.ts";
import {
  benchWorkers,
  type IngestServer,
  type LoadResult,
  loadFigures,
  runLoad,
  runWrkLoad,
  singleRowInserts,
  startIngestServer,
  useWrk,
} from "./lib/ingest-load.ts";
import { formatRate } from "./lib/measure.ts";
import type { Benchmark, BenchOptions, BenchResult } from "./lib/types.ts";

const CONNECTIONS = 128;
const BASELINE_CONNECTIONS = 48;
const VENUES = 50;
const TARGET_EVENTS_PER_SECOND = 10_000;
const TARGET_P99_MS = 50;

/** wrk's script: the venue ids come as arguments; enter, enter, exit, cycling over the venues as `bodies` does. */
const WRK_SCRIPT = `
local ids, k
function init(args)
  ids = args
  k = 0
end
function request()
  local i = k
  k = k + 1
  local kind = (i % 3 == 2) and "exit" or "enter"
  local body = string.format('{"venueId":"%s","kind":"%s"}', ids[(i % #ids) + 1], kind)
  return wrk.format("POST", "/v1/presence", {["Content-Type"] = "application/json"}, body)
end
`;

async function run(opts: BenchOptions): Promise<BenchResult> {
  const count = opts.smoke ? 2_000 : 100_000;
  const warmCount = opts.smoke ? 500 : 10_000;
  const workers = benchWorkers();
  const url = benchDatabaseUrl();
  const { schema, drop } = await benchSchema(url, "bench_checkin");
  let server: IngestServer | undefined;
  const database = await openDatabase({ kind: "postgres", url, schema, poolSize: BASELINE_CONNECTIONS + 2 });
  try {
    server = await startIngestServer(
      benchServerEnv(url, schema, {
        DATABASE_POOL_SIZE: "8",
        CHECKIN_PRESENCE_RATE_LIMIT: "100000000",
        CHECKIN_PRESENCE_MAX_BATCH: "1000",
        CHECKIN_PRESENCE_CONCURRENCY: "2",
      }),
      workers,
    );
    const ids = Array.from({ length: VENUES }, () => randomBytes(16).toString("base64url"));
    for (const id of ids) {
      await rows(
        database.db,
        sql`INSERT INTO venues (public_id, name, address, commune_code, category, default_check_in_minutes,
              payload, location_id, tracing_code_hash, created_at)
            VALUES (${id}, 'Bench venue', 'Bench street', '26743', 'shop', 60, ${randomBytes(64)}, ${randomBytes(32)}, 'x', now())`,
      );
    }
    const bodies = Array.from({ length: VENUES * 3 }, (_, i) =>
      JSON.stringify({ venueId: ids[i % VENUES], kind: i % 3 === 2 ? "exit" : "enter" }),
    );
    const next = (i: number) => ({
      method: "POST",
      path: "/v1/presence",
      headers: { "content-type": "application/json" },
      body: bodies[i % bodies.length],
    });
    await runLoad(server, {
      connections: CONNECTIONS,
      amount: warmCount,
      next,
      name: "checkin ingest warm-up",
    });
    // wrk (when installed) for a fixed time, then the same with autocannon for comparison.
    const wrkRuns = useWrk()
      ? [
          await runWrkLoad(server, {
            connections: CONNECTIONS,
            durationSeconds: opts.smoke ? 2 : 10,
            script: WRK_SCRIPT,
            args: ids,
            name: "checkin ingest (wrk)",
          }),
        ]
      : [];
    const autocannonLoad = await runLoad(server, {
      connections: CONNECTIONS,
      amount: count,
      next,
      name: "checkin ingest",
    });
    const load: LoadResult = wrkRuns[0] ?? autocannonLoad;
    // Every accepted tick counted once; wrk stops on time, so up to CONNECTIONS ticks in flight then may be
    // counted without having been answered.
    const [total] = await rows<{ n: number }>(
      database.db,
      sql`SELECT sum(enters + exits)::int AS n FROM venue_presence_hourly`,
    );
    const expected = count + warmCount + (wrkRuns[0]?.accepted ?? 0);
    const counted = total?.n ?? 0;
    if (counted < expected || counted > expected + wrkRuns.length * CONNECTIONS) {
      throw new Error(`checkin ingest bench: counted ${counted}, expected ${expected}`);
    }

    await rows(database.db, sql`CREATE TABLE baseline_ticks (venue text, kind text, at timestamptz)`);
    const insert = (i: number) => ({
      text: "INSERT INTO baseline_ticks VALUES ($1, $2, now())",
      values: [ids[i % VENUES], "enter"],
    });
    await singleRowInserts(database.pool!, warmCount, BASELINE_CONNECTIONS, insert);
    const baselineRate = await singleRowInserts(database.pool!, count, BASELINE_CONNECTIONS, insert);
    const p99 = load.latencyMs.p99;
    return {
      setup: `${count} presence ticks over ${VENUES} venues, ${CONNECTIONS} HTTP connections, PostgreSQL, server (${workers} process${workers > 1 ? "es" : ""}) in a child process on loopback`,
      figures: [
        { label: "(a) baseline single-row INSERTs (no HTTP)", value: baselineRate, unit: "events/s" },
        ...loadFigures("POST /v1/presence", load, autocannonLoad, workers),
      ],
      ratio: { label: "(b)/(a)", value: load.rate / baselineRate },
      targets: [
        {
          label: `(b) >= ${formatRate(TARGET_EVENTS_PER_SECOND)} events/s`,
          met: load.rate >= TARGET_EVENTS_PER_SECOND,
        },
        { label: `(b) p99 < ${TARGET_P99_MS} ms`, met: p99 < TARGET_P99_MS },
      ],
    };
  } finally {
    server?.stop();
    await database.close();
    await drop();
  }
}

export const checkinIngestBench: Benchmark = { name: "checkin-ingest", run };
