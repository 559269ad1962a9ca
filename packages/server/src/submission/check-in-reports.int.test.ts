// POST /v1/publish with checkInProtectedReports: stored with the keys (same transaction, upload hour, source
// "upload") only for confirmed/likely certificates and new keys; malformed reports refuse the whole request.
import { randomBytes } from "node:crypto";
import {
  bytesToBase64,
  checkInRecordFromTimes,
  encryptCheckInRecord,
  type TekMacKey,
} from "@bluezone/protocol";
import { asc } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkInReports } from "../checkin/tables.ts";
import { createFlow, type Flow, publishBody, tekOfDay } from "./flow.testutil.ts";
import { diagnosisKeys } from "./tables.ts";

const start = new Date("2026-05-10T09:37:12Z");
const HOUR = new Date("2026-05-10T09:00:00Z");

function report() {
  const r = encryptCheckInRecord(
    checkInRecordFromTimes(Date.UTC(2026, 4, 9, 3), Date.UTC(2026, 4, 9, 4), 8),
    new Uint8Array(randomBytes(32)),
    new Uint8Array(randomBytes(16)),
  );
  return {
    locationIdHash: bytesToBase64(r.locationIdHash),
    iv: bytesToBase64(r.iv),
    encryptedCheckInRecord: bytesToBase64(r.encryptedCheckInRecord),
    mac: bytesToBase64(r.mac),
  };
}

describe("submission: check-in reports", () => {
  let f: Flow;
  const stored = () => f.t.db.select().from(checkInReports).orderBy(asc(checkInReports.id));
  const keyCount = async () => (await f.t.db.select().from(diagnosisKeys)).length;
  const upload = async (testType: string, keys: TekMacKey[], reports: unknown[]) =>
    f.publish(publishBody(keys, await f.certify(testType, keys), { checkInProtectedReports: reports }));

  beforeAll(async () => {
    f = await createFlow({ start, env: { SUBMISSION_MAX_CHECK_IN_REPORTS: "3" } });
  });
  beforeEach(async () => {
    f.clock.now = start;
    await f.t.db.delete(checkInReports);
  });
  afterAll(async () => {
    await f.close();
  });

  it("stores a confirmed case's reports with its keys, in the upload's UTC hour, byte for byte", async () => {
    const reports = [report(), report()];
    const res = await upload("confirmed", [tekOfDay(start, 1), tekOfDay(start, 2)], reports);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ insertedExposures: 2, insertedCheckInReports: 2, warnings: [] });
    const rows = await stored();
    expect(rows.map((r) => ({ ...r, id: 0 }))).toEqual(
      reports.map((r) => ({
        id: 0,
        hour: HOUR,
        source: "upload",
        locationIdHash: new Uint8Array(Buffer.from(r.locationIdHash, "base64")),
        iv: new Uint8Array(Buffer.from(r.iv, "base64")),
        encryptedCheckInRecord: new Uint8Array(Buffer.from(r.encryptedCheckInRecord, "base64")),
        mac: new Uint8Array(Buffer.from(r.mac, "base64")),
        publishedAt: null,
      })),
    );
  });

  it("stores a likely case's reports; drops a close contact's (RECURSIVE) with a warning, keeping the keys", async () => {
    const likely = await upload("likely", [tekOfDay(start, 3)], [report()]);
    expect(likely.json()).toMatchObject({ insertedExposures: 1, insertedCheckInReports: 1 });
    const before = await keyCount();
    const close = await upload("close_contact", [tekOfDay(start, 3)], [report(), report()]);
    expect(close.statusCode, close.body).toBe(200);
    expect(close.json().insertedExposures).toBe(1);
    expect(close.json().insertedCheckInReports).toBe(0);
    expect(close.json().warnings).toEqual([expect.stringContaining("not published for report type 4")]);
    expect(await keyCount()).toBe(before + 1);
    expect(await stored()).toHaveLength(1);
  });

  it("a replayed certificate (no new key) cannot add reports", async () => {
    const keys = [tekOfDay(start, 4)];
    const certified = await f.certify("confirmed", keys);
    const first = await f.publish(publishBody(keys, certified, { checkInProtectedReports: [report()] }));
    expect(first.json().insertedCheckInReports).toBe(1);
    const again = await f.publish(publishBody(keys, certified, { checkInProtectedReports: [report()] }));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ insertedExposures: 0, insertedCheckInReports: 0 });
    expect(again.json().warnings).toEqual([expect.stringContaining("added no new key")]);
    expect(await stored()).toHaveLength(1);
  });

  it("refuses malformed or too many reports, and reports without keys, storing nothing", async () => {
    const before = await keyCount();
    const bad = { ...report(), iv: bytesToBase64(new Uint8Array(12)) };
    const cases: [unknown[], TekMacKey[], string][] = [
      [[report(), bad], [tekOfDay(start, 5)], "invalid_check_in_report"],
      [[report(), report(), report(), report()], [tekOfDay(start, 5)], "too_many_check_in_reports"],
    ];
    for (const [reports, keys, code] of cases) {
      const res = await upload("confirmed", keys, reports);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errorCode).toBe(code);
    }
    // Check-ins alone: keys are required (exposure-notifications-server), the certificate binds only keys.
    const keys = [tekOfDay(start, 5)];
    const certified = await f.certify("confirmed", keys);
    const alone = await f.publish({
      ...publishBody(keys, certified, { checkInProtectedReports: [report()] }),
      temporaryExposureKeys: [],
    });
    expect(alone.statusCode).toBe(400);
    expect(alone.json().errorCode).toBe("no_keys");
    const wrongType = await upload("confirmed", [tekOfDay(start, 5)], [{ ...report(), mac: 42 }]);
    expect(wrongType.statusCode).toBe(400);
    expect(await keyCount()).toBe(before);
    expect(await stored()).toEqual([]);
  });

  it("group-commits concurrent uploads with their reports; one whose key is stored already goes alone", async () => {
    const known = tekOfDay(start, 6);
    expect((await upload("confirmed", [known], [])).json().insertedCheckInReports).toBe(0);
    const uploads = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const keys = i === 5 ? [known, tekOfDay(start, 7)] : [tekOfDay(start, 7), tekOfDay(start, 8)];
        return { keys, certified: await f.certify("confirmed", keys) };
      }),
    );
    const responses = await Promise.all(
      uploads.map((u, i) =>
        f.publish(
          publishBody(u.keys, u.certified, {
            checkInProtectedReports: Array.from({ length: 1 + (i % 3) }, report),
          }),
        ),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(responses.map((r) => r.json().insertedCheckInReports)).toEqual([1, 2, 3, 1, 2, 3]);
    expect(await stored()).toHaveLength(12);
  });

  it("answers chaff alike, storing nothing", async () => {
    const before = await keyCount();
    const res = await f.publish(
      { ...publishBody([tekOfDay(start, 1)], { certificate: "x", hmacKey: new Uint8Array(32) }) },
      { "x-chaff": "1" },
    );
    expect(res.statusCode).toBe(200);
    const withReports = await f.publish(
      {
        ...publishBody([tekOfDay(start, 1)], { certificate: "x", hmacKey: new Uint8Array(32) }),
        checkInProtectedReports: [report(), report()],
      },
      { "x-chaff": "1" },
    );
    expect(withReports.json()).toMatchObject({ insertedExposures: 1, insertedCheckInReports: 2 });
    expect(withReports.body.length).toBe(res.body.length);
    expect(await keyCount()).toBe(before);
    expect(await stored()).toEqual([]);
  });
});
