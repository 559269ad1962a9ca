/**
 * Domain types and limits of the GAEN key export file (export.bin / export.sig inside a zip),
 * as published by google/exposure-notifications-server.
 */
import type { TemporaryExposureKey } from "../gaen/tek.ts";

/** The 16-byte ASCII header every export.bin starts with. */
export const EXPORT_BIN_HEADER = "EK Export v1    ";

/** OID of ECDSA with SHA-256, the only signature algorithm GAEN uses. */
export const ECDSA_P256_SHA256_OID = "1.2.840.10045.4.3.2";

/** Upper bound on keys + revised keys in one batch. */
export const MAX_KEYS_PER_BATCH = 1_000_000;
/** Upper bound on the size of a whole export zip. */
export const MAX_EXPORT_ZIP_BYTES = 64 * 1024 * 1024;
/** Upper bound on the (uncompressed) size of export.bin. */
export const MAX_EXPORT_BIN_BYTES = 64 * 1024 * 1024;
/** Upper bound on the (uncompressed) size of export.sig. */
export const MAX_EXPORT_SIG_BYTES = 64 * 1024;
/** Upper bound on signatures in one export.sig / signature infos in one export.bin. */
export const MAX_SIGNATURES = 64;

/** ReportType enum of export.proto. */
export const ReportType = {
  UNKNOWN: 0,
  CONFIRMED_TEST: 1,
  CONFIRMED_CLINICAL_DIAGNOSIS: 2,
  SELF_REPORT: 3,
  RECURSIVE: 4,
  REVOKED: 5,
} as const;
export type ReportType = (typeof ReportType)[keyof typeof ReportType];

/** Name of a ReportType value ("CONFIRMED_TEST", ...). */
export function reportTypeName(value: ReportType): keyof typeof ReportType {
  const names = Object.keys(ReportType) as (keyof typeof ReportType)[];
  return names[value] ?? "UNKNOWN";
}

/**
 * A diagnosis key as carried in an export file: the GAEN TemporaryExposureKey (16-byte keyData,
 * rollingStartIntervalNumber, rollingPeriod 1..144) plus the optional metadata of export.proto.
 * Absent optional fields are left out (not set to undefined).
 */
export interface ExportKey extends TemporaryExposureKey {
  /** Deprecated in v2 of the API (0..8 in practice). */
  transmissionRiskLevel?: number;
  reportType?: ReportType;
  /** Signed days relative to symptom onset (sint32 on the wire). */
  daysSinceOnsetOfSymptoms?: number;
}

/** Which key signed a file (export.proto SignatureInfo; legacy fields 1 and 2 are skipped). */
export interface SignatureInfo {
  verificationKeyVersion?: string;
  verificationKeyId?: string;
  signatureAlgorithm?: string;
}

/** Decoded export.bin (TemporaryExposureKeyExport). Timestamps are UTC seconds. */
export interface ExportFile {
  startTimestamp: number;
  endTimestamp: number;
  region: string;
  batchNum: number;
  batchSize: number;
  signatureInfos: SignatureInfo[];
  keys: ExportKey[];
  revisedKeys: ExportKey[];
}

/** One entry of export.sig (TEKSignature); `signature` is a DER-encoded ECDSA signature. */
export interface TekSignature {
  signatureInfo: SignatureInfo;
  batchNum: number;
  batchSize: number;
  signature: Uint8Array;
}

/** Decoded export.sig (TEKSignatureList). */
export interface TekSignatureList {
  signatures: TekSignature[];
}
