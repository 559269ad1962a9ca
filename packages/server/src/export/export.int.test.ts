import { randomBytes } from "node:crypto";
import { ReportType } from "@bluezone/protocol";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Env } from "../platform/env.ts";
import { createTestApp, type TestApp } from "../platform/test-app.ts";
import { diagnosisKeys } from "../submission/tables.ts";
import { loadExportConfig } from "./config.ts";
import { EXPORT_JOB, exportFeature } from "./index.ts";
import { INDEX_CACHE_CONTROL, ZIP_CACHE_CONTROL } from "./model.ts";
import { type ExportDeps, planNextBatch, runExportOnce } from "./run.ts";
import { exportBatches } from "./tables.ts";
import {
  diagnosisKey,
  hex,
  insertDiagnosisKeys,
  opensslVerifies,
  readIndex,
  readListedFiles,
} from "./testing.testutil.ts";

const HOUR = 3_600_000;
const T0 = new Date("2025-03-01T09:00:00Z");
const at = (hours: number, minutes = 0) => new Date(T0.getTime() + hours * HOUR + minutes * 60_000);

let t: TestApp | undefined;
let now = at(0);

afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function setup(env: Env = {}): Promise<TestApp> {
  t = await createTestApp({
    features: [exportFeature],
    env: { EXPORT_MIN_KEYS: "0", ...env },
    clock: () => now,
  });
  return t;
}

/** The deps runExportOnce gets inside the feature (config from the same env). */
function exportDeps(app: TestApp, env: Env = {}): ExportDeps {
  return {
    db: app.db,
    blobs: app.blobs,
    clock: () => now,
    random: (n: number) => new Uint8Array(randomBytes(n)),
    config: loadExportConfig({ EXPORT_MIN_KEYS: "0", ...env }),
  };
}

async function publicPem(app: TestApp): Promise<string> {
  const res = await app.app.inject({ method: "GET", url: "/v1/export-keys" });
  expect(res.statusCode).toBe(200);
  const body = res.json() as { keys: { publicKeyPem: string }[] };
  return body.keys[0]!.publicKeyPem;
}

describe("export batches", () => {
  it("publishes a closed window as a signed zip that the protocol and openssl verify", async () => {
    const app = await setup();
    const keys = Array.from({ length: 12 }, (_, i) =>
      diagnosisKey(at(0), {
        transmissionRisk: i % 8,
        daysSinceOnset: i - 5,
        reportType: i % 3 === 0 ? 4 : 1,
      }),
    );
    await insertDiagnosisKeys(app.db, keys);
    now = at(1, 6); // the 09:00-10:00 window closes at 10:05

    const result = await runExportOnce(exportDeps(app));
    expect(result.published).toHaveLength(1);
    const path = `exposureKeyExport-VN/${at(1).getTime() / 1000}-1-of-1.zip`;
    expect(result.published[0]?.files).toEqual([path]);
    expect(await readIndex(app.blobs)).toEqual([path]);

    const pem = await publicPem(app);
    const [listed] = await readListedFiles(app.blobs, pem);
    const file = listed!.file;
    expect(file).toMatchObject({
      region: "VN",
      batchNum: 1,
      batchSize: 1,
      endTimestamp: at(1).getTime() / 1000,
    });
    expect(file.signatureInfos[0]?.signatureAlgorithm).toBe("1.2.840.10045.4.3.2");
    expect(opensslVerifies(listed!.exportBin, listed!.exportSig, pem)).toBe(true);
    // A flipped byte fails both verifiers.
    const tampered = Uint8Array.from(listed!.exportBin);
    tampered[tampered.length - 1]! ^= 1;
    expect(opensslVerifies(tampered, listed!.exportSig, pem)).toBe(false);

    // Decoding gives the same keys, sorted by key bytes, with their metadata.
    const expected = [...keys].sort((a, b) => Buffer.compare(a.keyData!, b.keyData!));
    expect(file.keys.map((k) => hex(k.keyData))).toEqual(expected.map((k) => hex(k.keyData!)));
    expect(file.keys).toEqual(
      expected.map((k) => ({
        keyData: k.keyData,
        rollingStartIntervalNumber: k.rollingStartIntervalNumber,
        rollingPeriod: k.rollingPeriod,
        transmissionRiskLevel: k.transmissionRisk,
        reportType: k.reportType,
        daysSinceOnsetOfSymptoms: k.daysSinceOnset,
      })),
    );
    expect(file.revisedKeys).toEqual([]);

    // Cache headers, stored and served.
    expect((await app.blobs.head(path))?.cacheControl).toBe(ZIP_CACHE_CONTROL);
    expect((await app.blobs.head("exposureKeyExport-VN/index.txt"))?.cacheControl).toBe(INDEX_CACHE_CONTROL);
    const served = await app.app.inject({ method: "GET", url: `/blobs/${path}` });
    expect(served.statusCode).toBe(200);
    expect(served.headers["cache-control"]).toBe(ZIP_CACHE_CONTROL);
    const index = await app.app.inject({ method: "GET", url: "/blobs/exposureKeyExport-VN/index.txt" });
    expect(index.headers["cache-control"]).toBe(INDEX_CACHE_CONTROL);
    expect(index.body).toBe(`${path}\n`);

    // diagnosis_keys remember the batch that published them.
    const marked = await app.db.select({ batch: diagnosisKeys.exportBatchId }).from(diagnosisKeys);
    expect(new Set(marked.map((m) => m.batch))).toEqual(new Set([result.published[0]!.batchId]));

    // Nothing new: a rerun in the same period publishes nothing and leaves the index alone.
    const again = await runExportOnce(exportDeps(app));
    expect(again).toEqual({ planned: [], published: [] });
    expect(await readIndex(app.blobs)).toEqual([path]);
  });

  it("pads a small batch to EXPORT_MIN_KEYS with keys that look like the real ones", async () => {
    const app = await setup({ EXPORT_MIN_KEYS: "140" });
    const real = [
      diagnosisKey(at(0), { reportType: 4, transmissionRisk: 6, daysSinceOnset: -1 }),
      diagnosisKey(at(0), { reportType: 1, transmissionRisk: 2, daysSinceOnset: 3 }),
      diagnosisKey(at(0), { reportType: 1, transmissionRisk: 2, daysSinceOnset: 4, rollingPeriod: 100 }),
    ];
    await insertDiagnosisKeys(app.db, real);
    now = at(1, 6);
    const result = await runExportOnce(exportDeps(app, { EXPORT_MIN_KEYS: "140" }));
    expect(result.published[0]).toMatchObject({ keys: 3, paddingKeys: 137 });

    const [listed] = await readListedFiles(app.blobs, await publicPem(app));
    const keys = listed!.file.keys;
    expect(keys).toHaveLength(140);
    const sorted = [...keys].sort((a, b) => Buffer.compare(a.keyData, b.keyData));
    expect(keys).toEqual(sorted); // padding is mixed in, in key order
    const realHex = new Set(real.map((k) => hex(k.keyData!)));
    expect(keys.filter((k) => realHex.has(hex(k.keyData)))).toHaveLength(3);
    const meta = (k: {
      rollingStartIntervalNumber: number;
      rollingPeriod: number;
      reportType?: number;
      transmissionRiskLevel?: number;
      daysSinceOnsetOfSymptoms?: number;
    }) =>
      [
        k.rollingStartIntervalNumber,
        k.rollingPeriod,
        k.reportType,
        k.transmissionRiskLevel,
        k.daysSinceOnsetOfSymptoms,
      ].join();
    const realMeta = new Set(
      real.map((k) =>
        meta({
          rollingStartIntervalNumber: k.rollingStartIntervalNumber,
          rollingPeriod: k.rollingPeriod!,
          reportType: k.reportType,
          transmissionRiskLevel: k.transmissionRisk,
          daysSinceOnsetOfSymptoms: k.daysSinceOnset ?? undefined,
        }),
      ),
    );
    for (const k of keys) expect(realMeta.has(meta(k))).toBe(true);
    expect(new Set(keys.map((k) => hex(k.keyData))).size).toBe(140);
  });

  it("does not pad or publish an empty window", async () => {
    const app = await setup({ EXPORT_MIN_KEYS: "140" });
    now = at(1, 6);
    const result = await runExportOnce(exportDeps(app, { EXPORT_MIN_KEYS: "140" }));
    expect(result.published[0]).toMatchObject({ keys: 0, paddingKeys: 0, files: [] });
    expect(await app.blobs.list("")).toEqual([]);
  });

  it("respects the embargo: a key is exported only in the first window ending after its available_at", async () => {
    const app = await setup();
    const embargoed = diagnosisKey(at(0), { availableAt: at(5) });
    const open = diagnosisKey(at(0));
    await insertDiagnosisKeys(app.db, [embargoed, open]);
    const published: string[][] = [];
    for (let h = 1; h <= 6; h++) {
      now = at(h, 6);
      await runExportOnce(exportDeps(app));
      const pem = await publicPem(app);
      const files = await readListedFiles(app.blobs, pem);
      published.push(files.flatMap((f) => f.file.keys.map((k) => hex(k.keyData))));
    }
    expect(published[0]).toEqual([hex(open.keyData!)]); // window ending at(1)
    expect(published[3]).toEqual([hex(open.keyData!)]); // window ending at(4): still embargoed
    expect(published[4]?.sort()).toEqual([hex(open.keyData!), hex(embargoed.keyData!)].sort()); // ends at(5)
    expect(published[5]).toHaveLength(2); // and never again
  });

  it("splits a batch into files of at most EXPORT_MAX_KEYS_PER_FILE, batch_num n of batch_size", async () => {
    const env = { EXPORT_MAX_KEYS_PER_FILE: "10" };
    const app = await setup(env);
    const keys = Array.from({ length: 25 }, () => diagnosisKey(at(0)));
    await insertDiagnosisKeys(app.db, keys);
    now = at(1, 6);
    await runExportOnce(exportDeps(app, env));
    const end = at(1).getTime() / 1000;
    expect(await readIndex(app.blobs)).toEqual(
      [1, 2, 3].map((n) => `exposureKeyExport-VN/${end}-${n}-of-3.zip`),
    );
    const files = await readListedFiles(app.blobs, await publicPem(app));
    expect(files.map((f) => [f.file.batchNum, f.file.batchSize, f.file.keys.length])).toEqual([
      [1, 3, 10],
      [2, 3, 10],
      [3, 3, 5],
    ]);
    const all = files.flatMap((f) => f.file.keys.map((k) => hex(k.keyData)));
    expect(all).toEqual(keys.map((k) => hex(k.keyData!)).sort()); // sorted across files, each key once
    for (const f of files) expect(opensslVerifies(f.exportBin, f.exportSig, await publicPem(app))).toBe(true);
  });

  it("publishes a revision once as a revised key, or directly when revised before the first export", async () => {
    const app = await setup();
    const early = diagnosisKey(at(0), { reportType: 2 });
    const late = diagnosisKey(at(0), { reportType: 2 });
    await insertDiagnosisKeys(app.db, [early, late]);
    // `early` is revised before its window is closed: exported once, with the revised values.
    await app.db
      .update(diagnosisKeys)
      .set({ revisedReportType: 1, revisedDaysSinceOnset: 0, revisedTransmissionRisk: 7, revisedAt: at(0) })
      .where(eq(diagnosisKeys.keyData, early.keyData!));
    now = at(1, 6);
    await runExportOnce(exportDeps(app));
    // `late` is revised after it was published: it comes again in revised_keys of the next batch.
    await app.db
      .update(diagnosisKeys)
      .set({
        revisedReportType: ReportType.REVOKED,
        revisedDaysSinceOnset: 2,
        revisedTransmissionRisk: 4,
        revisedAt: at(1),
      })
      .where(eq(diagnosisKeys.keyData, late.keyData!));
    now = at(2, 6);
    await runExportOnce(exportDeps(app));
    now = at(3, 6);
    await runExportOnce(exportDeps(app));

    const files = await readListedFiles(app.blobs, await publicPem(app));
    expect(files).toHaveLength(2);
    const [first, second] = files.map((f) => f.file);
    const firstByKey = new Map(first!.keys.map((k) => [hex(k.keyData), k]));
    expect(firstByKey.get(hex(early.keyData!))).toMatchObject({
      reportType: 1,
      daysSinceOnsetOfSymptoms: 0,
      transmissionRiskLevel: 7,
    });
    expect(firstByKey.get(hex(late.keyData!))).toMatchObject({ reportType: 2 });
    expect(first!.revisedKeys).toEqual([]);
    expect(second!.keys).toEqual([]);
    expect(second!.revisedKeys).toEqual([
      expect.objectContaining({
        keyData: late.keyData,
        reportType: ReportType.REVOKED,
        daysSinceOnsetOfSymptoms: 2,
      }),
    ]);
    const [row] = await app.db.select().from(diagnosisKeys).where(eq(diagnosisKeys.keyData, late.keyData!));
    expect(row?.revisedExportBatchId).not.toBeNull();
    expect(row?.revisedExportBatchId).not.toBe(row?.exportBatchId);
  });

  it("publishes a late-committed key of a closed window in the next batch, exactly once", async () => {
    const app = await setup();
    await insertDiagnosisKeys(app.db, [diagnosisKey(at(0))]);
    now = at(1, 6);
    await runExportOnce(exportDeps(app));
    const late = diagnosisKey(at(0)); // created_at in the closed window, committed after it closed
    await insertDiagnosisKeys(app.db, [late]);
    now = at(2, 6);
    await runExportOnce(exportDeps(app));
    const files = await readListedFiles(app.blobs, await publicPem(app));
    expect(files.map((f) => f.file.keys.length)).toEqual([1, 1]);
    expect(hex(files[1]!.file.keys[0]!.keyData)).toBe(hex(late.keyData!));
  });

  it("catches up after downtime with one window and resumes a batch planned before a crash", async () => {
    const app = await setup({ EXPORT_MAX_KEYS_PER_FILE: "3" });
    const deps = exportDeps(app, { EXPORT_MAX_KEYS_PER_FILE: "3" });
    await insertDiagnosisKeys(app.db, [diagnosisKey(at(0))]);
    now = at(1, 6);
    await runExportOnce(deps);
    await insertDiagnosisKeys(
      app.db,
      Array.from({ length: 7 }, (_, i) => diagnosisKey(at(i % 4))),
    );
    now = at(6, 30);
    // "Crash" after planning: keys are assigned, nothing is written yet.
    const planned = await planNextBatch(deps, "VN");
    expect(planned).toMatchObject({
      startAt: at(1),
      endAt: at(6),
      keyCount: 7,
      fileCount: 3,
      status: "pending",
    });
    expect(await readIndex(app.blobs)).toHaveLength(1);
    // "Crash" again while publishing: the blob store fails after the first of three files.
    const end = at(6).getTime() / 1000;
    const put = app.blobs.put.bind(app.blobs);
    let puts = 0;
    app.blobs.put = async (key, bytes, options) => {
      if (++puts > 1) throw new Error("disk gone");
      return put(key, bytes, options);
    };
    await expect(runExportOnce(deps)).rejects.toThrow("disk gone");
    expect(await app.blobs.list("exposureKeyExport-VN/")).toContain(`exposureKeyExport-VN/${end}-1-of-3.zip`);
    expect(await readIndex(app.blobs)).toHaveLength(1); // not listed before every file is stored
    const firstFile = await app.blobs.get(`exposureKeyExport-VN/${end}-1-of-3.zip`);
    app.blobs.put = put;

    const result = await runExportOnce(deps);
    expect(result.planned).toEqual([]);
    expect(result.published.map((b) => b.batchId)).toEqual([planned!.id]);
    // The stored file was kept (resumed), the other two written from the same stored keys.
    expect(await app.blobs.get(`exposureKeyExport-VN/${end}-1-of-3.zip`)).toEqual(firstFile);
    const files = await readListedFiles(app.blobs, await publicPem(app));
    expect(files.map((f) => f.path.split("/")[1])).toEqual([
      `${at(1).getTime() / 1000}-1-of-1.zip`,
      `${end}-1-of-3.zip`,
      `${end}-2-of-3.zip`,
      `${end}-3-of-3.zip`,
    ]);
    expect(files.reduce((n, f) => n + f.file.keys.length, 0)).toBe(8);
    const [row] = await app.db.select().from(exportBatches).where(eq(exportBatches.id, planned!.id));
    expect(row?.status).toBe("published");
  });

  it("publishes each key once per region, in each region's folder", async () => {
    const env = { EXPORT_REGIONS: "VN,LA" };
    const app = await setup(env);
    const keys = [diagnosisKey(at(0)), diagnosisKey(at(0))];
    await insertDiagnosisKeys(app.db, keys);
    now = at(1, 6);
    await runExportOnce(exportDeps(app, env));
    now = at(2, 6);
    await runExportOnce(exportDeps(app, env));
    const pem = await publicPem(app);
    for (const region of ["VN", "LA"]) {
      const files = await readListedFiles(app.blobs, pem, `exposureKeyExport-${region}`);
      expect(files.map((f) => f.file.region)).toEqual([region]);
      expect(files[0]!.file.keys.map((k) => hex(k.keyData)).sort()).toEqual(
        keys.map((k) => hex(k.keyData!)).sort(),
      );
    }
  });

  it("never exports keys older than EXPORT_MAX_KEY_AGE", async () => {
    const env = { EXPORT_MAX_KEY_AGE: "1d" };
    const app = await setup(env);
    const stale = diagnosisKey(at(-30));
    const fresh = diagnosisKey(at(-2));
    await insertDiagnosisKeys(app.db, [stale, fresh]);
    now = at(1, 6);
    await runExportOnce(exportDeps(app, env));
    const files = await readListedFiles(app.blobs, await publicPem(app));
    expect(files.flatMap((f) => f.file.keys.map((k) => hex(k.keyData)))).toEqual([hex(fresh.keyData!)]);
  });

  it("runs as the scheduled export.run job", async () => {
    const app = await setup();
    expect(app.jobs.schedules).toContainEqual(
      expect.objectContaining({ name: EXPORT_JOB, everyMs: HOUR, offsetMs: 300_000 }),
    );
    await insertDiagnosisKeys(app.db, [diagnosisKey(at(0))]);
    now = at(1, 6);
    await app.jobs.enqueue(EXPORT_JOB, {});
    expect(await app.worker.drain()).toBe(1);
    expect(await readIndex(app.blobs)).toHaveLength(1);
  });
});

describe("GET /v1/export-keys", () => {
  it("returns the export public key as JSON and as PEM", async () => {
    const app = await setup();
    const json = await app.app.inject({ method: "GET", url: "/v1/export-keys" });
    expect(json.headers["content-type"]).toMatch(/^application\/json/);
    const body = json.json() as {
      keys: { keyId: string; version: string; algorithm: string; publicKeyPem: string }[];
    };
    expect(body.keys).toHaveLength(1);
    expect(body.keys[0]).toMatchObject({
      keyId: "bluezone-export",
      version: "v1",
      algorithm: "1.2.840.10045.4.3.2",
    });
    expect(body.keys[0]?.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);

    const pem = await app.app.inject({
      method: "GET",
      url: "/v1/export-keys",
      headers: { accept: "application/x-pem-file" },
    });
    expect(pem.headers["content-type"]).toMatch(/^application\/x-pem-file/);
    expect(pem.body).toBe(body.keys[0]?.publicKeyPem);
    const text = await app.app.inject({
      method: "GET",
      url: "/v1/export-keys",
      headers: { accept: "text/plain" },
    });
    expect(text.headers["content-type"]).toMatch(/^text\/plain/);
    expect(text.body).toBe(body.keys[0]?.publicKeyPem);
    expect(json.headers["cache-control"]).toBe("public, max-age=300");
  });
});
