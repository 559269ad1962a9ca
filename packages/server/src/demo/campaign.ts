// Campaign demo data for `npm start`: 60 days of synthetic installs, phones, activity and subscribers for every
// unit, written straight into the rollup tables in bulk (SQL generate_series), plus targets, agencies and the
// 17:00 snapshots. Idempotent: does nothing once campaign figures exist.

import { addDays, localDay, NATIONAL_CODE } from "../campaign/coverage.ts";
import { loadCampaignUnits } from "../campaign/index.ts";
import { type Db, rows, sql, transaction } from "../platform/db/database.ts";
import { DEMO_CITY, demoCommunes } from "./campaign-model.ts";

export interface CampaignDemoResult {
  created: boolean;
  days: number;
  communes: number;
  /** Hà Nội's coverage on the first and the last day (basis points). */
  cityStartBp?: number;
  cityEndBp?: number;
}

const AGENCIES = [
  { name: "Sở Y tế Hà Nội", kind: "department", unit: "00070", headcount: 420, share: 0.97 },
  {
    name: "Sở Thông tin và Truyền thông Hà Nội",
    kind: "department",
    unit: "00004",
    headcount: 160,
    share: 0.93,
  },
  {
    name: "Ban Quản lý các khu công nghiệp và chế xuất Hà Nội",
    kind: "board",
    unit: "00025",
    headcount: 95,
    share: 0.71,
  },
  { name: "Trường THPT Chu Văn An", kind: "school", unit: "00103", headcount: 130, share: 0.84 },
  {
    name: "Công ty TNHH Điện tử Thăng Long",
    kind: "enterprise",
    unit: "00097",
    headcount: 2300,
    share: 0.62,
  },
  { name: "Bộ Tư lệnh Thủ đô Hà Nội", kind: "armed_forces", unit: "00008", headcount: 850, share: 0.99 },
] as const;

/** Writes the demo figures unless campaign data exists; `now` fixes "today". Takes a few seconds. */
export async function ensureCampaignDemo(
  db: Db,
  options: { now?: Date; days?: number } = {},
): Promise<CampaignDemoResult> {
  const days = options.days ?? 60;
  const now = options.now ?? new Date();
  const today = localDay(now);
  const first = addDays(today, -days); // the base day: everything installed before the period
  const units = loadCampaignUnits();
  const communes = units
    .children(NATIONAL_CODE)
    .flatMap((p) => units.children(p.code).map((c) => ({ code: c.code, province: p.code })));
  return transaction(db, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended('bluezone:campaign-demo', 0))`);
    const [existing] = await rows(tx, sql`SELECT 1 FROM campaign_totals LIMIT 1`);
    if (existing) return { created: false, days, communes: communes.length };
    const params = demoCommunes(communes).map((c) => ({
      code: c.code,
      province: c.province,
      s: c.subscribers,
      c0: c.startCoverage,
      c1: c.endCoverage,
      share: c.phoneShare,
      act: c.activeShare,
    }));
    // Running totals per commune and day (d = 0 is the base day), then daily deltas, in a scratch table.
    await tx.execute(sql`
      CREATE TEMP TABLE demo_campaign_days ON COMMIT DROP AS
      WITH p AS (
        SELECT * FROM json_to_recordset(${JSON.stringify(params)}::json)
          AS x(code text, province text, s bigint, c0 float8, c1 float8, share float8, act float8)
      ), cum AS (
        SELECT p.code, p.province, d, (${first}::date + d) AS day, p.act,
          greatest(0, floor(p.s * (p.c0 + (p.c1 - p.c0) * power(d / ${days}::float8, 1.15)
            + 0.002 * sin(d * 0.9 + length(p.code))))) AS w,
          p.share
        FROM p CROSS JOIN generate_series(0, ${days}) AS d
      ), totals AS (
        SELECT code, province, d, day, act, w, floor(w / share) AS i FROM cum
      )
      SELECT code, province, day,
        (i - coalesce(lag(i) OVER (PARTITION BY code ORDER BY d), 0))::int AS installs,
        (w - coalesce(lag(w) OVER (PARTITION BY code ORDER BY d), 0))::int AS with_phone,
        floor(i * act * CASE WHEN extract(isodow FROM day) >= 6 THEN 0.88 ELSE 1 END)::int AS active
      FROM totals`);
    // Communes, their provinces and the nation.
    await tx.execute(sql`
      INSERT INTO campaign_daily (unit_code, day, installs, with_phone, active)
      SELECT code, day, installs, with_phone, active FROM demo_campaign_days
      UNION ALL
      SELECT province, day, sum(installs), sum(with_phone), sum(active) FROM demo_campaign_days GROUP BY province, day
      UNION ALL
      SELECT ${NATIONAL_CODE}, day, sum(installs), sum(with_phone), sum(active) FROM demo_campaign_days GROUP BY day`);
    await tx.execute(sql`
      INSERT INTO campaign_totals (unit_code, installs, with_phone)
      SELECT unit_code, sum(installs), sum(with_phone) FROM campaign_daily GROUP BY unit_code`);
    await tx.execute(sql`
      INSERT INTO campaign_source_totals (unit_code, source, installs)
      SELECT unit_code, source, floor(installs * share)::bigint FROM campaign_totals
      CROSS JOIN (VALUES ('direct', 0.55), ('wifi-noi-bai', 0.12), ('poster-cho-dong-xuan', 0.08),
                         ('sms-tiem-chung', 0.17), ('zalo-ubnd', 0.08)) AS s(source, share)`);

    // Subscribers (one telco upload on the base day): communes reported, provinces and VN summed.
    const [upload] = await rows<{ id: number }>(
      tx,
      sql`INSERT INTO campaign_subscriber_uploads (file_name, format, row_count, scope_code, uploaded_at)
          VALUES ('demo-thue-bao.csv', 'csv', ${params.length}, ${NATIONAL_CODE}, ${now.toISOString()}::timestamptz)
          RETURNING id::int AS id`,
    );
    await tx.execute(sql`
      INSERT INTO campaign_subscriber_reports (unit_code, as_of, subscribers, upload_id)
      SELECT code, ${first}::date, s, ${upload!.id} FROM json_to_recordset(${JSON.stringify(params)}::json) AS x(code text, s bigint)`);
    await tx.execute(sql`
      INSERT INTO campaign_subscribers (unit_code, as_of, subscribers)
      WITH p AS (SELECT * FROM json_to_recordset(${JSON.stringify(params)}::json) AS x(code text, province text, s bigint))
      SELECT code, ${first}::date, s FROM p
      UNION ALL SELECT province, ${first}::date, sum(s) FROM p GROUP BY province
      UNION ALL SELECT ${NATIONAL_CODE}, ${first}::date, sum(s) FROM p`);

    // 17:00 snapshots of every past day (today's too once 17:00 has passed); communes' last week only. The planner needs statistics of
    // the rows just written, or it picks a nested loop over 200,000 x 3,356 rows.
    await tx.execute(sql`ANALYZE campaign_daily, campaign_subscribers`);
    const lastSnapshot = now.getTime() >= Date.parse(`${today}T10:00:00Z`) ? today : addDays(today, -1);
    await tx.execute(sql`
      INSERT INTO campaign_snapshots (unit_code, day, taken_at, installs, with_phone, active, subscribers)
      SELECT c.unit_code, c.day, (c.day::timestamp + interval '10 hours') AT TIME ZONE 'UTC', c.installs, c.with_phone, c.active,
        coalesce(s.subscribers, 0)
      FROM (
        SELECT unit_code, day,
          sum(installs) OVER (PARTITION BY unit_code ORDER BY day) AS installs,
          sum(with_phone) OVER (PARTITION BY unit_code ORDER BY day) AS with_phone, active
        FROM campaign_daily
      ) c
      LEFT JOIN campaign_subscribers s ON s.unit_code = c.unit_code AND s.as_of = ${first}::date
      WHERE c.day <= ${lastSnapshot}::date
        AND c.day > (CASE WHEN length(c.unit_code) = 5 THEN ${addDays(lastSnapshot, -7)}::date ELSE ${first}::date END)`);

    // Targets: 60% nationally within a month; Hà Nội's own deadline is today.
    await tx.execute(sql`
      INSERT INTO campaign_targets (unit_code, percent_bp, deadline) VALUES
        (${NATIONAL_CODE}, 6000, ${addDays(today, 30)}::date), (${DEMO_CITY}, 6000, ${today}::date),
        ('79', 5500, ${addDays(today, 21)}::date)`);
    let n = 0;
    for (const a of AGENCIES) {
      n++;
      await tx.execute(sql`
        INSERT INTO campaign_agencies (unit_code, name, kind, headcount, join_code, joined, target_bp)
        VALUES (${a.unit}, ${a.name}, ${a.kind}, ${a.headcount}, ${`DEMO${"ABCDEF"[n - 1]}${"HJKMNP"[n - 1]}${n + 2}${n + 3}`},
                ${Math.floor(a.headcount * a.share)}, NULL)
        ON CONFLICT (join_code) DO NOTHING`);
    }

    const city = await rows<{ day: string; bp: number }>(
      tx,
      sql`SELECT day::text AS day, floor(with_phone * 10000.0 / nullif(subscribers, 0))::int AS bp FROM campaign_snapshots
          WHERE unit_code = ${DEMO_CITY} AND day IN (${addDays(first, 1)}::date, ${lastSnapshot}::date) ORDER BY day`,
    );
    return {
      created: true,
      days,
      communes: params.length,
      ...(city[0] ? { cityStartBp: city[0].bp } : {}),
      ...(city[1] ? { cityEndBp: city[1].bp } : {}),
    };
  });
}
