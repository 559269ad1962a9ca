/**
 * Bench: anonymous presence ticks (POST /v1/presence, enter/exit over 50 venues) on PostgreSQL through the real
 * HTTP API (server in a child process on loopback, autocannon). Each tick is one upsert of an hourly counter.
 * Baseline = the same events as autocommit single-row INSERTs into a plain table, same run.
 * Check-in report ingest (F0 upload) is not implemented yet, so it is not measured here.
 */
import { randomBytes } from "node:crypto";
import { openDatabase, rows, sql } from "@bluezone/server";
import autocannon, { type Result as AutocannonResult } from "autocannon";
import { benchDatabaseUrl, benchSchema, startChildServer } from "./lib/child-server.ts";
import { formatRate } from "./lib/measure.ts";
import type { Benchmark, BenchOptions, BenchResult } from "./lib/types.ts";

const CONNECTIONS = 128;
const BASELINE_CONNECTIONS = 48;
const VENUES = 50;
const TARGET_EVENTS_PER_SECOND = 10_000;
const TARGET_P99_MS = 50;

function send(url: string, bodies: string[]): Promise<AutocannonResult> {
  let next = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    amount: bodies.length,
    timeout: 30,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          method: "POST",
          path: "/v1/presence",
          headers: { "content-type": "application/json" },
          body: bodies[next++ % bodies.length],
        }),
      },
    ],
  });
}

async function run(opts: BenchOptions): Promise<BenchResult> {
  const count = opts.smoke ? 2_000 : 100_000;
  const warmCount = opts.smoke ? 500 : 10_000;
  const url = benchDatabaseUrl();
  const { schema, drop } = await benchSchema(url, "bench_checkin");
  let server: Awaited<ReturnType<typeof startChildServer>> | undefined;
  const database = await openDatabase({ kind: "postgres", url, schema, poolSize: BASELINE_CONNECTIONS + 2 });
  try {
    server = await startChildServer({
      NODE_ENV: "development",
      HOST: "127.0.0.1",
      PORT: "0",
      DATA_DIR: "memory://",
      DATABASE_URL: url,
      DATABASE_SCHEMA: schema,
      DATABASE_POOL_SIZE: "16",
      LOG_LEVEL: "warn",
      JOBS_ENABLED: "false",
      RATE_LIMIT_MAX: "0",
      CHECKIN_PRESENCE_RATE_LIMIT: "100000000",
      DOCS_ENABLED: "false",
      METRICS_ENABLED: "false",
      UNITS_SEED: "false",
      WEB_ENABLED: "false",
    });
    const ids = Array.from({ length: VENUES }, () => randomBytes(16).toString("base64url"));
    for (const id of ids) {
      await rows(
        database.db,
        sql`INSERT INTO venues (public_id, name, address, commune_code, category, default_check_in_minutes,
              payload, location_id, tracing_code_hash, created_at)
            VALUES (${id}, 'Bench venue', 'Bench street', '26743', 'shop', 60, ${randomBytes(64)}, ${randomBytes(32)}, 'x', now())`,
      );
    }
    const bodies = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        JSON.stringify({ venueId: ids[i % VENUES], kind: i % 3 === 2 ? "exit" : "enter" }),
      );
    await send(server.url, bodies(warmCount));
    const result = await send(server.url, bodies(count));
    if (result["2xx"] !== count || result.non2xx > 0 || result.errors > 0) {
      throw new Error(
        `checkin ingest bench: ${result["2xx"]}/${count} accepted (non-2xx ${result.non2xx}, errors ${result.errors})`,
      );
    }
    const [total] = await rows<{ n: number }>(
      database.db,
      sql`SELECT sum(enters + exits)::int AS n FROM venue_presence_hourly`,
    );
    if (total?.n !== count + warmCount) throw new Error(`checkin ingest bench: counted ${total?.n}`);

    await rows(database.db, sql`CREATE TABLE baseline_ticks (venue text, kind text, at timestamptz)`);
    const pool = database.pool!;
    const insertAll = async (n: number) => {
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: BASELINE_CONNECTIONS }, async () => {
          for (let i = next++; i < n; i = next++) {
            await pool.query("INSERT INTO baseline_ticks VALUES ($1, $2, now())", [ids[i % VENUES], "enter"]);
          }
        }),
      );
      return performance.now() - started;
    };
    await insertAll(warmCount);
    const baselineMs = await insertAll(count);
    const rate = count / result.duration;
    const baselineRate = (count * 1000) / baselineMs;
    return {
      setup: `${count} presence ticks over ${VENUES} venues, ${CONNECTIONS} HTTP connections, PostgreSQL, server in a child process on loopback`,
      figures: [
        { label: "(a) baseline single-row INSERTs (no HTTP)", value: baselineRate, unit: "events/s" },
        {
          label: "(b) POST /v1/presence (autocannon)",
          value: rate,
          unit: "events/s",
          note: `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
        },
      ],
      ratio: { label: "(b)/(a)", value: rate / baselineRate },
      targets: [
        {
          label: `(b) >= ${formatRate(TARGET_EVENTS_PER_SECOND)} events/s`,
          met: rate >= TARGET_EVENTS_PER_SECOND,
        },
        { label: `(b) p99 < ${TARGET_P99_MS} ms`, met: result.latency.p99 < TARGET_P99_MS },
      ],
    };
  } finally {
    server?.child.kill("SIGTERM");
    await database.close();
    await drop();
  }
}

export const checkinIngestBench: Benchmark = { name: "checkin-ingest", run };
