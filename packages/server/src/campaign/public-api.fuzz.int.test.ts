// Fuzz of the units and campaign endpoints (app: register, heartbeat, phone, confirm; officials: unit figures,
// agencies, targets; units: provinces, search, one unit): >= 10,000 requests mixing garbage with near-valid
// bodies, ids, codes and tokens. Every answer is 2xx or a 4xx problem+json, never 5xx; a rejected request (and
// any read) leaves the campaign tables as they were (OTP challenges are left out: a wrong code counts an attempt
// and voids the challenge after CAMPAIGN_OTP_MAX_ATTEMPTS, by design).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authFeature, createAccount } from "../auth/index.ts";
import { rows, sql } from "../platform/db/database.ts";
import { createFuzzClient, type FuzzClient, weird } from "../platform/fuzz.testutil.ts";
import { createTestApp, type TestApp } from "../platform/test-app.ts";
import { loadUnitsDataset, seedUnits, unitsFeature } from "../units/index.ts";
import { deviceHashOf, installIdOf } from "./campaign.testutil.ts";
import { createCampaignFeature, memoryOtpChannel } from "./index.ts";

const RUNS = {
  register: 2600,
  heartbeat: 1600,
  phone: 1000,
  confirm: 800,
  figures: 2000,
  admin: 800,
  units: 1300,
};
const TABLES = [
  "campaign_devices",
  "campaign_installs",
  "campaign_daily",
  "campaign_totals",
  "campaign_source_totals",
  "campaign_subscriber_uploads",
  "campaign_subscribers",
  "campaign_snapshots",
  "campaign_targets",
  "campaign_agencies",
  "campaign_reports",
];

describe("units and campaign endpoints under fuzzing", () => {
  let t: TestApp;
  let f: FuzzClient;
  const tokens: Record<string, string> = {};
  const installs: string[] = [];
  const now = new Date("2025-08-04T03:00:00Z");

  const state = async () => {
    const digest = (table: string) =>
      sql.raw(`(SELECT count(*) || ':' || coalesce(sum(hashtext(x::text)::bigint), 0) FROM ${table} x)`);
    const parts = TABLES.map(digest);
    const [row] = await rows<{ state: string }>(
      t.db,
      sql`SELECT concat_ws('/', ${sql.join(parts, sql`, `)}) AS state`,
    );
    return row?.state ?? "";
  };

  beforeAll(async () => {
    t = await createTestApp({
      features: [authFeature, unitsFeature, createCampaignFeature({ otpChannel: memoryOtpChannel() })],
      clock: () => now,
      env: {
        AUTH_SCRYPT_COST: "10",
        AUTH_SESSION_TTL: "30d",
        UNITS_SEED: "false",
        CAMPAIGN_OTP_RESEND_INTERVAL: "0s",
        CAMPAIGN_INSTALL_RATE_LIMIT: "1000000",
        CAMPAIGN_PHONE_RATE_LIMIT: "1000000",
      },
      config: { rateLimit: { max: 0, windowMs: 60_000 } },
    });
    const full = loadUnitsDataset();
    await seedUnits(t.db, {
      version: "fuzz",
      units: full.units.filter((u) => u.hierarchy === "v2025" && (u.code === "01" || u.parentCode === "01")),
      mapping: [],
    });
    for (const [name, role, unit] of [
      ["national", "national", null],
      ["hanoi", "province", "01"],
      ["badinh", "commune", "00004"],
      ["agency", "agency", "ABCDEFGH"],
    ] as const) {
      const password = `pw-${name}-0123456789`;
      await createAccount(t.db, { username: name, password, role, unitCode: unit }, { scryptCost: 10 });
      const res = await t.app.inject({
        method: "POST",
        url: "/v1/auth/login",
        payload: { username: name, password },
      });
      tokens[name] = res.json().token;
    }
    for (let i = 0; i < 5; i++) {
      installs.push(installIdOf(i));
      await t.app.inject({
        method: "POST",
        url: "/v1/installs",
        payload: {
          installId: installIdOf(i),
          deviceHash: deviceHashOf(i),
          platform: "ios",
          appVersion: "5.0",
          communeCode: "00004",
        },
      });
    }
    f = await createFuzzClient(() => t.app, state);
  });
  afterAll(async () => {
    if (f) console.log(`campaign fuzz: ${f.total} requests`, JSON.stringify(f.summary()));
    await t?.close();
  });

  const field = <T>(valid: fc.Arbitrary<T>) => fc.option(fc.oneof(valid, weird), { nil: undefined, freq: 8 });
  const asJson = (body: fc.Arbitrary<unknown>) =>
    fc.oneof(
      { weight: 9, arbitrary: body.map((b) => JSON.stringify(b)) },
      { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    );
  const installId = () =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...installs) },
      { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{16,20}$/) },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((s) => encodeURIComponent(s) || "x") },
      { weight: 1, arbitrary: fc.constantFrom("%00", "..%2F..", "A".repeat(101), "%E0%A4%A") },
    );
  const token = () =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...Object.values(tokens)) },
      { weight: 1, arbitrary: fc.constantFrom(undefined, "nonsense-token-123456") },
    );
  const auth = (bearer: string | undefined): Record<string, string> =>
    bearer === undefined ? {} : { authorization: `Bearer ${bearer}` };
  const unitCode = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom("VN", "01", "00004", "00008", "79", "26743") },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }).map((s) => encodeURIComponent(s) || "x") },
  );
  const json = { "content-type": "application/json" };

  it("app endpoints", async () => {
    const validRegister = fc.record({
      installId: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{16,24}$/), fc.constantFrom(...installs)),
      deviceHash: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{22,30}$/), fc.constantFrom(deviceHashOf(1))),
      platform: fc.constantFrom("android", "ios", "web"),
      appVersion: fc.constant("5.1.0"),
      communeCode: fc.constantFrom("00004", "00008"),
    });
    const register = fc.record(
      {
        installId: field(fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{16,24}$/), fc.constantFrom(...installs))),
        deviceHash: field(fc.stringMatching(/^[A-Za-z0-9_-]{22,30}$/)),
        platform: field(fc.constantFrom("android", "ios", "web", "symbian")),
        appVersion: field(fc.constantFrom("5.1.0", "", "x y")),
        communeCode: field(fc.constantFrom("00004", "00008", "99999", "01", "0000a")),
        source: field(fc.constantFrom("direct", "wifi-noi-bai", "x".repeat(80))),
        agencyCode: field(fc.constantFrom("ABCD-EFGH", "zzzzzzzz", "")),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(asJson(fc.oneof(register, validRegister)), async (payload) => {
        const res = await f.send(
          "register",
          { method: "POST", url: "/v1/installs", headers: json, payload },
          true,
        );
        if (res.statusCode === 201 && installs.length < 40) installs.push(res.json().installId);
      }),
      { numRuns: RUNS.register },
    );
    await fc.assert(
      fc.asyncProperty(installId(), async (id) => {
        await f.send("heartbeat", { method: "POST", url: `/v1/installs/${id}/heartbeat`, headers: {} }, true);
        now.setTime(now.getTime() + 37_000);
      }),
      { numRuns: RUNS.heartbeat },
    );
    const phone = fc.oneof(
      fc.constantFrom("0912345678", "+84 912 345 678", "0123", "abc"),
      fc.string({ maxLength: 22 }),
    );
    await fc.assert(
      fc.asyncProperty(
        installId(),
        asJson(fc.record({ phone: field(phone) }, { requiredKeys: [] })),
        async (id, payload) => {
          await f.send(
            "phone",
            { method: "POST", url: `/v1/installs/${id}/phone`, headers: json, payload },
            true,
          );
        },
      ),
      { numRuns: RUNS.phone },
    );
    const otp = fc.oneof(fc.stringMatching(/^[0-9]{6}$/), fc.constantFrom("12345", "abcdef"));
    await fc.assert(
      fc.asyncProperty(
        installId(),
        asJson(fc.record({ otp: field(otp) }, { requiredKeys: [] })),
        async (id, payload) => {
          await f.send(
            "confirm",
            { method: "POST", url: `/v1/installs/${id}/phone/confirm`, headers: json, payload },
            true,
          );
        },
      ),
      { numRuns: RUNS.confirm },
    );
    expect(f.statuses("register")).toEqual(expect.arrayContaining([200, 201, 400]));
    expect(f.statuses("heartbeat")).toEqual(expect.arrayContaining([200, 400, 404]));
    expect(f.statuses("phone")).toEqual(expect.arrayContaining([200, 400, 404]));
    expect(f.statuses("confirm")).toEqual(expect.arrayContaining([400]));
  });

  it("officials' endpoints", async () => {
    const suffix = fc.constantFrom(
      "",
      "/trend",
      "/sources",
      "/ranking",
      "/snapshots",
      "/agencies",
      "/target",
      "/reports",
    );
    const query = fc.option(
      fc.constantFrom("?from=2025-07-01&to=2025-08-04", "?from=x", "?to=2025-02-30", "?sort=name&q=Ba"),
      {
        nil: undefined,
      },
    );
    await fc.assert(
      fc.asyncProperty(token(), unitCode, suffix, query, async (bearer, code, s, q) => {
        await f.send(
          "figures",
          { method: "GET", url: `/v1/campaign/units/${code}${s}${q ?? ""}`, headers: auth(bearer) },
          false,
        );
      }),
      { numRuns: RUNS.figures / 2 },
    );
    await fc.assert(
      fc.asyncProperty(
        token(),
        fc.constantFrom(
          "/v1/campaign/home",
          "/v1/campaign/provinces",
          "/v1/campaign/agency",
          "/v1/campaign/agencies/1",
          "/v1/campaign/agencies/x",
          "/v1/campaign/audit",
        ),
        async (bearer, url) => {
          await f.send("figures", { method: "GET", url, headers: auth(bearer) }, false);
        },
      ),
      { numRuns: RUNS.figures / 2 },
    );
    const agency = fc.record(
      {
        unitCode: field(fc.constantFrom("00004", "00008", "01", "99")),
        name: field(fc.constantFrom("Sở Y tế", "", "Trường THCS Ba Đình")),
        kind: field(fc.constantFrom("department", "school", "casino")),
        headcount: field(fc.integer({ min: -2, max: 100_000 })),
        targetPercent: field(fc.double({ min: -1, max: 120, noNaN: true })),
      },
      { requiredKeys: [] },
    );
    const target = fc.record(
      {
        percent: field(fc.double({ min: -1, max: 120, noNaN: true })),
        deadline: field(fc.constantFrom("2025-09-30", "2025-02-30", "x")),
      },
      { requiredKeys: [] },
    );
    const validAgency = fc.record({
      unitCode: fc.constantFrom("00004", "00008", "01"),
      name: fc.constantFrom("Sở Y tế", "Trường THCS Ba Đình"),
      kind: fc.constantFrom("department", "school"),
      headcount: fc.integer({ min: 1, max: 5000 }),
    });
    const validTarget = fc.record({
      percent: fc.integer({ min: 1, max: 100 }),
      deadline: fc.constantFrom("2025-09-30", "2025-12-31"),
    });
    await fc.assert(
      fc.asyncProperty(
        token(),
        fc.boolean(),
        unitCode,
        asJson(fc.oneof(agency, validAgency)),
        asJson(fc.oneof(target, validTarget)),
        async (bearer, isAgency, code, a, tg) => {
          const req = isAgency
            ? {
                method: "POST" as const,
                url: "/v1/campaign/agencies",
                headers: { ...json, ...auth(bearer) },
                payload: a,
              }
            : {
                method: "PUT" as const,
                url: `/v1/campaign/units/${code}/target`,
                headers: { ...json, ...auth(bearer) },
                payload: tg,
              };
          await f.send(isAgency ? "agencies" : "target", req, true);
        },
      ),
      { numRuns: RUNS.admin },
    );
    expect(f.statuses("figures")).toEqual(expect.arrayContaining([200, 401, 403, 404]));
    expect(f.statuses("agencies")).toEqual(expect.arrayContaining([201, 400, 401, 403]));
    expect(f.statuses("target")).toEqual(expect.arrayContaining([200, 400, 403]));
  });

  it("units endpoints", async () => {
    const url = fc.oneof(
      fc.constantFrom(
        "/v1/units/provinces",
        "/v1/units/provinces?hierarchy=legacy",
        "/v1/units/provinces?asOf=2025-02-30",
      ),
      unitCode.map((c) => `/v1/units/${c}`),
      fc
        .tuple(
          fc.string({ maxLength: 12 }),
          fc.constantFrom("", "&level=commune", "&limit=0", "&within=01", "&limit=51"),
        )
        .map(([q, extra]) => `/v1/units/search?q=${encodeURIComponent(q)}${extra}`),
    );
    await fc.assert(
      fc.asyncProperty(url, async (u) => {
        await f.send("units", { method: "GET", url: u, headers: {} }, false);
      }),
      { numRuns: RUNS.units },
    );
    expect(f.statuses("units")).toEqual(expect.arrayContaining([200, 400, 404]));
    expect(f.total).toBeGreaterThanOrEqual(10_000);
  });
});
