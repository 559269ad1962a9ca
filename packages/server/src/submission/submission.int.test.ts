import { generateKeyPairSync } from "node:crypto";
import { bytesToBase64, ReportType, type TekMacKey } from "@bluezone/protocol";
import type { LightMyRequestResponse } from "fastify";
import { decodeProtectedHeader, SignJWT } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadKeysConfig } from "../keys/config.ts";
import { getActiveSigningKey, jwtKeyId } from "../keys/index.ts";
import { serverSecrets, signingKeys } from "../keys/tables.ts";
import { PROBLEM_CONTENT_TYPE } from "../platform/errors.ts";
import { verificationCodes, verificationTokens } from "../verification/tables.ts";
import { createFlow, DAY_MS, type Flow, HA_ID, publishBody, tekOfDay } from "./flow.testutil.ts";
import { diagnosisKeys } from "./tables.ts";

const HOUR = 3_600_000;
const start = new Date("2026-05-10T09:37:12Z");
const today = Math.floor(start.getTime() / DAY_MS);
const b64 = (k: TekMacKey) => bytesToBase64(k.keyData);

function expectProblem(res: LightMyRequestResponse, status: number, errorCode: string): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers["content-type"]).toContain(PROBLEM_CONTENT_TYPE);
  expect(res.json().errorCode).toBe(errorCode);
}

describe("submission: publish", () => {
  let f: Flow;
  const rowsOf = async (keys: TekMacKey[]) => {
    const all = await f.t.db.select().from(diagnosisKeys);
    const wanted = new Set(keys.map(b64));
    return all.filter((r) => wanted.has(bytesToBase64(r.keyData)));
  };
  const countKeys = async () => (await f.t.db.select().from(diagnosisKeys)).length;

  beforeAll(async () => {
    f = await createFlow({ start });
  });
  beforeEach(() => {
    f.clock.now = start;
  });
  afterAll(async () => {
    await f.close();
  });

  it("stores the keys of a verified upload with the certificate's report type and onset", async () => {
    const keys = [0, 1, 2, 3, 4].map((d) => tekOfDay(start, d, d % 9));
    const certified = await f.certify("likely", keys, { symptomDate: "2026-05-08" });
    // The phone's own symptomOnsetInterval is ignored: the certificate's counts.
    const res = await f.publish(
      publishBody(keys, certified, { symptomOnsetInterval: 12345, traveler: true }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ insertedExposures: 5, warnings: [] });
    expect(body.revisionToken).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(res.body.length).toBe(3072);
    const rows = await rowsOf(keys);
    expect(rows).toHaveLength(5);
    for (const [i, key] of keys.entries()) {
      const row = rows.find((r) => bytesToBase64(r.keyData) === b64(key))!;
      expect(row).toMatchObject({
        rollingStartIntervalNumber: (today - i) * 144,
        rollingPeriod: 144,
        transmissionRisk: i % 9,
        reportType: ReportType.CONFIRMED_CLINICAL_DIAGNOSIS,
        daysSinceOnset: 2 - i,
        healthAuthority: HA_ID,
        traveler: true,
        createdAt: new Date("2026-05-10T09:00:00Z"),
        revisedReportType: null,
        exportBatchId: null,
      });
      // Embargo: today's key is still valid, so it waits for the end of its UTC day + 2 h.
      expect(row.availableAt).toEqual(
        i === 0 ? new Date("2026-05-11T02:00:00Z") : new Date("2026-05-10T09:00:00Z"),
      );
    }
  });

  it("stores close contacts (F1) as RECURSIVE and confirmed tests as CONFIRMED_TEST, onset unknown", async () => {
    const f1 = [tekOfDay(start, 1), tekOfDay(start, 2)];
    expect(
      (await f.publish(publishBody(f1, await f.certify("close_contact", f1)))).json().insertedExposures,
    ).toBe(2);
    const f0 = [tekOfDay(start, 1)];
    expect((await f.publish(publishBody(f0, await f.certify("confirmed", f0)))).statusCode).toBe(200);
    expect((await rowsOf(f1)).map((r) => [r.reportType, r.daysSinceOnset])).toEqual([
      [ReportType.RECURSIVE, null],
      [ReportType.RECURSIVE, null],
    ]);
    expect((await rowsOf(f0))[0]?.reportType).toBe(ReportType.CONFIRMED_TEST);
  });

  it("embargoes a still-valid key uploaded late in its day until 02:00 the next day", async () => {
    f.clock.now = new Date("2026-05-10T23:50:00Z");
    const keys = [tekOfDay(f.clock.now, 0), tekOfDay(f.clock.now, 1)];
    expect((await f.publish(publishBody(keys, await f.certify("confirmed", keys)))).statusCode).toBe(200);
    const rows = await rowsOf(keys);
    expect(rows.map((r) => r.createdAt)).toEqual([
      new Date("2026-05-10T23:00:00Z"),
      new Date("2026-05-10T23:00:00Z"),
    ]);
    expect(rows.find((r) => bytesToBase64(r.keyData) === b64(keys[0]!))?.availableAt).toEqual(
      new Date("2026-05-11T02:00:00Z"),
    );
    expect(rows.find((r) => bytesToBase64(r.keyData) === b64(keys[1]!))?.availableAt).toEqual(
      new Date("2026-05-10T23:00:00Z"),
    );
  });

  const cases: [string, () => TekMacKey[], string][] = [
    [
      "too many keys",
      () =>
        Array.from({ length: 31 }, (_, i) => ({
          ...tekOfDay(start, 1),
          rollingStartIntervalNumber: (today - 1) * 144 + i,
          rollingPeriod: 1,
        })),
      "too_many_keys",
    ],
    [
      "more than 3 keys with one start",
      () => [10, 20, 30, 144].map((p) => ({ ...tekOfDay(start, 1), rollingPeriod: p })),
      "too_many_same_start_keys",
    ],
    [
      "overlapping keys",
      () => [
        tekOfDay(start, 1),
        { ...tekOfDay(start, 1), rollingStartIntervalNumber: (today - 1) * 144 + 72, rollingPeriod: 72 },
      ],
      "key_overlap",
    ],
    ["a key older than 15 days", () => [tekOfDay(start, 16)], "key_too_old"],
    [
      "a key in the future",
      () => [
        { ...tekOfDay(start, 0), rollingStartIntervalNumber: Math.floor(start.getTime() / 600_000) + 1 },
      ],
      "key_in_future",
    ],
    ["rolling period 0", () => [{ ...tekOfDay(start, 1), rollingPeriod: 0 }], "invalid_rolling_period"],
    ["rolling period 145", () => [{ ...tekOfDay(start, 1), rollingPeriod: 145 }], "invalid_rolling_period"],
    ["transmission risk 9", () => [tekOfDay(start, 1, 9)], "invalid_transmission_risk"],
    ["a 15-byte key", () => [{ ...tekOfDay(start, 1), keyData: new Uint8Array(15).fill(1) }], "invalid_key"],
    [
      "a key sent twice",
      () => {
        const k = tekOfDay(start, 1);
        return [k, { ...k, rollingStartIntervalNumber: k.rollingStartIntervalNumber - 144 }];
      },
      "duplicate_key",
    ],
  ];
  for (const [name, makeKeys, errorCode] of cases) {
    it(`refuses ${name} (${errorCode}) and stores nothing`, async () => {
      const keys = makeKeys();
      const before = await countKeys();
      expectProblem(await f.publish(publishBody(keys, await f.certify("confirmed", keys))), 400, errorCode);
      expect(await countKeys()).toBe(before);
    });
  }

  it("accepts the limits themselves: 30 keys, 3 keys with one start, a key whose validity ended 15 days ago", async () => {
    const thirty = Array.from({ length: 30 }, (_, i) => ({
      ...tekOfDay(start, 1),
      rollingStartIntervalNumber: (today - 1) * 144 + i,
      rollingPeriod: 1,
    }));
    expect(
      (await f.publish(publishBody(thirty, await f.certify("confirmed", thirty)))).json().insertedExposures,
    ).toBe(30);
    const three = [10, 20, 144].map((p) => ({ ...tekOfDay(start, 2), rollingPeriod: p }));
    expect(
      (await f.publish(publishBody(three, await f.certify("confirmed", three)))).json().insertedExposures,
    ).toBe(3);
    const old = [tekOfDay(start, 15)];
    expect(
      (await f.publish(publishBody(old, await f.certify("confirmed", old)))).json().insertedExposures,
    ).toBe(1);
  });

  it("drops keys more than 14 days from symptom onset, with a warning", async () => {
    const keys = [tekOfDay(start, 15), tekOfDay(start, 14), tekOfDay(start, 1)];
    const res = await f.publish(
      publishBody(keys, await f.certify("confirmed", keys, { symptomDate: "2026-05-10" })),
    );
    expect(res.json()).toMatchObject({
      insertedExposures: 2,
      warnings: ["key 0: more than 14 days from symptom onset, not saved"],
    });
    expect(res.body.length).toBe(3072);
    expect((await rowsOf(keys)).map((r) => r.daysSinceOnset).sort()).toEqual([-1, -14]);
  });

  it("refuses keys that do not match the certificate's tekmac", async () => {
    const keys = [tekOfDay(start, 1, 2), tekOfDay(start, 2, 2)];
    const certified = await f.certify("confirmed", keys);
    const before = await countKeys();
    const changed = keys.map((k, i) => (i === 1 ? { ...k, transmissionRiskLevel: 3 } : k));
    expectProblem(await f.publish(publishBody(changed, certified)), 400, "hmac_mismatch");
    expectProblem(await f.publish(publishBody([keys[0]!], certified)), 400, "hmac_mismatch");
    const otherKey = { ...certified, hmacKey: new Uint8Array(32).fill(7) };
    expectProblem(await f.publish(publishBody(keys, otherKey)), 400, "hmac_mismatch");
    expectProblem(
      await f.publish({ ...publishBody(keys, certified), hmacKey: "%%%" }),
      400,
      "hmac_key_invalid",
    );
    expect(await countKeys()).toBe(before);
    expect((await f.publish(publishBody(keys, certified))).statusCode).toBe(200);
  });

  it("refuses foreign, forged, expired and misaddressed certificates and unknown health authorities", async () => {
    const keys = [tekOfDay(start, 3)];
    const certified = await f.certify("confirmed", keys);
    const before = await countKeys();
    const { kid } = decodeProtectedHeader(certified.certificate);
    const payload = JSON.parse(Buffer.from(certified.certificate.split(".")[1]!, "base64url").toString());
    const foreignKey = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey;
    const sign = (key: Parameters<SignJWT["sign"]>[0], claims: Record<string, unknown> = {}) =>
      new SignJWT({ ...payload, ...claims }).setProtectedHeader({ alg: "ES256", kid: kid! }).sign(key);
    const forged = await sign(foreignKey);
    expectProblem(
      await f.publish(publishBody(keys, { ...certified, certificate: forged })),
      401,
      "certificate_invalid",
    );
    const active = await getActiveSigningKey(f.t.db, "certificate", { config: loadKeysConfig({}) });
    expect(jwtKeyId(active)).toBe(kid);
    const misaddressed = await sign(active.privateKey, { aud: "another-key-server" });
    expectProblem(
      await f.publish(publishBody(keys, { ...certified, certificate: misaddressed })),
      401,
      "certificate_invalid",
    );
    const untyped = await sign(active.privateKey, { reportType: "positive" });
    expectProblem(
      await f.publish(publishBody(keys, { ...certified, certificate: untyped })),
      401,
      "certificate_invalid",
    );
    expectProblem(
      await f.publish(publishBody(keys, { ...certified, certificate: "a.b.c" })),
      401,
      "certificate_invalid",
    );
    expectProblem(
      await f.publish(publishBody(keys, certified, { healthAuthorityID: "xx.other" })),
      401,
      "unknown_health_authority_id",
    );
    f.advance(15 * 60_000);
    expectProblem(await f.publish(publishBody(keys, certified)), 401, "certificate_expired");
    expect(await countKeys()).toBe(before);
  });

  it("answers chaff requests like real ones (shape, size) and writes nothing", async () => {
    const snapshot = async () =>
      JSON.stringify([
        await f.t.db.select().from(diagnosisKeys),
        await f.t.db.select().from(verificationCodes),
        await f.t.db.select().from(verificationTokens),
        await f.t.db.select().from(signingKeys),
        await f.t.db.select().from(serverSecrets),
      ]);
    const keys = [tekOfDay(start, 1), tekOfDay(start, 2), tekOfDay(start, 3)];
    const certified = await f.certify("confirmed", keys);
    const before = await snapshot();
    const chaff = await f.publish(publishBody(keys, certified), { "x-chaff": "1" });
    const garbageChaff = await f.publish(publishBody(keys, { ...certified, certificate: "x" }), {
      "X-Chaff": "1",
    });
    expect(await snapshot()).toBe(before);
    const real = await f.publish(publishBody(keys, certified));
    for (const res of [chaff, garbageChaff]) {
      expect(res.statusCode).toBe(200);
      expect(res.body.length).toBe(real.body.length);
      expect(Object.keys(res.json())).toEqual(Object.keys(real.json()));
      expect(res.json().insertedExposures).toBe(3);
      expect(res.json().revisionToken.length).toBe(real.json().revisionToken.length);
      expect(res.headers["content-type"]).toBe(real.headers["content-type"]);
    }
  });

  it("revises likely keys to confirmed with the revision token, and only then", async () => {
    const keys = [tekOfDay(start, 0), tekOfDay(start, 1), tekOfDay(start, 2)];
    const first = await f.publish(
      publishBody(keys, await f.certify("likely", keys, { symptomDate: "2026-05-09" })),
    );
    const { revisionToken } = first.json();
    f.advance(2 * HOUR);
    const confirmed = await f.certify("confirmed", keys, { symptomDate: "2026-05-08" });
    expectProblem(await f.publish(publishBody(keys, confirmed)), 400, "missing_revision_token");
    expectProblem(
      await f.publish(publishBody(keys, confirmed, { revisionToken: "AAAA" })),
      400,
      "invalid_revision_token",
    );
    const others = [tekOfDay(start, 5)];
    const otherToken = (await f.publish(publishBody(others, await f.certify("likely", others)))).json()
      .revisionToken;
    expectProblem(
      await f.publish(publishBody(keys, confirmed, { revisionToken: otherToken })),
      400,
      "invalid_revision_token",
    );
    expect((await rowsOf(keys)).every((r) => r.revisedReportType === null)).toBe(true);

    const revised = await f.publish(publishBody(keys, confirmed, { revisionToken }));
    expect(revised.json()).toMatchObject({ insertedExposures: 3, warnings: [] });
    const rows = await rowsOf(keys);
    for (const row of rows) {
      const daysAgo = today - row.rollingStartIntervalNumber / 144;
      expect(row).toMatchObject({
        reportType: ReportType.CONFIRMED_CLINICAL_DIAGNOSIS,
        daysSinceOnset: 1 - daysAgo,
        revisedReportType: ReportType.CONFIRMED_TEST,
        revisedDaysSinceOnset: 2 - daysAgo,
      });
      // Revisions are exportable from the revision hour, never before the key itself.
      expect(row.revisedAt).toEqual(
        daysAgo === 0 ? new Date("2026-05-11T02:00:00Z") : new Date("2026-05-10T11:00:00Z"),
      );
    }
    // Publishing again as confirmed changes nothing (also without a token); a further change is refused.
    const again = await f.certify("confirmed", keys);
    expect((await f.publish(publishBody(keys, again))).json().insertedExposures).toBe(0);
    const negative = await f.certify("negative", keys);
    expectProblem(
      await f.publish(publishBody(keys, negative, { revisionToken: revised.json().revisionToken })),
      400,
      "key_already_revised",
    );
  });

  it("without a token, stores new keys beside unchanged ones, and stores none when a stored key would change", async () => {
    const old = [tekOfDay(start, 1), tekOfDay(start, 2)];
    await f.publish(publishBody(old, await f.certify("likely", old)));
    const fresh = [tekOfDay(start, 3)];
    const mixed = [...old, ...fresh];
    const sameType = await f.publish(publishBody(mixed, await f.certify("likely", mixed)));
    expect(sameType.statusCode, sameType.body).toBe(200);
    expect(sameType.json()).toMatchObject({ insertedExposures: 1, warnings: [] });
    expect(await rowsOf(mixed)).toHaveLength(3);
    // A changing stored key refuses the whole upload: the new key inserted first is rolled back.
    const unseen = [tekOfDay(start, 4)];
    const changing = [...unseen, ...old];
    const before = await countKeys();
    expectProblem(
      await f.publish(publishBody(changing, await f.certify("confirmed", changing))),
      400,
      "missing_revision_token",
    );
    expect(await countKeys()).toBe(before);
    expect(await rowsOf(unseen)).toHaveLength(0);
  });

  it("revokes likely keys with a negative test, refuses other transitions, ignores revoking unknown keys", async () => {
    const likely = [tekOfDay(start, 3)];
    const token = (await f.publish(publishBody(likely, await f.certify("likely", likely)))).json()
      .revisionToken;
    const revoke = await f.publish(
      publishBody(likely, await f.certify("negative", likely), { revisionToken: token }),
    );
    expect(revoke.json().insertedExposures).toBe(1);
    expect((await rowsOf(likely))[0]).toMatchObject({
      reportType: ReportType.CONFIRMED_CLINICAL_DIAGNOSIS,
      revisedReportType: ReportType.REVOKED,
    });

    const confirmed = [tekOfDay(start, 4)];
    const token2 = (await f.publish(publishBody(confirmed, await f.certify("confirmed", confirmed)))).json()
      .revisionToken;
    for (const type of ["likely", "negative", "close_contact"]) {
      expectProblem(
        await f.publish(publishBody(confirmed, await f.certify(type, confirmed), { revisionToken: token2 })),
        400,
        "invalid_revision_transition",
      );
    }
    expect((await rowsOf(confirmed))[0]?.revisedReportType).toBeNull();

    const unknown = [tekOfDay(start, 6)];
    const res = await f.publish(publishBody(unknown, await f.certify("negative", unknown)));
    expect(res.json()).toMatchObject({
      insertedExposures: 0,
      warnings: ["key 0: never published, nothing to revoke"],
    });
    expect(await rowsOf(unknown)).toEqual([]);
  });

  it("stores no client address, user agent or exact time: only the documented columns", async () => {
    const [row] = await f.t.db.select().from(diagnosisKeys).limit(1);
    expect(Object.keys(row!).sort()).toEqual(
      [
        "id",
        "keyData",
        "rollingStartIntervalNumber",
        "rollingPeriod",
        "transmissionRisk",
        "reportType",
        "daysSinceOnset",
        "healthAuthority",
        "traveler",
        "createdAt",
        "availableAt",
        "revisedReportType",
        "revisedDaysSinceOnset",
        "revisedTransmissionRisk",
        "revisedAt",
        "exportBatchId",
        "revisedExportBatchId",
      ].sort(),
    );
    const times = await f.t.db.select({ c: diagnosisKeys.createdAt }).from(diagnosisKeys);
    expect(times.every(({ c }) => c.getTime() % HOUR === 0)).toBe(true);
  });
});

describe("submission: logs and rate limit", () => {
  let f: Flow;
  beforeAll(async () => {
    f = await createFlow({ start, captureLogs: true, env: { SUBMISSION_PUBLISH_RATE_LIMIT: "3" } });
  });
  afterAll(async () => {
    await f.close();
  });

  it("logs no client address, user agent, keys, certificates or tokens", async () => {
    const keys = [tekOfDay(start, 1), tekOfDay(start, 2)];
    const certified = await f.certify("confirmed", keys);
    const headers = { "user-agent": "BluezoneTestAgent/9.9", "x-forwarded-for": "203.0.113.77" };
    const ok = await f.publish(publishBody(keys, certified), headers);
    const bad = await f.publish(publishBody(keys, { ...certified, certificate: "x.y.z" }), headers);
    expect([ok.statusCode, bad.statusCode]).toEqual([200, 401]);
    const logs = f.t.logs.join("\n");
    expect(logs).toContain("/v1/publish");
    for (const secret of [
      "127.0.0.1",
      "203.0.113.77",
      "BluezoneTestAgent",
      ...keys.map(b64),
      certified.certificate,
      bytesToBase64(certified.hmacKey),
      ok.json().revisionToken,
    ]) {
      expect(logs).not.toContain(secret);
    }
  });

  it("rate-limits publish requests per client with a 429 problem", async () => {
    const res = await f.publish({});
    expect(res.statusCode).toBe(400);
    const limited = await f.publish({});
    expect(limited.statusCode).toBe(429);
    expect(limited.headers["content-type"]).toContain(PROBLEM_CONTENT_TYPE);
  });
});
