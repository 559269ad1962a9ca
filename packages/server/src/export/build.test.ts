import { generateKeyPairSync } from "node:crypto";
import {
  decodeExportBin,
  type ExportFile,
  ReportType,
  readExportZip,
  verifyExport,
} from "@bluezone/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSignedZip, packExportFile, unpackExportFile } from "./build.ts";
import { buildSignedZips, ExportBuildPool } from "./build-pool.ts";
import { exportFiles, exportSignatureInfo, splitBatch } from "./model.ts";

const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const publicPem = publicKey.export({ type: "spki", format: "pem" }).toString();
const window = { start: new Date("2025-03-01T09:00:00Z"), end: new Date("2025-03-01T10:00:00Z") };
const signatureInfo = exportSignatureInfo("test-key", "v3");

const arbKey = fc.record(
  {
    keyData: fc.uint8Array({ minLength: 16, maxLength: 16 }),
    rollingStartIntervalNumber: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    rollingPeriod: fc.integer({ min: 1, max: 144 }),
    transmissionRiskLevel: fc.integer({ min: 0, max: 8 }),
    reportType: fc.constantFrom(ReportType.CONFIRMED_TEST, ReportType.RECURSIVE, ReportType.REVOKED),
    daysSinceOnsetOfSymptoms: fc.integer({ min: -14, max: 14 }),
  },
  { requiredKeys: ["keyData", "rollingStartIntervalNumber", "rollingPeriod"] },
);

function batch(keyCount: number, revisedCount: number, maxPerFile: number): ExportFile[] {
  const keys = Array.from({ length: keyCount }, (_, i) => ({
    keyData: Uint8Array.from({ length: 16 }, (_, j) => (i * 31 + j * 7) & 0xff),
    rollingStartIntervalNumber: 2_650_032 + (i % 14) * 144,
    rollingPeriod: 144,
    transmissionRiskLevel: i % 8,
    reportType: ReportType.CONFIRMED_TEST,
    daysSinceOnsetOfSymptoms: (i % 5) - 2,
  }));
  const revised = keys.slice(0, revisedCount).map((k) => ({ ...k, reportType: ReportType.REVOKED }));
  return exportFiles({ region: "VN", window, signatureInfo }, splitBatch(keys, revised, maxPerFile));
}

async function openZip(zip: Uint8Array): Promise<ExportFile> {
  const { exportBin, exportSig } = readExportZip(zip);
  await verifyExport(exportBin, exportSig, [{ key: publicPem, keyId: "test-key", version: "v3" }]);
  return decodeExportBin(exportBin);
}

describe("packExportFile / unpackExportFile", () => {
  it("round-trips keys, revised keys and absent optional fields", () => {
    const header = {
      startTimestamp: 1,
      endTimestamp: 2,
      region: "VN",
      batchNum: 1,
      batchSize: 1,
      signatureInfos: [signatureInfo],
    };
    fc.assert(
      fc.property(
        fc.array(arbKey, { maxLength: 30 }),
        fc.array(arbKey, { maxLength: 10 }),
        (keys, revisedKeys) => {
          const file: ExportFile = { ...header, keys, revisedKeys };
          expect(unpackExportFile(packExportFile(file))).toEqual(file);
        },
      ),
    );
  });
});

describe("buildSignedZip", () => {
  it("writes a zip whose export.sig verifies and whose export.bin decodes to the file", async () => {
    const [file] = batch(50, 5, 100);
    const decoded = await openZip(buildSignedZip(file!, privateKey));
    expect(decoded).toEqual({ ...file, signatureInfos: [signatureInfo] });
  });

  it("fails verification under another key", async () => {
    const other = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey;
    const { exportBin, exportSig } = readExportZip(buildSignedZip(batch(3, 0, 10)[0]!, privateKey));
    await expect(
      verifyExport(exportBin, exportSig, [{ key: other.export({ type: "spki", format: "pem" }).toString() }]),
    ).rejects.toThrow();
  });
});

describe("buildSignedZips", () => {
  it("builds the same files on worker threads as in this thread", async () => {
    const files = batch(300, 20, 70);
    expect(files).toHaveLength(5);
    const pool = new ExportBuildPool(2);
    try {
      const parallel = await buildSignedZips(files, privateKey, { pool });
      const inline = await buildSignedZips(files, privateKey, { workers: 0 });
      expect(parallel).toHaveLength(5);
      for (let i = 0; i < files.length; i++) {
        // ECDSA signatures are randomized, so compare what the zips contain, not their bytes.
        expect(await openZip(parallel[i]!)).toEqual(await openZip(inline[i]!));
        expect((await openZip(parallel[i]!)).batchNum).toBe(i + 1);
      }
    } finally {
      await pool.close();
    }
  });

  it("uses workers only above the size threshold, and rejects after close", async () => {
    const files = batch(10, 0, 5);
    const zips = await buildSignedZips(files, privateKey, { workers: 2, minKeysForWorkers: 5 });
    expect(await Promise.all(zips.map(openZip))).toHaveLength(2);
    const pool = new ExportBuildPool(1);
    await pool.close();
    await expect(pool.build(files[0]!, privateKey)).rejects.toThrow(/closed/);
  });
});
