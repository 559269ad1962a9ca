import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { loadExportConfig } from "../export/config.ts";
import { exportFeature } from "../export/index.ts";
import { runExportOnce } from "../export/run.ts";
import { exportBatches, exportBatchKeys } from "../export/tables.ts";
import { diagnosisKey, hex, insertDiagnosisKeys, readIndex } from "../export/testing.testutil.ts";
import { createTestApp, type TestApp } from "../platform/test-app.ts";
import { diagnosisKeys } from "../submission/tables.ts";
import { verificationCodes, verificationTokens } from "../verification/tables.ts";
import { RETENTION_JOB, retentionFeature, runRetentionOnce } from "./index.ts";

const DAY = 86_400_000;
const T0 = new Date("2025-03-01T00:00:00Z");
const at = (days: number, hours = 0) => new Date(T0.getTime() + days * DAY + hours * 3_600_000);

let t: TestApp | undefined;
let now = at(0);

afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function insertVerification(app: TestApp, createdAt: Date): Promise<void> {
  const hash = () => randomBytes(16).toString("base64url");
  await app.db.insert(verificationCodes).values({
    uuid: randomUUID(),
    codeHash: hash(),
    longCodeHash: hash(),
    testType: "confirmed",
    realm: "01",
    createdAt,
    expiresAt: new Date(createdAt.getTime() + 15 * 60_000),
    longExpiresAt: new Date(createdAt.getTime() + DAY),
  });
  await app.db.insert(verificationTokens).values({
    tokenHash: hash(),
    testType: "confirmed",
    createdAt,
    expiresAt: new Date(createdAt.getTime() + DAY),
  });
}

describe("retention job", () => {
  it("deletes keys, verification codes and tokens, export batches and their files older than 14 days", async () => {
    t = await createTestApp({
      features: [exportFeature, retentionFeature],
      env: { EXPORT_MIN_KEYS: "0" },
      clock: () => now,
    });
    const app = t;
    const exportDeps = {
      db: app.db,
      blobs: app.blobs,
      clock: () => now,
      random: (n: number) => new Uint8Array(randomBytes(n)),
      config: loadExportConfig({ EXPORT_MIN_KEYS: "0" }),
    };
    const old = [diagnosisKey(at(0)), diagnosisKey(at(0))];
    const recent = [diagnosisKey(at(10)), diagnosisKey(at(10))];
    await insertDiagnosisKeys(app.db, old);
    await insertVerification(app, at(0, 0.5));
    now = at(0, 1.1);
    const first = await runExportOnce(exportDeps);
    await insertDiagnosisKeys(app.db, recent);
    await insertVerification(app, at(10, 0.5));
    now = at(10, 1.1);
    const second = await runExportOnce(exportDeps);
    const oldPath = first.published[0]!.files[0]!;
    const recentPath = second.published[0]!.files[0]!;
    expect(await readIndex(app.blobs)).toEqual([oldPath, recentPath]);

    // 13 days later nothing is old enough yet.
    now = at(13, 23);
    expect(
      await runRetentionOnce({ ...app, clock: () => now, config: { periodMs: 14 * DAY } }),
    ).toMatchObject({
      diagnosisKeys: 0,
      verificationCodes: 0,
      verificationTokens: 0,
      exportBatches: 0,
    });

    // Day 14 + 2 h: the day-0 records are older than 14 days (the job, run by the worker).
    now = at(14, 2);
    await app.jobs.enqueue(RETENTION_JOB, {});
    expect(await app.worker.drain()).toBe(1);

    const keysLeft = await app.db.select({ keyData: diagnosisKeys.keyData }).from(diagnosisKeys);
    expect(keysLeft.map((k) => hex(k.keyData)).sort()).toEqual(recent.map((k) => hex(k.keyData!)).sort());
    const codesLeft = await app.db.select({ createdAt: verificationCodes.createdAt }).from(verificationCodes);
    expect(codesLeft.map((c) => c.createdAt)).toEqual([at(10, 0.5)]);
    const tokensLeft = await app.db
      .select({ createdAt: verificationTokens.createdAt })
      .from(verificationTokens);
    expect(tokensLeft.map((c) => c.createdAt)).toEqual([at(10, 0.5)]);
    const batchesLeft = await app.db.select({ id: exportBatches.id }).from(exportBatches);
    expect(batchesLeft.map((b) => b.id)).toEqual([second.published[0]!.batchId]);
    const batchKeysLeft = await app.db.select({ batchId: exportBatchKeys.batchId }).from(exportBatchKeys);
    expect(new Set(batchKeysLeft.map((k) => k.batchId))).toEqual(new Set([second.published[0]!.batchId]));

    // The old file is gone and no longer listed; the recent one stays.
    expect(await readIndex(app.blobs)).toEqual([recentPath]);
    expect(await app.blobs.exists(oldPath)).toBe(false);
    expect(await app.blobs.exists(recentPath)).toBe(true);

    // Idempotent, and the export does not publish anything again.
    expect(
      await runRetentionOnce({ ...app, clock: () => now, config: { periodMs: 14 * DAY } }),
    ).toMatchObject({
      diagnosisKeys: 0,
      exportBatches: 0,
      exportFiles: 0,
    });
    const after = await runExportOnce(exportDeps);
    expect(after.published.every((b) => b.keys === 0)).toBe(true);
    expect(await readIndex(app.blobs)).toEqual([recentPath]);
  });

  it("is scheduled with RETENTION_INTERVAL", async () => {
    t = await createTestApp({ features: [retentionFeature], env: { RETENTION_INTERVAL: "30m" } });
    expect(t.jobs.schedules).toContainEqual(
      expect.objectContaining({ name: RETENTION_JOB, everyMs: 1_800_000 }),
    );
  });
});
