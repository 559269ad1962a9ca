/**
 * Bench: the officials' dashboard API over a national database of 30,000,000 registered installs (all in
 * TP Hồ Chí Minh, so the province view also covers 30 million; --smoke: 100,000), generated in bulk with
 * generate_series. The API reads the rollups (totals, daily rows, snapshots, targets) and never the installs:
 * GET /v1/campaign/units/{VN,79}, their rankings and /v1/campaign/provinces, through HTTP (autocannon).
 * Baseline = the same figures computed by a full scan of the installs (GROUP BY commune), same run.
 */
import { createAccount, loadCampaignUnits, openDatabase, rows, sql } from "@bluezone/server";
import autocannon from "autocannon";
import { benchDatabaseUrl, benchSchema, benchServerEnv, startChildServer } from "./lib/child-server.ts";
import { formatRate, measure } from "./lib/measure.ts";
import type { Benchmark, BenchOptions, BenchResult } from "./lib/types.ts";

const PROVINCE = "79";
const TARGET_P99_MS = 100;
const CONNECTIONS = 8;
const PATHS = [
  "/v1/campaign/units/VN",
  "/v1/campaign/units/VN/ranking",
  "/v1/campaign/provinces",
  `/v1/campaign/units/${PROVINCE}`,
  `/v1/campaign/units/${PROVINCE}/ranking?sort=coverage`,
];

async function run(opts: BenchOptions): Promise<BenchResult> {
  const installs = opts.smoke ? 100_000 : 30_000_000;
  const requests = opts.smoke ? 500 : 5_000;
  const url = benchDatabaseUrl();
  const { schema, drop } = await benchSchema(url, "bench_dashboard");
  let server: Awaited<ReturnType<typeof startChildServer>> | undefined;
  const database = await openDatabase({ kind: "postgres", url, schema, poolSize: 4 });
  try {
    server = await startChildServer(benchServerEnv(url, schema, {}));
    const db = database.db;
    const generated = performance.now();
    // The province's communes, numbered, and today in Asia/Ho_Chi_Minh.
    const codes = loadCampaignUnits()
      .children(PROVINCE)
      .map((c) => c.code);
    await rows(
      db,
      sql`CREATE TABLE bench_communes AS SELECT (ordinality - 1)::int AS idx, value AS code
                       FROM json_array_elements_text(${JSON.stringify(codes)}::json) WITH ORDINALITY`,
    );
    const [{ today } = { today: "" }] = await rows<{ today: string }>(
      db,
      sql`SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS today`,
    );
    // Installs: spread over the communes and the last 60 days; 80% confirmed a phone, a third active today.
    await rows(db, sql`ALTER TABLE campaign_devices SET (autovacuum_enabled = false)`);
    const chunk = 5_000_000;
    for (let from = 0; from < installs; from += chunk) {
      const to = Math.min(installs, from + chunk) - 1;
      await rows(
        db,
        sql`INSERT INTO campaign_devices (device_key, commune_code, province_code, source, platform, registered_day,
              phone_hash, phone_day, last_active_day)
            SELECT 'd' || g, c.code, ${PROVINCE}, 'direct', 'android', ${today}::date - (g % 60)::int,
              CASE WHEN g % 5 <> 0 THEN md5(g::text) END, CASE WHEN g % 5 <> 0 THEN ${today}::date - (g % 60)::int END,
              ${today}::date - (g % 3)::int
            FROM generate_series(${from}::bigint, ${to}::bigint) g JOIN bench_communes c ON c.idx = (g * 7919) % ${codes.length}`,
      );
    }
    // Rollups in bulk, as the demo writes them (in production they are maintained event by event).
    await rows(
      db,
      sql`INSERT INTO campaign_daily (unit_code, day, installs, with_phone, active)
          SELECT unit_code, day, sum(n)::int, sum(p)::int, sum(a)::int FROM (
            SELECT commune_code AS unit_code, registered_day AS day, count(*) AS n, count(phone_hash) AS p,
                   count(*) FILTER (WHERE last_active_day = ${today}::date AND registered_day = ${today}::date) AS a
            FROM campaign_devices GROUP BY commune_code, registered_day) x
          GROUP BY unit_code, day`,
    );
    await rows(
      db,
      sql`INSERT INTO campaign_daily (unit_code, day, installs, with_phone, active)
          SELECT ${PROVINCE}, day, sum(installs), sum(with_phone), 0 FROM campaign_daily GROUP BY day
          UNION ALL SELECT 'VN', day, sum(installs), sum(with_phone), 0 FROM campaign_daily GROUP BY day`,
    );
    const [activeToday] = await rows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM campaign_devices WHERE last_active_day = ${today}::date`,
    );
    await rows(
      db,
      sql`INSERT INTO campaign_daily (unit_code, day, active)
          SELECT commune_code, ${today}::date, count(*) FROM campaign_devices WHERE last_active_day = ${today}::date
          GROUP BY commune_code
          UNION ALL SELECT ${PROVINCE}, ${today}::date, ${activeToday?.n ?? 0}::bigint
          UNION ALL SELECT 'VN', ${today}::date, ${activeToday?.n ?? 0}::bigint
          ON CONFLICT (unit_code, day) DO UPDATE SET active = excluded.active`,
    );
    await rows(
      db,
      sql`INSERT INTO campaign_totals (unit_code, installs, with_phone)
          SELECT unit_code, sum(installs), sum(with_phone) FROM campaign_daily GROUP BY unit_code`,
    );
    const perCommune = Math.ceil((installs * 1.6) / codes.length);
    await rows(
      db,
      sql`INSERT INTO campaign_subscribers (unit_code, as_of, subscribers)
          SELECT code, ${today}::date - 60, ${perCommune}::bigint FROM bench_communes
          UNION ALL SELECT ${PROVINCE}, ${today}::date - 60, ${perCommune * codes.length}::bigint
          UNION ALL SELECT 'VN', ${today}::date - 60, ${perCommune * codes.length}::bigint`,
    );
    await rows(
      db,
      sql`INSERT INTO campaign_targets (unit_code, percent_bp, deadline) VALUES ('VN', 6000, ${today}::date + 30)`,
    );
    await rows(db, sql`ANALYZE`);
    const generationSeconds = (performance.now() - generated) / 1000;

    await createAccount(
      db,
      { username: "bench-national", password: "bench-password-1", role: "national" },
      { scryptCost: 10 },
    );
    const login = await fetch(`${server.url}/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "bench-national", password: "bench-password-1" }),
    });
    const { token } = (await login.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}` };
    // Correctness: the API's figures equal a recomputation from the installs.
    const summary = (await (
      await fetch(`${server.url}/v1/campaign/units/${PROVINCE}`, { headers })
    ).json()) as {
      unit: { installs: number; withPhone: number; active: number };
    };
    const scan = async () =>
      rows<{ commune_code: string; installs: number; with_phone: number; active: number }>(
        db,
        sql`SELECT commune_code, count(*)::int AS installs, count(phone_hash)::int AS with_phone,
                   count(*) FILTER (WHERE last_active_day = ${today}::date)::int AS active
            FROM campaign_devices WHERE province_code = ${PROVINCE} GROUP BY commune_code`,
      );
    const scanned = await scan();
    const sum = (k: "installs" | "with_phone" | "active") => scanned.reduce((s, r) => s + r[k], 0);
    if (
      summary.unit.installs !== sum("installs") ||
      summary.unit.withPhone !== sum("with_phone") ||
      summary.unit.active !== sum("active")
    ) {
      throw new Error(`dashboard bench: API ${JSON.stringify(summary.unit)} differs from the scan`);
    }

    let next = 0;
    const run = () =>
      autocannon({
        url: server!.url,
        connections: CONNECTIONS,
        amount: requests,
        timeout: 30,
        headers,
        requests: [
          { setupRequest: (request) => ({ ...request, method: "GET", path: PATHS[next++ % PATHS.length]! }) },
        ],
      });
    await run(); // warm-up
    const result = await run();
    if (result["2xx"] !== requests)
      throw new Error(`dashboard bench: ${result["2xx"]}/${requests} answered 2xx`);
    const baseline = await measure(opts.smoke ? 5 : 3, scan);
    const apiRate = requests / result.duration;
    const scanRate = 1000 / baseline.medianMs;
    return {
      setup: `${formatRate(installs)} installs in ${codes.length} communes of province ${PROVINCE} (generated in ${generationSeconds.toFixed(0)} s), ${CONNECTIONS} connections, ${PATHS.length} dashboard endpoints, PostgreSQL`,
      figures: [
        {
          label: "(a) baseline: figures by a full scan",
          value: scanRate * 60,
          unit: "views/min",
          note: `median ${baseline.medianMs.toFixed(0)} ms per view`,
        },
        {
          label: "(b) dashboard API from the rollups",
          value: apiRate,
          unit: "requests/s",
          note: `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
        },
      ],
      ratio: { label: "(b)/(a)", value: apiRate / scanRate },
      targets: [{ label: `(b) p99 < ${TARGET_P99_MS} ms`, met: result.latency.p99 < TARGET_P99_MS }],
    };
  } finally {
    server?.child.kill("SIGTERM");
    await database.close();
    await drop();
  }
}

export const campaignDashboardBench: Benchmark = { name: "campaign-dashboard", run };
