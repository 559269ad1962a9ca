/**
 * TraceWarningPackage codec: the hourly package of CheckInProtectedReports the server publishes
 * (intervalNumber = hours since the epoch). The deprecated unencrypted warnings (field 3) are skipped.
 */

import { ProtocolError } from "../errors.ts";
import type { WireRecord } from "../export/proto.ts";
import { countTopLevelFields } from "../export/proto.ts";
import { decodeFail, decodeWire, encodeFail } from "../export/wire.ts";
import { checkReportShape, reportFromWire } from "./protected-report.ts";
import {
  checkDecodeInput,
  checkString,
  checkUint32,
  decodeMessage,
  encodeMessage,
  TraceWarningPackageType,
  wireString,
  wireUint32,
} from "./proto.ts";
import type { TraceWarningPackage } from "./types.ts";

/** Upper bound on an encoded package. */
export const MAX_TRACE_WARNING_PACKAGE_BYTES = 64 * 1024 * 1024;
/** Upper bound on the reports in one package. */
export const MAX_REPORTS_PER_PACKAGE = 500_000;
const HOUR_MS = 3_600_000;

/** The package interval (hours since the epoch) containing Unix time `ms`. */
export function traceWarningIntervalNumber(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0)
    throw new ProtocolError("bad_argument", "time must be a non-negative number");
  return Math.floor(ms / HOUR_MS);
}

/** Encodes a package (zero fields left out). Throws ProtocolError on a malformed report or field. */
export function encodeTraceWarningPackage(pkg: TraceWarningPackage): Uint8Array {
  const fail = encodeFail("TraceWarningPackage");
  if (!Array.isArray(pkg.checkInProtectedReports))
    fail("bad_field", "checkInProtectedReports must be an array");
  if (pkg.checkInProtectedReports.length > MAX_REPORTS_PER_PACKAGE)
    fail("too_many_reports", "too many reports");
  pkg.checkInProtectedReports.forEach((r, i) => {
    checkReportShape(r, fail, `checkInProtectedReports[${i}]`);
  });
  return encodeMessage(TraceWarningPackageType, {
    intervalNumber: checkUint32(pkg.intervalNumber, "intervalNumber", fail),
    region: checkString(pkg.region, "region", fail),
    checkInProtectedReports: pkg.checkInProtectedReports.map((r) => ({
      locationIdHash: r.locationIdHash,
      iv: r.iv,
      encryptedCheckInRecord: r.encryptedCheckInRecord,
      mac: r.mac,
    })),
  });
}

/** Decodes a package. Throws DecodeError on malformed input, including any malformed report. */
export function decodeTraceWarningPackage(bytes: Uint8Array): TraceWarningPackage {
  const fail = decodeFail("TraceWarningPackage");
  checkDecodeInput(bytes, MAX_TRACE_WARNING_PACKAGE_BYTES, fail);
  const count = decodeWire(
    () => countTopLevelFields(bytes, [4], MAX_REPORTS_PER_PACKAGE),
    "TraceWarningPackage",
  );
  if (count > MAX_REPORTS_PER_PACKAGE)
    fail("too_many_reports", `more than ${MAX_REPORTS_PER_PACKAGE} reports`);
  const m = decodeMessage(TraceWarningPackageType, bytes, "TraceWarningPackage");
  const reports = (Array.isArray(m.checkInProtectedReports) ? m.checkInProtectedReports : []) as WireRecord[];
  return {
    intervalNumber: wireUint32(m, "intervalNumber"),
    region: wireString(m, "region"),
    checkInProtectedReports: reports.map((r, i) => reportFromWire(r, fail, `checkInProtectedReports[${i}]`)),
  };
}
