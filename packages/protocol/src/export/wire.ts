/**
 * Conversions between protobufjs wire records and the export domain types, with the range checks shared
 * by export.bin and export.sig (decoding throws DecodeError, encoding throws ProtocolError).
 */
import { DecodeError, ProtocolError } from "../errors.ts";
import { has, type WireRecord } from "./proto.ts";
import type { ExportKey, ReportType, SignatureInfo } from "./types.ts";

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
const KEY_LENGTH = 16;
const MAX_ROLLING_PERIOD = 144;
const MAX_REPORT_TYPE = 5;

/** Fails a decode (DecodeError) or an encode (ProtocolError) with one message format. */
export type Fail = (code: string, message: string) => never;

export const decodeFail =
  (what: string): Fail =>
  (code, message) => {
    throw new DecodeError(code, `${what}: ${message}`);
  };

export const encodeFail =
  (what: string): Fail =>
  (code, message) => {
    throw new ProtocolError(code, `${what}: ${message}`);
  };

export function isInt32(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX;
}

/** Reads a fixed64 as decoded by protobufjs (number or Long) into a safe integer. */
export function uint64ToNumber(v: unknown, fail: Fail, field: string): number {
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return v;
  if (typeof v === "object" && v !== null && "low" in v && "high" in v) {
    const hi = (v as { high: number }).high >>> 0;
    const lo = (v as { low: number }).low >>> 0;
    if (hi <= 0x1fffff) return hi * 0x1_0000_0000 + lo;
  }
  return fail("bad_timestamp", `${field} is out of range`);
}

/** Checks a domain ExportKey (used by both directions). */
export function checkKey(k: ExportKey, fail: Fail, where: string): void {
  if (!(k.keyData instanceof Uint8Array) || k.keyData.length !== KEY_LENGTH) {
    fail("bad_key", `${where}: key_data must be ${KEY_LENGTH} bytes`);
  }
  if (!isInt32(k.rollingStartIntervalNumber) || k.rollingStartIntervalNumber < 0) {
    fail("bad_key", `${where}: rolling_start_interval_number must be a non-negative int32`);
  }
  if (!Number.isInteger(k.rollingPeriod) || k.rollingPeriod < 1 || k.rollingPeriod > MAX_ROLLING_PERIOD) {
    fail("bad_key", `${where}: rolling_period must be 1..${MAX_ROLLING_PERIOD}`);
  }
  if (k.transmissionRiskLevel !== undefined && !isInt32(k.transmissionRiskLevel)) {
    fail("bad_key", `${where}: transmission_risk_level must be an int32`);
  }
  if (
    k.reportType !== undefined &&
    !(Number.isInteger(k.reportType) && k.reportType >= 0 && k.reportType <= MAX_REPORT_TYPE)
  ) {
    fail("bad_key", `${where}: report_type must be 0..${MAX_REPORT_TYPE}`);
  }
  if (k.daysSinceOnsetOfSymptoms !== undefined && !isInt32(k.daysSinceOnsetOfSymptoms)) {
    fail("bad_key", `${where}: days_since_onset_of_symptoms must be an int32`);
  }
}

/** Wire record -> ExportKey (absent optional fields are left out; rolling_period defaults to 144). */
export function keyFromWire(m: WireRecord, fail: Fail, where: string): ExportKey {
  if (!has(m, "keyData")) fail("bad_key", `${where}: key_data is missing`);
  const key: ExportKey = {
    keyData: new Uint8Array(m.keyData as Uint8Array),
    rollingStartIntervalNumber: has(m, "rollingStartIntervalNumber")
      ? (m.rollingStartIntervalNumber as number)
      : 0,
    rollingPeriod: has(m, "rollingPeriod") ? (m.rollingPeriod as number) : MAX_ROLLING_PERIOD,
  };
  if (has(m, "transmissionRiskLevel")) key.transmissionRiskLevel = m.transmissionRiskLevel as number;
  if (has(m, "reportType")) key.reportType = m.reportType as ReportType;
  if (has(m, "daysSinceOnsetOfSymptoms")) key.daysSinceOnsetOfSymptoms = m.daysSinceOnsetOfSymptoms as number;
  checkKey(key, fail, where);
  return key;
}

/** ExportKey -> wire record. rolling_period is omitted when it equals the proto default 144 (as Google does). */
export function keyToWire(k: ExportKey): WireRecord {
  const m: WireRecord = { keyData: k.keyData, rollingStartIntervalNumber: k.rollingStartIntervalNumber };
  if (k.rollingPeriod !== MAX_ROLLING_PERIOD) m.rollingPeriod = k.rollingPeriod;
  if (k.transmissionRiskLevel !== undefined) m.transmissionRiskLevel = k.transmissionRiskLevel;
  if (k.reportType !== undefined) m.reportType = k.reportType;
  if (k.daysSinceOnsetOfSymptoms !== undefined) m.daysSinceOnsetOfSymptoms = k.daysSinceOnsetOfSymptoms;
  return m;
}

const SIGNATURE_INFO_FIELDS = ["verificationKeyVersion", "verificationKeyId", "signatureAlgorithm"] as const;

export function signatureInfoFromWire(m: WireRecord | undefined): SignatureInfo {
  const info: SignatureInfo = {};
  if (m === undefined) return info;
  for (const f of SIGNATURE_INFO_FIELDS) if (has(m, f)) info[f] = m[f] as string;
  return info;
}

export function signatureInfoToWire(info: SignatureInfo, fail: Fail): WireRecord {
  const m: WireRecord = {};
  for (const f of SIGNATURE_INFO_FIELDS) {
    const v = info[f];
    if (v === undefined) continue;
    if (typeof v !== "string") fail("bad_signature_info", `${f} must be a string`);
    m[f] = v;
  }
  return m;
}

/** Runs a protobufjs decode, turning whatever it throws (RangeError, Error, stack overflow) into DecodeError. */
export function decodeWire<T>(decode: () => T, what: string): T {
  try {
    return decode();
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new DecodeError("bad_protobuf", `${what}: malformed protobuf (${reason})`);
  }
}
