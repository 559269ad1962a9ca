// Integration: subscriber uploads (CSV and XLSX, all or nothing), effective subscribers up the hierarchy,
// targets and progress, ranking and trend, and the 17:00 snapshot job run by a worker with an injected clock.
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rows, sql } from "../platform/db/database.ts";
import { JobWorker } from "../platform/jobs/worker.ts";
import { type CampaignTestApp, createCampaignTestApp, installIdOf } from "./campaign.testutil.ts";

/** The parts of the JSON answers the tests read. */
interface Figures {
  code: string;
  rank: number;
  coverage: string;
  installs: number;
  withPhone: number;
  subscribers: number;
  status: string;
  progress: { projectedDay: string | null };
}
interface Point {
  day: string;
  installs: number;
  withPhone: number;
}
interface Snapshot {
  day: string;
  installs: number;
  withPhone: number;
  subscribers: number;
  coverage: string;
  takenAt: string;
}
type Answer = {
  unit: Figures;
  path: { code: string }[];
  units: Figures[];
  points: Point[];
  target: unknown;
  provinces: Figures[];
  snapshots: Snapshot[];
  snapshot: unknown;
  agencies: unknown[];
};

let t: CampaignTestApp;
let national: string;
beforeEach(async () => {
  t = await createCampaignTestApp({ env: { CAMPAIGN_PHONE_RATE_LIMIT: "1000" } });
  national = await t.official("national", "national", null);
});
afterEach(async () => {
  await t.close();
});

const upload = (token: string, body: string | Uint8Array, type = "text/csv") =>
  t.app.inject({
    method: "POST",
    url: "/v1/campaign/subscribers?filename=telco.csv",
    headers: { authorization: `Bearer ${token}`, "content-type": type },
    payload: Buffer.from(body),
  });

describe("subscriber uploads", () => {
  it("rejects the whole file listing every bad row, then accepts a good one", async () => {
    const bad = await upload(
      national,
      [
        "Mã đơn vị,Số thuê bao,Ngày",
        "00004,1000,2025-08-01",
        "00008,abc,2025-08-01",
        "77777,5,2025-08-01",
        "00025,10,2099-01-01",
      ].join("\n"),
    );
    expect(bad.statusCode).toBe(422);
    const problem = JSON.parse(bad.body);
    expect(problem.type).toBe("urn:bluezone:problem:invalid-rows");
    expect(problem.rowErrors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([
      [3, "invalid-number"],
      [4, "unknown-unit"],
      [5, "future-date"],
    ]);
    const [stored] = await rows<{ n: number }>(
      t.db,
      sql`SELECT count(*)::int AS n FROM campaign_subscriber_reports`,
    );
    expect(stored?.n).toBe(0);

    const good = await upload(
      national,
      "unit code;subscribers;date\n00004;1.000;01/08/2025\n00008;3000;2025-08-01\n",
    );
    expect(JSON.parse(good.body)).toMatchObject({ rows: 2 });
    const hanoi = await t.get("/v1/campaign/units/01", national);
    // No province figure reported: the sum of its communes.
    expect((hanoi.body as { unit: { subscribers: number } }).unit.subscribers).toBe(4000);

    // A province figure reported later takes precedence over the sum; VN follows.
    await upload(national, "unit code,subscribers,date\n01,5000,2025-08-02\n");
    const after = (await t.get("/v1/campaign/units/01", national)).body as { unit: { subscribers: number } };
    expect(after.unit.subscribers).toBe(5000);
    const vn = (await t.get("/v1/campaign/units/VN", national)).body as { unit: { subscribers: number } };
    expect(vn.unit.subscribers).toBe(5000);
    const uploads = (await t.get("/v1/campaign/subscribers/uploads", national)).body as {
      uploads: unknown[];
    };
    expect(uploads.uploads).toHaveLength(2);
  });

  it("accepts XLSX files and keeps province officers to their province", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("Sheet1");
    sheet.addRow(["Ngày", "Mã đơn vị", "Số thuê bao"]);
    sheet.addRow([new Date(Date.UTC(2025, 7, 1)), "26743", 20000]);
    sheet.addRow([new Date(Date.UTC(2025, 7, 1)), "00004", 1000]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const hcm = await t.official("hcm", "province", "79");
    const refused = await upload(
      hcm,
      bytes,
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(refused.statusCode).toBe(422);
    expect(JSON.parse(refused.body).rowErrors).toEqual([
      expect.objectContaining({ line: 3, code: "out-of-scope", column: "unitCode" }),
    ]);
    sheet.spliceRows(3, 1);
    const ok = await upload(hcm, new Uint8Array(await wb.xlsx.writeBuffer()), "application/octet-stream");
    expect(JSON.parse(ok.body)).toMatchObject({ rows: 1 });
    const commune = commune26743(await t.get("/v1/campaign/units/26743", hcm));
    expect(commune.subscribers).toBe(20000);
    const communeOfficer = await t.official("ben-thanh", "commune", "26743");
    expect(
      (await upload(communeOfficer, "unit code,subscribers,date\n26743,1,2025-08-01\n")).statusCode,
    ).toBe(403);
  });
});

const commune26743 = (res: { body: unknown }) => (res.body as { unit: { subscribers: number } }).unit;

describe("figures, targets and ranking", () => {
  it("computes coverage truncated, the inherited target with its projection, and ranks communes", async () => {
    await upload(
      national,
      "unit code,subscribers,date\n00004,7,2025-07-01\n00008,4,2025-07-01\n00025,10,2025-07-01\n",
    );
    // Ba Đình: 3 installs with phone of 7 subscribers = 42.857% -> 42.85%; Ngọc Hà: 1 of 4 = 25.00%.
    t.setNow("2025-07-29T03:00:00Z");
    for (let i = 0; i < 3; i++) {
      await t.register({ installId: installIdOf(i), communeCode: "00004" });
      await t.confirmPhone(installIdOf(i), `091234560${i}`);
    }
    t.setNow("2025-08-04T03:00:00Z");
    await t.register({ installId: installIdOf(10), communeCode: "00008" });
    await t.confirmPhone(installIdOf(10), "0912345610");
    await t.register({ installId: installIdOf(11), communeCode: "00008" });

    const set = await t.app.inject({
      method: "PUT",
      url: "/v1/campaign/units/VN/target",
      headers: { authorization: `Bearer ${national}` },
      payload: { percent: 60, deadline: "2025-08-31" },
    });
    expect(set.statusCode).toBe(200);
    const summary = (await t.get("/v1/campaign/units/00004", national)).body as Answer;
    expect(summary.unit).toMatchObject({
      installs: 3,
      withPhone: 3,
      subscribers: 7,
      coverageBp: 4285,
      coverage: "42.85%",
      target: { unitCode: "VN", percentBp: 6000, percent: "60.00%", deadline: "2025-08-31", inherited: true },
      status: "on_track",
    });
    expect(summary.path.map((p: { code: string }) => p.code)).toEqual(["VN", "01", "00004"]);
    // Pace: the 3 phones came 6 days ago (within the last 7 days): 3/7 a day; 5 needed (ceil 4.2), 2 missing.
    expect(summary.unit.progress).toMatchObject({
      targetPhones: 5,
      remainingPhones: 2,
      daysLeft: 28,
      neededPerDay: 1,
    });
    expect(summary.unit.progress.projectedDay).toBe("2025-08-09");

    const ranking = (await t.get("/v1/campaign/units/01/ranking?sort=coverage", national)).body as Answer;
    expect(ranking.units.slice(0, 3).map((u: Figures) => [u.rank, u.code, u.coverage])).toEqual([
      [1, "00004", "42.85%"],
      [2, "00008", "25.00%"],
      [3, "00025", "0.00%"],
    ]);
    expect(ranking.units).toHaveLength(126);
    const searched = (await t.get("/v1/campaign/units/01/ranking?q=ngoc%20ha", national)).body as Answer;
    expect(searched.units.map((u: Figures) => u.code)).toEqual(["00008"]);

    const trend = (await t.get("/v1/campaign/units/01/trend?days=7", national)).body as Answer;
    expect(trend.target).toEqual({ percentBp: 6000, deadline: "2025-08-31" });
    expect(trend.points.map((p: Point) => [p.day, p.installs, p.withPhone])).toEqual([
      ["2025-07-29", 3, 3],
      ["2025-07-30", 3, 3],
      ["2025-07-31", 3, 3],
      ["2025-08-01", 3, 3],
      ["2025-08-02", 3, 3],
      ["2025-08-03", 3, 3],
      ["2025-08-04", 5, 4],
    ]);
    const provinces = (await t.get("/v1/campaign/provinces", national)).body as Answer;
    expect(provinces.provinces).toHaveLength(34);
    expect(provinces.provinces.find((p: Figures) => p.code === "01")).toMatchObject({
      installs: 5,
      withPhone: 4,
      subscribers: 21,
    });

    // A unit's own target overrides the inherited one; deleting it inherits again.
    const own = await t.app.inject({
      method: "PUT",
      url: "/v1/campaign/units/00004/target",
      headers: { authorization: `Bearer ${national}` },
      payload: { percent: 40, deadline: "2025-08-15" },
    });
    expect(JSON.parse(own.body)).toMatchObject({ own: { percentBp: 4000 }, applied: { inherited: false } });
    expect(((await t.get("/v1/campaign/units/00004", national)).body as Answer).unit.status).toBe("reached");
    const removed = await t.app.inject({
      method: "DELETE",
      url: "/v1/campaign/units/00004/target",
      headers: { authorization: `Bearer ${national}` },
    });
    expect(JSON.parse(removed.body)).toMatchObject({ own: null, applied: { unitCode: "VN" } });
  });
});

describe("agencies", () => {
  it("gives a join code, counts staff who register with it and reports compliance", async () => {
    const hanoi = await t.official("hanoi", "province", "01");
    const created = await t.app.inject({
      method: "POST",
      url: "/v1/campaign/agencies",
      headers: { authorization: `Bearer ${hanoi}` },
      payload: { unitCode: "00004", name: "Sở Y tế Hà Nội", kind: "department", headcount: 4 },
    });
    expect(created.statusCode).toBe(201);
    const agency = JSON.parse(created.body);
    expect(agency.joinCode).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    const typed = `${agency.joinCode.slice(0, 4).toLowerCase()}-${agency.joinCode.slice(4)}`;
    expect((await t.register({ installId: installIdOf(1), agencyCode: typed })).body).toMatchObject({
      agency: "joined",
    });
    expect((await t.register({ installId: installIdOf(2), agencyCode: "ZZZZZZZZ" })).body).toMatchObject({
      agency: "unknown",
    });
    const list = (await t.get("/v1/campaign/units/01/agencies", hanoi)).body as Answer;
    expect(list.agencies).toEqual([
      expect.objectContaining({
        name: "Sở Y tế Hà Nội",
        joined: 1,
        compliance: "25.00%",
        appliedTargetBp: 9000,
        belowTarget: true,
      }),
    ]);
    const patched = await t.app.inject({
      method: "PATCH",
      url: `/v1/campaign/agencies/${agency.id}`,
      headers: { authorization: `Bearer ${hanoi}` },
      payload: { headcount: 1 },
    });
    expect(JSON.parse(patched.body)).toMatchObject({ compliance: "100.00%", belowTarget: false });
  });
});

describe("17:00 snapshot", () => {
  it("is taken by the daily job at 10:00 UTC with the figures of that moment, once", async () => {
    await upload(national, "unit code,subscribers,date\n00004,10,2025-08-01\n");
    await t.register({ installId: installIdOf(1) });
    await t.confirmPhone(installIdOf(1), "0912345601");
    let clock = Date.parse("2025-08-04T09:59:00Z");
    const worker = new JobWorker({ registry: t.jobs, now: () => clock });
    await worker.tickSchedules();
    await worker.drain();
    // Yesterday's 17:00 period: taken now for 2025-08-03 (the schedule is not back-filled before that).
    const first = await rows<{ unit_code: string; day: string; with_phone: number; subscribers: number }>(
      t.db,
      sql`SELECT unit_code, day::text AS day, with_phone::int AS with_phone, subscribers::int AS subscribers
          FROM campaign_snapshots ORDER BY day, unit_code`,
    );
    expect(first.map((r) => r.day)).toEqual(["2025-08-03", "2025-08-03", "2025-08-03"]);

    clock = Date.parse("2025-08-04T10:00:05Z");
    t.setNow(new Date(clock));
    await worker.tickSchedules();
    await worker.drain();
    await t.register({ installId: installIdOf(2) }); // after 17:00: not in today's snapshot
    await worker.tickSchedules();
    await worker.drain();
    const snapshots = (
      (await t.get("/v1/campaign/units/00004/snapshots?from=2025-08-01&to=2025-08-04", national))
        .body as Answer
    ).snapshots;
    expect(
      snapshots.map((s: Snapshot) => [s.day, s.installs, s.withPhone, s.subscribers, s.coverage]),
    ).toEqual([
      ["2025-08-03", 1, 1, 10, "10.00%"],
      ["2025-08-04", 1, 1, 10, "10.00%"],
    ]);
    expect(snapshots[1]?.takenAt).toBe("2025-08-04T10:00:05.000Z");
    const summary = (await t.get("/v1/campaign/units/00004", national)).body as Answer;
    expect(summary.snapshot).toMatchObject({ day: "2025-08-04", installs: 1 });
    expect(summary.unit.installs).toBe(2);
  });
});
