import { randomBytes } from "node:crypto";
import { bytesToBase64, ReportType } from "@bluezone/protocol";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../platform/db/database.ts";
import { createTestDb } from "../platform/db/test-db.ts";
import { GroupCommitter } from "./group-commit.ts";
import type { DiagnosisKey } from "./model.ts";
import { diagnosisKeys } from "./tables.ts";

const at = new Date("2026-05-10T09:00:00Z");
const key = (): DiagnosisKey => ({
  keyData: new Uint8Array(randomBytes(16)),
  rollingStartIntervalNumber: 2_963_088,
  rollingPeriod: 144,
  transmissionRiskLevel: 3,
  reportType: ReportType.CONFIRMED_TEST,
  daysSinceOnset: 1,
  healthAuthority: "vn.bluezone",
  traveler: false,
  createdAt: at,
  availableAt: at,
});

describe("group commit of publish inserts", () => {
  let database: Database;
  const stored = async () =>
    new Set((await database.db.select().from(diagnosisKeys)).map((r) => bytesToBase64(r.keyData)));
  const ids = (keys: DiagnosisKey[]) => keys.map((k) => bytesToBase64(k.keyData));

  beforeAll(async () => {
    database = await createTestDb();
  });
  beforeEach(async () => {
    await database.db.delete(diagnosisKeys);
  });
  afterAll(async () => {
    await database.close();
  });

  it("commits concurrent uploads of new keys together, every key stored with its values", async () => {
    const committer = new GroupCommitter(database.db, { maxWaitMs: 50, maxRows: 10_000 });
    const uploads = Array.from({ length: 12 }, () => [key(), key(), key()]);
    const outcomes = await Promise.all(uploads.map((u) => committer.submit(u)));
    expect(outcomes).toEqual(uploads.map(() => "committed"));
    const all = await database.db.select().from(diagnosisKeys);
    expect(new Set(all.map((r) => bytesToBase64(r.keyData)))).toEqual(new Set(uploads.flatMap(ids)));
    expect(all[0]).toMatchObject({
      rollingStartIntervalNumber: 2_963_088,
      rollingPeriod: 144,
      transmissionRisk: 3,
      reportType: ReportType.CONFIRMED_TEST,
      daysSinceOnset: 1,
      healthAuthority: "vn.bluezone",
      traveler: false,
      createdAt: at,
      availableAt: at,
    });
  });

  it("flushes at the row limit without waiting for the timer", async () => {
    const committer = new GroupCommitter(database.db, { maxWaitMs: 60_000, maxRows: 4 });
    const uploads = [
      [key(), key()],
      [key(), key()],
    ];
    expect(await Promise.all(uploads.map((u) => committer.submit(u)))).toEqual(["committed", "committed"]);
    expect((await stored()).size).toBe(4);
  });

  it("sends uploads with a stored key, or a key an earlier upload of the batch sent, the individual way, keeping none of their keys", async () => {
    const committer = new GroupCommitter(database.db, { maxWaitMs: 50, maxRows: 10_000 });
    const old = key();
    expect(await committer.submit([old])).toBe("committed");
    const shared = key();
    const first = [shared, key()];
    const second = [key(), shared];
    const withOld = [key(), old, key()];
    const clean = [key()];
    const outcomes = await Promise.all([first, second, withOld, clean].map((u) => committer.submit(u)));
    expect(outcomes).toEqual(["committed", "individual", "individual", "committed"]);
    expect(await stored()).toEqual(new Set([...ids([old]), ...ids(first), ...ids(clean)]));
  });

  it("answers individual for every upload of a batch that fails, storing nothing", async () => {
    const committer = new GroupCommitter(database.db, { maxWaitMs: 50, maxRows: 10_000 });
    const bad = { ...key(), healthAuthority: null as unknown as string };
    const outcomes = await Promise.all([committer.submit([key()]), committer.submit([bad])]);
    expect(outcomes).toEqual(["individual", "individual"]);
    expect((await stored()).size).toBe(0);
  });
});
