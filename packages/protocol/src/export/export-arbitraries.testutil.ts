/** Test-only fast-check arbitraries for export files and signature lists. */
import fc from "fast-check";
import type { ExportFile, ExportKey, ReportType, SignatureInfo, TekSignature } from "./types.ts";

const int32 = fc.integer({ min: -0x80000000, max: 0x7fffffff });

export const exportKeyArb: fc.Arbitrary<ExportKey> = fc.record(
  {
    keyData: fc.uint8Array({ minLength: 16, maxLength: 16 }),
    rollingStartIntervalNumber: fc.integer({ min: 0, max: 0x7fffffff }),
    rollingPeriod: fc.integer({ min: 1, max: 144 }),
    transmissionRiskLevel: int32,
    reportType: fc.integer({ min: 0, max: 5 }).map((n) => n as ReportType),
    daysSinceOnsetOfSymptoms: int32,
  },
  { requiredKeys: ["keyData", "rollingStartIntervalNumber", "rollingPeriod"], noNullPrototype: true },
);

export const signatureInfoArb: fc.Arbitrary<SignatureInfo> = fc.record(
  {
    verificationKeyVersion: fc.string(),
    verificationKeyId: fc.string(),
    signatureAlgorithm: fc.string(),
  },
  { requiredKeys: [], noNullPrototype: true },
);

export const exportFileArb: fc.Arbitrary<ExportFile> = fc.record(
  {
    startTimestamp: fc.maxSafeNat(),
    endTimestamp: fc.maxSafeNat(),
    region: fc.string({ unit: "grapheme" }),
    batchNum: fc.integer({ min: 0, max: 0x7fffffff }),
    batchSize: fc.integer({ min: 0, max: 0x7fffffff }),
    signatureInfos: fc.array(signatureInfoArb, { maxLength: 3 }),
    keys: fc.array(exportKeyArb, { maxLength: 20 }),
    revisedKeys: fc.array(exportKeyArb, { maxLength: 5 }),
  },
  { noNullPrototype: true },
);

export const tekSignatureArb: fc.Arbitrary<TekSignature> = fc.record(
  {
    signatureInfo: signatureInfoArb,
    batchNum: fc.integer({ min: 0, max: 0x7fffffff }),
    batchSize: fc.integer({ min: 0, max: 0x7fffffff }),
    signature: fc.uint8Array({ minLength: 1, maxLength: 80 }),
  },
  { noNullPrototype: true },
);
