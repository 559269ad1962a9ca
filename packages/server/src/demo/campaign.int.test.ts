// Integration: the campaign demo data - consistent rollups at every level, Hà Nội from near 47.6% to 60%,
// and a second run that changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../platform/db/database.ts";
import { rows, sql } from "../platform/db/database.ts";
import { createTestDb } from "../platform/db/test-db.ts";
import { ensureCampaignDemo } from "./campaign.ts";

let database: Database;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(async () => {
  await database?.close();
});

describe("campaign demo data", () => {
  it("writes 60 days for every unit, consistent up the hierarchy, once", async () => {
    const now = new Date("2025-08-04T11:00:00Z"); // 18:00 in Hà Nội: today's 17:00 snapshot exists
    const result = await ensureCampaignDemo(database.db, { now });
    expect(result).toMatchObject({ created: true, days: 60, communes: 3321 });
    expect(result.cityStartBp).toBeGreaterThanOrEqual(4740);
    expect(result.cityStartBp).toBeLessThanOrEqual(4780);
    expect(result.cityEndBp).toBeGreaterThanOrEqual(6000);
    expect(result.cityEndBp).toBeLessThanOrEqual(6050);

    const levels = await rows<{ level: string; installs: number; with_phone: number }>(
      database.db,
      sql`SELECT CASE WHEN unit_code = 'VN' THEN 'nation' WHEN length(unit_code) = 2 THEN 'province' ELSE 'commune' END AS level,
                 sum(installs)::float8 AS installs, sum(with_phone)::float8 AS with_phone
          FROM campaign_totals GROUP BY 1 ORDER BY 1`,
    );
    expect(levels.map((l) => l.level)).toEqual(["commune", "nation", "province"]);
    expect(new Set(levels.map((l) => `${l.installs}/${l.with_phone}`)).size).toBe(1);
    const [daily] = await rows<{ n: number; days: number }>(
      database.db,
      sql`SELECT count(*)::int AS n, count(DISTINCT day)::int AS days FROM campaign_daily`,
    );
    expect(daily).toEqual({ n: (3321 + 34 + 1) * 61, days: 61 });
    const [mismatch] = await rows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM campaign_totals t
          JOIN (SELECT unit_code, sum(installs) AS i, sum(with_phone) AS p FROM campaign_daily GROUP BY unit_code) d
            ON d.unit_code = t.unit_code
          WHERE d.i <> t.installs OR d.p <> t.with_phone`,
    );
    expect(mismatch?.n).toBe(0);
    const snapshots = await rows<{ day: string }>(
      database.db,
      sql`SELECT day::text AS day FROM campaign_snapshots WHERE unit_code = '01' ORDER BY day DESC LIMIT 1`,
    );
    expect(snapshots[0]?.day).toBe("2025-08-04");
    const [counts] = await rows<{ targets: number; agencies: number }>(
      database.db,
      sql`SELECT (SELECT count(*)::int FROM campaign_targets) AS targets, (SELECT count(*)::int FROM campaign_agencies) AS agencies`,
    );
    expect(counts).toEqual({ targets: 3, agencies: 6 });

    expect(await ensureCampaignDemo(database.db, { now })).toMatchObject({ created: false });
    const [again] = await rows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM campaign_daily`,
    );
    expect(again?.n).toBe(daily?.n);
  });
});
