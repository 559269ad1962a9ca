// Integration: registrations, re-installs, heartbeats and phone confirmation through the HTTP API, with the
// rollups checked against a recomputation from the raw device rows (PGlite or PostgreSQL).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rows, sql } from "../platform/db/database.ts";
import {
  type CampaignTestApp,
  createCampaignTestApp,
  deviceHashOf,
  installIdOf,
} from "./campaign.testutil.ts";

let t: CampaignTestApp;
beforeEach(async () => {
  t = await createCampaignTestApp({ captureLogs: true, env: { CAMPAIGN_PHONE_RATE_LIMIT: "1000" } });
});
afterEach(async () => {
  await t.close();
});

type Count = { unit_code: string; installs: number; with_phone: number };

/** The totals recomputed from campaign_devices, the maintained totals, and per-day/active comparisons. */
async function recomputation() {
  const recomputed = await rows<Count>(
    t.db,
    sql`SELECT unit_code, count(*)::int AS installs, count(phone_hash)::int AS with_phone FROM (
          SELECT commune_code AS unit_code, phone_hash FROM campaign_devices
          UNION ALL SELECT province_code, phone_hash FROM campaign_devices
          UNION ALL SELECT 'VN', phone_hash FROM campaign_devices) x
        GROUP BY unit_code ORDER BY unit_code`,
  );
  const maintained = await rows<Count>(
    t.db,
    sql`SELECT unit_code, installs::int AS installs, with_phone::int AS with_phone FROM campaign_totals
        WHERE installs <> 0 OR with_phone <> 0 ORDER BY unit_code`,
  );
  const dailyRecomputed = await rows<{ unit_code: string; day: string; n: number }>(
    t.db,
    sql`SELECT unit_code, day, count(*)::int AS n FROM (
          SELECT commune_code AS unit_code, registered_day::text AS day FROM campaign_devices
          UNION ALL SELECT province_code, registered_day::text FROM campaign_devices
          UNION ALL SELECT 'VN', registered_day::text FROM campaign_devices) x
        GROUP BY unit_code, day ORDER BY unit_code, day`,
  );
  const dailyMaintained = await rows<{ unit_code: string; day: string; n: number }>(
    t.db,
    sql`SELECT unit_code, day::text AS day, installs AS n FROM campaign_daily WHERE installs <> 0 ORDER BY unit_code, day`,
  );
  const activeRecomputed = await rows<{ unit_code: string; day: string; n: number }>(
    t.db,
    sql`SELECT unit_code, day, count(*)::int AS n FROM (
          SELECT commune_code AS unit_code, last_active_day::text AS day FROM campaign_devices
          UNION ALL SELECT province_code, last_active_day::text FROM campaign_devices
          UNION ALL SELECT 'VN', last_active_day::text FROM campaign_devices) x
        WHERE day = '2025-08-05' GROUP BY unit_code, day ORDER BY unit_code`,
  );
  const activeMaintained = await rows<{ unit_code: string; day: string; n: number }>(
    t.db,
    sql`SELECT unit_code, day::text AS day, active AS n FROM campaign_daily WHERE day = '2025-08-05' AND active > 0 ORDER BY unit_code`,
  );
  return { recomputed, maintained, dailyRecomputed, dailyMaintained, activeRecomputed, activeMaintained };
}

describe("registration", () => {
  it("counts a device once: idempotent by install id, re-installs not counted again", async () => {
    const first = await t.register({ installId: installIdOf(1), source: "WiFi-NoiBai" });
    expect(first).toMatchObject({ status: 201, body: { status: "created", agency: "none" } });
    expect(await t.register({ installId: installIdOf(1) })).toMatchObject({
      status: 200,
      body: { status: "existing" },
    });
    // The same phone re-installs: a new install id, the same per-device hash.
    const again = await t.register({ installId: installIdOf(2), deviceHash: deviceHashOf(1) });
    expect(again).toMatchObject({ status: 200, body: { status: "reinstall" } });
    await t.register({ installId: installIdOf(3), communeCode: "26743" });
    const totals = await rows<Count>(
      t.db,
      sql`SELECT unit_code, installs::int AS installs, with_phone::int AS with_phone FROM campaign_totals ORDER BY unit_code`,
    );
    expect(totals).toEqual([
      { unit_code: "00004", installs: 1, with_phone: 0 },
      { unit_code: "01", installs: 1, with_phone: 0 },
      { unit_code: "26743", installs: 1, with_phone: 0 },
      { unit_code: "79", installs: 1, with_phone: 0 },
      { unit_code: "VN", installs: 2, with_phone: 0 },
    ]);
    const sources = await rows<{ source: string; installs: number }>(
      t.db,
      sql`SELECT source, installs::int AS installs FROM campaign_source_totals WHERE unit_code = 'VN' ORDER BY source`,
    );
    expect(sources).toEqual([
      { source: "direct", installs: 1 },
      { source: "wifi-noibai", installs: 1 },
    ]);
    // Only keyed hashes are stored, never the app's device hash.
    const stored = await rows<{ device_key: string }>(t.db, sql`SELECT device_key FROM campaign_devices`);
    expect(stored.every((d) => !d.device_key.includes("device-"))).toBe(true);
  });

  it("refuses unknown communes and malformed bodies", async () => {
    const unknown = await t.register({ installId: installIdOf(9), communeCode: "99999" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.type).toBe("urn:bluezone:problem:unknown-unit");
    const province = await t.register({ installId: installIdOf(9), communeCode: "01" });
    expect(province.status).toBe(400);
    const res = await t.app.inject({ method: "POST", url: "/v1/installs", payload: { installId: "short" } });
    expect(res.statusCode).toBe(400);
  });

  it("keeps the rollups equal to a recomputation under concurrent traffic", async () => {
    const communes = ["00004", "00008", "26743", "25747"];
    await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        t.register({
          installId: installIdOf(i),
          // every 10th install is a re-install of the device before it
          deviceHash: deviceHashOf(i % 10 === 9 ? i - 1 : i),
          communeCode: communes[i % communes.length]!,
        }),
      ),
    );
    for (let i = 0; i < 12; i++)
      expect((await t.confirmPhone(installIdOf(i * 7), `09123456${String(i).padStart(2, "0")}`)).status).toBe(
        200,
      );
    t.setNow("2025-08-05T02:00:00Z"); // the next day
    const beats = await Promise.all(Array.from({ length: 60 }, (_, i) => t.heartbeat(installIdOf(i * 2))));
    expect(beats.every((s) => s === 200)).toBe(true);
    expect(await t.heartbeat(installIdOf(999))).toBe(404);
    const r = await recomputation();
    expect(r.maintained).toEqual(r.recomputed);
    expect(r.dailyMaintained).toEqual(r.dailyRecomputed);
    expect(r.activeMaintained).toEqual(r.activeRecomputed);
    expect(r.recomputed.find((c) => c.unit_code === "VN")).toEqual({
      unit_code: "VN",
      installs: 108,
      with_phone: 12,
    });
  });

  it("counts a heartbeat once per device and day", async () => {
    await t.register({ installId: installIdOf(1) });
    await t.register({ installId: installIdOf(2), deviceHash: deviceHashOf(1) });
    t.setNow("2025-08-05T02:00:00Z");
    const beat = (id: string) => t.app.inject({ method: "POST", url: `/v1/installs/${id}/heartbeat` });
    expect(JSON.parse((await beat(installIdOf(1))).body)).toEqual({ status: "active" });
    expect(JSON.parse((await beat(installIdOf(2))).body)).toEqual({ status: "already-active" });
    const [row] = await rows<{ active: number }>(
      t.db,
      sql`SELECT active FROM campaign_daily WHERE unit_code = 'VN' AND day = '2025-08-05'`,
    );
    expect(row?.active).toBe(1);
  });
});

describe("phone confirmation", () => {
  it("stores only a keyed hash, counts a number once and never logs it", async () => {
    await t.register({ installId: installIdOf(1) });
    await t.register({ installId: installIdOf(2), communeCode: "26743" });
    const sent = await t.app.inject({
      method: "POST",
      url: `/v1/installs/${installIdOf(1)}/phone`,
      payload: { phone: "0912 345 678" },
    });
    expect(sent.statusCode).toBe(200);
    expect(t.otp.sent).toHaveLength(1);
    expect(t.otp.sent[0]?.phone).toBe("+84912345678");
    const otp = t.otp.sent[0]!.otp;
    // Asking again at once is refused (resend interval).
    const again = await t.app.inject({
      method: "POST",
      url: `/v1/installs/${installIdOf(1)}/phone`,
      payload: { phone: "0912345678" },
    });
    expect(again.statusCode).toBe(429);

    const wrongOtp = otp === "000000" ? "111111" : "000000";
    const wrong = await t.app.inject({
      method: "POST",
      url: `/v1/installs/${installIdOf(1)}/phone/confirm`,
      payload: { otp: wrongOtp },
    });
    expect(wrong.statusCode).toBe(400);
    expect(JSON.parse(wrong.body)).toMatchObject({
      type: "urn:bluezone:problem:otp-invalid",
      attemptsLeft: 4,
    });
    const ok = await t.app.inject({
      method: "POST",
      url: `/v1/installs/${installIdOf(1)}/phone/confirm`,
      payload: { otp },
    });
    expect(JSON.parse(ok.body)).toEqual({ status: "confirmed", counted: true });
    // The code is used up.
    const reuse = await t.app.inject({
      method: "POST",
      url: `/v1/installs/${installIdOf(1)}/phone/confirm`,
      payload: { otp },
    });
    expect(JSON.parse(reuse.body).type).toBe("urn:bluezone:problem:otp-expired");

    // The same number confirmed on another device moves there: still one phone in the nation.
    t.setNow("2025-08-04T03:05:00Z");
    expect((await t.confirmPhone(installIdOf(2), "+84912345678")).body).toEqual({
      status: "confirmed",
      counted: true,
    });
    const totals = await rows<Count>(
      t.db,
      sql`SELECT unit_code, installs::int AS installs, with_phone::int AS with_phone FROM campaign_totals ORDER BY unit_code`,
    );
    expect(totals.map((r) => [r.unit_code, r.with_phone])).toEqual([
      ["00004", 0],
      ["01", 0],
      ["26743", 1],
      ["79", 1],
      ["VN", 1],
    ]);

    const dump = JSON.stringify(await rows(t.db, sql`SELECT * FROM campaign_devices`));
    const challenges = JSON.stringify(await rows(t.db, sql`SELECT * FROM campaign_phone_challenges`));
    for (const text of [dump, challenges, t.logs.join("\n")]) {
      expect(text).not.toContain("912345678");
      expect(text).not.toContain(otp);
    }
  });

  it("rate-limits phone confirmation per client address (CAMPAIGN_PHONE_RATE_LIMIT)", async () => {
    const limited = await createCampaignTestApp({ env: { CAMPAIGN_PHONE_RATE_LIMIT: "3" } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await limited.app.inject({
          method: "POST",
          url: `/v1/installs/${installIdOf(i)}/phone/confirm`,
          payload: { otp: "123456" },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([400, 400, 400, 429]);
    } finally {
      await limited.close();
    }
  });

  it("refuses invalid numbers, unknown installs and expired codes", async () => {
    await t.register({ installId: installIdOf(1) });
    const bad = await t.app.inject({
      method: "POST",
      url: `/v1/installs/${installIdOf(1)}/phone`,
      payload: { phone: "024 3826 1234" },
    });
    expect(JSON.parse(bad.body).type).toBe("urn:bluezone:problem:invalid-phone");
    const unknown = await t.app.inject({
      method: "POST",
      url: `/v1/installs/${installIdOf(5)}/phone`,
      payload: { phone: "0912345678" },
    });
    expect(unknown.statusCode).toBe(404);
    await t.app.inject({
      method: "POST",
      url: `/v1/installs/${installIdOf(1)}/phone`,
      payload: { phone: "0912345678" },
    });
    t.setNow("2025-08-04T03:11:00Z"); // 11 minutes later: past CAMPAIGN_OTP_TTL
    const late = await t.app.inject({
      method: "POST",
      url: `/v1/installs/${installIdOf(1)}/phone/confirm`,
      payload: { otp: t.otp.sent.at(-1)!.otp },
    });
    expect(JSON.parse(late.body).type).toBe("urn:bluezone:problem:otp-expired");
  });
});
