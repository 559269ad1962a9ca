/**
 * CheckInProtectedReport codec, with the field lengths the crypto needs checked on decode and the
 * stricter lengths cwa-server accepts on submission.
 */
import type { WireRecord } from "../export/proto.ts";
import { decodeFail, encodeFail, type Fail } from "../export/wire.ts";
import {
  CheckInProtectedReportType,
  checkBytes,
  checkDecodeInput,
  decodeMessage,
  encodeMessage,
  wireBytes,
} from "./proto.ts";
import type { CheckInProtectedReport } from "./types.ts";

/** Field lengths in bytes: SHA-256 hash, AES block IV, one AES block of ciphertext, HMAC-SHA-256. */
export const CHECK_IN_REPORT_LENGTHS = Object.freeze({
  locationIdHash: 32,
  iv: 16,
  encryptedCheckInRecord: 16,
  mac: 32,
});
/** Upper bound on one encoded report. */
export const MAX_CHECK_IN_PROTECTED_REPORT_BYTES = 1024;
const MAX_CIPHERTEXT_BYTES = 256;

/** Checks lengths every well-formed report has; the ciphertext may be any whole number of AES blocks. */
export function checkReportShape(r: CheckInProtectedReport, fail: Fail, where = "report"): void {
  for (const f of ["locationIdHash", "iv", "mac"] as const) {
    const v = checkBytes(r[f], `${where}.${f}`, fail);
    if (v.length !== CHECK_IN_REPORT_LENGTHS[f]) {
      fail("bad_length", `${where}.${f} must be ${CHECK_IN_REPORT_LENGTHS[f]} bytes`);
    }
  }
  const ct = checkBytes(r.encryptedCheckInRecord, `${where}.encryptedCheckInRecord`, fail);
  if (ct.length === 0 || ct.length % 16 !== 0 || ct.length > MAX_CIPHERTEXT_BYTES) {
    fail("bad_length", `${where}.encryptedCheckInRecord must be 1-16 whole AES blocks`);
  }
}

/**
 * cwa-server's submission rule (EventCheckInProtectedReportsValidator): exactly 32 / 16 / 16 / 32 bytes
 * for locationIdHash / iv / encryptedCheckInRecord / mac.
 */
export function hasSubmissionLengths(r: CheckInProtectedReport): boolean {
  return (Object.keys(CHECK_IN_REPORT_LENGTHS) as (keyof CheckInProtectedReport)[]).every(
    (f) => r[f] instanceof Uint8Array && r[f].length === CHECK_IN_REPORT_LENGTHS[f],
  );
}

/** Encodes a report. Throws ProtocolError on a malformed one. */
export function encodeCheckInProtectedReport(report: CheckInProtectedReport): Uint8Array {
  checkReportShape(report, encodeFail("CheckInProtectedReport"));
  return encodeMessage(CheckInProtectedReportType, {
    locationIdHash: report.locationIdHash,
    iv: report.iv,
    encryptedCheckInRecord: report.encryptedCheckInRecord,
    mac: report.mac,
  });
}

/** Wire record (already decoded by protobufjs) -> report, shape-checked. */
export function reportFromWire(m: WireRecord, fail: Fail, where: string): CheckInProtectedReport {
  const report: CheckInProtectedReport = {
    locationIdHash: wireBytes(m, "locationIdHash"),
    iv: wireBytes(m, "iv"),
    encryptedCheckInRecord: wireBytes(m, "encryptedCheckInRecord"),
    mac: wireBytes(m, "mac"),
  };
  checkReportShape(report, fail, where);
  return report;
}

/** Decodes one report. Throws DecodeError on malformed input or wrong field lengths. */
export function decodeCheckInProtectedReport(bytes: Uint8Array): CheckInProtectedReport {
  const fail = decodeFail("CheckInProtectedReport");
  checkDecodeInput(bytes, MAX_CHECK_IN_PROTECTED_REPORT_BYTES, fail);
  const m = decodeMessage(CheckInProtectedReportType, bytes, "CheckInProtectedReport");
  return reportFromWire(m, fail, "report");
}
